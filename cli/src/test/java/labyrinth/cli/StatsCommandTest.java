package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class StatsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void rxStormCountsTheDrainTheFailureAndThePeak() {
        Run r = Run.of("stats", Repo.examples().resolve("rx-storm-panic.json").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("ops:  alloc 245  free 0  access 0  transfer 0  panic 1  mark 0")
                .containsPattern("eth0-rx +245\n")
                .containsPattern("0x10000820\\(GFP_ATOMIC\\|__GFP_EXCLUSIVE\\) +245\n")
                .containsPattern("order-0 +245\n")
                .contains("allocation failures: 1 (watermark 1)")
                .contains("peak use: 244 pages (95.3% of 256), first at event 244")
                .containsPattern("eth0-rx +244 pages\n")
                .contains("scale 0 to 256, lowest 12");
        String spark = r.out().lines().filter(l -> l.startsWith("  █")).findFirst().orElseThrow().strip();
        assertThat(spark).hasSizeLessThanOrEqualTo(labyrinth.cli.report.StatsText.SPARK_WIDTH).startsWith("█").endsWith("▁");
    }

    @Test
    void jsonHasTheSameCounts() throws Exception {
        Run r = Run.of("stats", "--format", "json", Repo.examples().resolve("rx-storm-panic.json").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("stats").asInt()).isEqualTo(1);
        assertThat(j.get("ops").get("alloc").asLong()).isEqualTo(245);
        assertThat(j.get("owners").get("top").get(0).get("owner").asString()).isEqualTo("eth0-rx");
        assertThat(j.get("failures").get("byReason").get("watermark").asLong()).isEqualTo(1);
        assertThat(j.get("peak").get("pages").asLong()).isEqualTo(244);
        assertThat(j.get("peak").get("event").asLong()).isEqualTo(244);
        assertThat(j.get("heldAtEnd").get("owners").get(0).get("pages").asLong()).isEqualTo(244);
        JsonNode free = j.get("freePages").get("lowestPerColumn");
        assertThat(free.get(free.size() - 1).asLong()).isEqualTo(12);
    }

    @Test
    void longListsStopAtTopAndSayHowManyMore() throws Exception {
        StringBuilder t = new StringBuilder("{\"labyrinth\": 1, \"machine\": {\"pages\": 1024}}\n");
        for (int i = 0; i < 30; i++) {
            t.append("{\"op\": \"alloc\", \"owner\": \"drv").append(i).append("\", \"site\": \"s").append(i)
                    .append("\"}\n");
        }
        Path trace = dir.resolve("many.ndjson");
        Files.writeString(trace, t);
        Run r = Run.of("stats", "--top", "5", trace.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("  ... 25 more\n").doesNotContain("drv9 ");
        assertThat(r.out().lines().filter(l -> l.matches("  drv\\d+ +1")).count()).isEqualTo(5);
    }

    @Test
    void anUnreadableTraceExits3WithOneLine() {
        Run r = Run.of("stats", dir.resolve("missing.json").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }
}
