package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * CLI.md's {@code --max-findings N}: past N, findings are kept by severity first, then by event; the
 * panic, every alloc-failure (with its exhaustion snapshot) and the counts by kind are never dropped.
 */
class MaxFindingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEVERITIES = List.of("info", "warning", "error");

    @TempDir
    static Path dir;
    static Path trace;
    static JsonNode full;

    @BeforeAll
    static void generate() throws Exception {
        trace = dir.resolve("random.ndjson");
        assertThat(Run.of("gen", "random", "--events", "20000", "-o", trace.toString()).exit()).isZero();
        full = report("--max-findings", "1000000");
        assertThat(full.has("droppedFindings")).isFalse();
    }

    private static JsonNode report(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "--format", "json"));
        args.addAll(List.of(options));
        args.add(trace.toString());
        return JSON.readTree(Run.of(args.toArray(String[]::new)).out());
    }

    private static String id(JsonNode f) {
        return f.get("event").asLong() + " " + f.get("kind").asString() + " " + f.get("message").asString();
    }

    private static boolean alwaysKept(JsonNode f) {
        return f.get("kind").asString().equals("alloc-failure") || f.get("kind").asString().equals("panic");
    }

    private static Map<String, Long> countByKind(List<JsonNode> findings) {
        Map<String, Long> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(f.get("kind").asString(), 1L, Long::sum));
        return counts;
    }

    @Test
    void pastTheLimitTheMostSevereAndEarliestAreKeptAndTheFailuresAlways() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        full.get("findings").forEach(all::add);
        long errors = all.stream().filter(f -> !alwaysKept(f) && f.get("severity").asString().equals("error")).count();
        int limit = 300;
        assertThat(errors).as("the trace has more errors than the limit, and more findings still").isGreaterThan(limit);
        assertThat(all.stream().filter(f -> f.get("kind").asString().equals("leak")).count()).isPositive();

        JsonNode capped = report("--max-findings", String.valueOf(limit));
        List<JsonNode> kept = new ArrayList<>();
        capped.get("findings").forEach(kept::add);

        // expected: every failure and the panic, and the first `limit` others by severity, then event, then as found
        List<JsonNode> ranked = new ArrayList<>(all.stream().filter(f -> !alwaysKept(f)).toList());
        ranked.sort(Comparator.comparingInt((JsonNode f) -> -SEVERITIES.indexOf(f.get("severity").asString()))
                .thenComparingLong(f -> f.get("event").asLong()));
        List<String> expected = new ArrayList<>();
        for (JsonNode f : all) {
            if (alwaysKept(f) || ranked.subList(0, limit).contains(f)) {
                expected.add(id(f));
            }
        }
        assertThat(kept.stream().map(MaxFindingsTest::id).toList()).as("in event order, as the full report lists them")
                .containsExactlyElementsOf(expected);
        assertThat(kept.stream().filter(f -> !alwaysKept(f)).map(f -> f.get("severity").asString()))
                .as("errors outrank the warnings and info that filled the first slots").containsOnly("error");

        assertThat(capped.get("summary").get("findingsByKind")).isEqualTo(full.get("summary").get("findingsByKind"));
        assertThat(capped.get("droppedFindings").asLong()).isEqualTo(all.size() - kept.size());
        Map<String, Long> dropped = countByKind(all);
        countByKind(kept).forEach((k, n) -> dropped.merge(k, -n, Long::sum));
        dropped.values().removeIf(n -> n == 0);
        Map<String, Long> reported = new TreeMap<>();
        capped.get("droppedByKind").properties().forEach(e -> reported.put(e.getKey(), e.getValue().asLong()));
        assertThat(reported).isEqualTo(dropped);
    }

    @Test
    void theTextReportSaysHowManyWereDroppedByKind() {
        Run run = Run.of("replay", "--max-findings", "0", trace.toString());
        String note = run.out().lines().filter(l -> l.startsWith(trace + ": note: ")).findFirst().orElseThrow();
        assertThat(note).matches(".*: note: \\d+ more findings not shown \\(--max-findings\\): [a-z-]+ \\d+(, [a-z-]+ \\d+)*")
                .doesNotContain("alloc-failure");
        assertThat(run.out()).contains(": warning: alloc-failure: ").contains("\nExhaustion points (");
    }

    @Test
    void aNegativeLimitIsAUsageError() {
        Run run = Run.of("replay", "--max-findings", "-1", trace.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("--max-findings must be at least 0, found -1\n");
    }
}
