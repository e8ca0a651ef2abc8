package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import labyrinth.core.Gfp;
import labyrinth.testing.TraceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ReduceCommandTest {
    @TempDir
    Path dir;

    private String bucketOf(Path trace) throws Exception {
        Run run = Run.of("triage", "--format", "json", trace.toString());
        JsonNode buckets = new ObjectMapper().readTree(run.out()).get("buckets");
        return buckets.isEmpty() ? null : buckets.get(0).get("signature").asString();
    }

    @Test
    void writesASmallerTraceWithTheSameSignatureAndReportsProgress() throws Exception {
        Path big = TestTraces.write(dir, "big.json", TestTraces.trace(60, "double-free"));
        Path small = Files.createDirectory(dir.resolve("out")).resolve("small.ndjson");
        Run run = Run.of("reduce", big.toString(), "-o", small.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).contains("reduce: events: ").contains("tries")
                .contains("123 -> 3 events").contains("signature: double-free nvme0q3@nvme_timeout+0x1c");
        assertThat(bucketOf(small)).isEqualTo(bucketOf(big)).isEqualTo("double-free nvme0q3@nvme_timeout+0x1c");
        assertThat(Files.readAllLines(small)).hasSize(4);
        assertThat(Files.readAllLines(small).get(0)).contains("\"reducedFrom\"");
        try (var left = Files.list(small.getParent())) {
            assertThat(left.toList()).as("no temporary files left").containsExactly(small);
        }
    }

    @Test
    void signatureChoosesWhichFailureToKeep() throws Exception {
        // a use after free first, then a double free of another page: both are errors
        TraceBuilder b = TestTraces.builder(4, "use-after-free");
        b.site("s").alloc("b", 0, Gfp.GFP_KERNEL).free("b", 4).site("again").free("b", 4);
        Path both = TestTraces.write(dir, "both.json", TestTraces.json(b));
        assertThat(bucketOf(both)).isEqualTo("use-after-free virtio_blk@-");
        Path out = dir.resolve("df.json");
        Run run = Run.of("reduce", "--signature", "double-free b@again", both.toString(), "-o", out.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(bucketOf(out)).isEqualTo("double-free b@again");

        Run missing = Run.of("reduce", "--signature", "leak x@y", both.toString(), "-o", out.toString());
        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).hasLineCount(1).contains("no failure with signature \"leak x@y\"")
                .contains("double-free b@again");
    }

    @Test
    void cleanTraceHasNothingToReduce() throws Exception {
        Path clean = TestTraces.write(dir, "clean.json", TestTraces.trace(3, "none"));
        Run run = Run.of("reduce", clean.toString(), "-o", dir.resolve("x.json").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).hasLineCount(1).contains("nothing to reduce");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void unreadableTraceIsOneLineAndExitThree() throws Exception {
        Path broken = TestTraces.write(dir, "broken.json", "{\"labyrinth\": 7}");
        Run run = Run.of("reduce", broken.toString(), "-o", dir.resolve("x.json").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).hasLineCount(1).startsWith(broken.toString());
    }
}
