package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * CLI.md and TRACE-FORMAT.md: a replay of a trace that ends early never comes out clean; its
 * outcome is {@code truncated} (exit 4) unless a panic or a divergence decides, or
 * {@code --allow-truncated} judges it by its findings.
 */
class TruncatedTraceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The first {@code fraction} of {@code source}'s bytes, as {@code name}. */
    private Path cut(Path source, double fraction, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(source);
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }

    private static JsonNode json(Run run) throws Exception {
        return JSON.readTree(run.out());
    }

    @Test
    void theRxStormSampleCutInHalfIsTruncatedNotClean() throws Exception {
        Path cut = cut(Repo.root().resolve("sample-traces/rx-storm-panic.json"), 0.5, "rx-storm-panic.json");
        Run run = Run.of("replay", cut.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.NOT_REPRODUCED);
        assertThat(run.out().lines().findFirst().orElseThrow()).as("the first line says so")
                .startsWith(cut + ": warning: truncated after event 300 (byte ")
                .endsWith("what the rest held is unknown, so the trace cannot pass (--allow-truncated judges it by"
                        + " its findings)");
        assertThat(run.out()).endsWith("Outcome: truncated\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void noSampleCutShortComesOutClean() throws Exception {
        try (var samples = Files.list(Repo.root().resolve("sample-traces"))) {
            // sample-traces/README.md and sample-traces/dmesg (kernel logs for explain) hold no trace
            for (Path p : samples.filter(p -> Files.isRegularFile(p) && !p.toString().endsWith(".md")).sorted().toList()) {
                for (double fraction : new double[] {0.3, 0.6, 0.9}) {
                    Path cut = cut(p, fraction, "cut-" + p.getFileName());
                    JsonNode report = json(Run.of("replay", "--format", "json", cut.toString()));
                    assertThat(report.get("trace").get("truncated").asBoolean()).as(cut + " " + fraction).isTrue();
                    assertThat(report.get("outcome").asString()).as(p + " cut at " + fraction)
                            .isIn("truncated", "panic-reproduced", "panic-not-reproduced", "diverged");
                }
            }
        }
    }

    @Test
    void generatedTracesCutShortInEveryEncodingAreTruncated() throws Exception {
        Path json = dir.resolve("steady.json");
        assertThat(Run.of("gen", "steady", "--events", "3000", "-o", json.toString()).exit()).isZero();
        Path ndjson = dir.resolve("steady.ndjson");
        assertThat(Run.of("convert", json.toString(), "-o", ndjson.toString()).exit()).isZero();
        Path gz = dir.resolve("steady.ndjson.gz");
        assertThat(Run.of("convert", json.toString(), "-o", gz.toString()).exit()).isZero();
        Path lbt = dir.resolve("steady.lbt");
        assertThat(Run.of("convert", json.toString(), "-o", lbt.toString()).exit()).isZero();
        for (Path whole : List.of(json, ndjson, gz, lbt)) {
            Run full = Run.of("replay", "--format", "json", whole.toString());
            assertThat(json(full).get("outcome").asString()).as(whole.toString()).isEqualTo("clean");
            Run run = Run.of("replay", "--format", "json", cut(whole, 0.6, "cut-" + whole.getFileName()).toString());
            JsonNode report = json(run);
            assertThat(report.get("trace").get("truncated").asBoolean()).as(whole.toString()).isTrue();
            assertThat(report.get("outcome").asString()).as(whole.toString()).isEqualTo("truncated");
            assertThat(run.exit()).as(whole.toString()).isEqualTo(ExitCode.NOT_REPRODUCED);
        }
    }

    /** Four balanced page events: clean when whole. */
    private static final String CAPTURE = "# tracer: nop\n#\n"
            + "  a-1 [000] .... 1.000001: mm_page_alloc: page=000000007a1b2c3d pfn=0x1000 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n"
            + "  a-1 [000] .... 1.000002: mm_page_alloc: page=000000007a1b2c3d pfn=0x1001 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n"
            + "  a-1 [000] .... 1.000003: mm_page_free: page=000000007a1b2c3d pfn=0x1000 order=0\n"
            + "  a-1 [000] .... 1.000004: mm_page_free: page=000000007a1b2c3d pfn=0x1001 order=0\n";

    @Test
    void kernelCapturesCutShortPlainOrGzippedAreTruncated() throws Exception {
        Path whole = Files.writeString(dir.resolve("capture.txt"), CAPTURE);
        assertThat(Run.of("replay", whole.toString()).out()).endsWith("Outcome: clean\n");
        // cut inside the last line's pfn, which would read as a free of a page never seen
        Path cut = Files.writeString(dir.resolve("cut.txt"), CAPTURE.substring(0, CAPTURE.length() - 12));
        Run plain = Run.of("replay", cut.toString());
        assertThat(plain.out()).startsWith(cut + ": warning: truncated after event 2 (byte ").endsWith(
                "Outcome: truncated\n");
        assertThat(plain.exit()).isEqualTo(ExitCode.NOT_REPRODUCED);
        Path gz = dir.resolve("capture.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(CAPTURE.repeat(50).getBytes(StandardCharsets.UTF_8));
        }
        Run gzipped = Run.of("replay", "--format", "json", cut(gz, 0.7, "cut.txt.gz").toString());
        assertThat(json(gzipped).get("outcome").asString()).isEqualTo("truncated");
        assertThat(gzipped.exit()).isEqualTo(ExitCode.NOT_REPRODUCED);
    }

    @Test
    void allowTruncatedExitsByTheFindingsAndTheReportStillSaysItWasCut() throws Exception {
        Path cut = cut(Repo.root().resolve("sample-traces/rx-storm-panic.json"), 0.5, "rx.json");
        Run text = Run.of("replay", "--allow-truncated", cut.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).startsWith(cut + ": warning: truncated after event 300 (byte ")
                .endsWith("Outcome: clean\n");
        assertThat(text.out().lines().findFirst().orElseThrow()).endsWith("what the rest held is unknown");
        JsonNode report = json(Run.of("replay", "--allow-truncated", "--format", "json", cut.toString()));
        assertThat(report.get("trace").get("truncated").asBoolean()).isTrue();
        assertThat(report.get("outcome").asString()).isEqualTo("clean");
        String sample = Files.readString(Repo.root().resolve("sample-traces/double-free.json"));
        // cut after the double free (seq 12), before the last free
        Path doubleFree = Files.writeString(dir.resolve("df.json"), sample.substring(0, sample.indexOf("\"seq\": 13")));
        Run findings = Run.of("replay", "--allow-truncated", "--format", "json", doubleFree.toString());
        assertThat(json(findings).get("outcome").asString()).isEqualTo("findings");
        assertThat(findings.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Run.of("replay", doubleFree.toString()).exit()).as("without the option")
                .isEqualTo(ExitCode.NOT_REPRODUCED);
    }

    @Test
    void aPanicBeforeTheCutDecidesTheOutcome() throws Exception {
        Path sample = Repo.root().resolve("sample-traces/rx-storm-panic.json");
        String text = Files.readString(sample);
        int panic = text.indexOf("\"op\":\"panic\"");
        assertThat(panic).isPositive();
        Path cut = Files.writeString(dir.resolve("after-panic.json"), text.substring(0, text.indexOf('}', panic) + 1));
        Run run = Run.of("replay", "--format", "json", cut.toString());
        JsonNode report = json(run);
        assertThat(report.get("trace").get("truncated").asBoolean()).isTrue();
        assertThat(report.get("outcome").asString()).isEqualTo("panic-reproduced");
        assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void aDivergenceBeforeTheCutDecidesTheOutcome() throws Exception {
        Path t = Files.writeString(dir.resolve("diverged.ndjson"), "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}}\n"
                + "{\"op\": \"alloc\", \"owner\": \"a\", \"pfn\": 8}\n{\"op\": \"free\", \"owner\": \"a\", \"pf");
        JsonNode report = json(Run.of("replay", "--format", "json", t.toString()));
        assertThat(report.get("trace").get("truncated").asBoolean()).isTrue();
        assertThat(report.get("outcome").asString()).isEqualTo("diverged");
    }

    @Test
    void junitFailsACutTraceAndSarifNotesIt() throws Exception {
        Path cut = cut(Repo.root().resolve("sample-traces/rx-storm-panic.json"), 0.5, "rx.json");
        Run junit = Run.of("replay", "--format", "junit", cut.toString());
        assertThat(junit.out()).contains("failures=\"1\"").contains("<failure type=\"truncated\" message=\"truncated:"
                + " truncated after event 300 (byte ");
        Run allowed = Run.of("replay", "--format", "junit", "--allow-truncated", cut.toString());
        assertThat(allowed.out()).contains("failures=\"0\"").doesNotContain("<failure")
                .contains("<system-err>" + cut + ": warning: truncated after event 300");
        JsonNode inv = json(Run.of("replay", "--format", "sarif", cut.toString()))
                .get("runs").get(0).get("invocations").get(0);
        assertThat(inv.get("executionSuccessful").asBoolean()).isTrue();
        JsonNode note = inv.get("toolExecutionNotifications").get(0);
        assertThat(note.get("level").asString()).isEqualTo("error");
        assertThat(note.get("message").get("text").asString()).startsWith("truncated after event 300 (byte ");
        assertThat(note.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asString())
                .endsWith("rx.json");
        JsonNode allowedNote = json(Run.of("replay", "--format", "sarif", "--allow-truncated", cut.toString()))
                .get("runs").get(0).get("invocations").get(0).get("toolExecutionNotifications").get(0);
        assertThat(allowedNote.get("level").asString()).isEqualTo("warning");
    }

    @Test
    void triageBucketsCutTracesUnderTruncatedAndExitsFour() throws Exception {
        Files.createDirectories(dir.resolve("ci"));
        Files.copy(Repo.root().resolve("sample-traces/clean.json"), dir.resolve("ci/clean.json"));
        cut(Repo.root().resolve("sample-traces/clean.json"), 0.7, "ci/clean-cut.json");
        cut(Repo.root().resolve("sample-traces/rx-storm-panic.json"), 0.5, "ci/rx-cut.json");
        Run run = Run.of("triage", "--format", "json", dir.resolve("ci").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.NOT_REPRODUCED);
        JsonNode report = json(run);
        assertThat(report.get("clean").asInt()).isEqualTo(1);
        JsonNode bucket = report.get("buckets").get(0);
        assertThat(bucket.get("signature").asString()).isEqualTo("truncated");
        assertThat(bucket.get("count").asInt()).isEqualTo(2);
        assertThat(bucket.get("exit").asInt()).isEqualTo(ExitCode.NOT_REPRODUCED);
        assertThat(bucket.get("example").get("message").asString()).startsWith("truncated after event ");
        Run text = Run.of("triage", dir.resolve("ci").toString());
        assertThat(text.out()).contains("   2  error    truncated\n      example: " + dir.resolve("ci/clean-cut.json")
                + ": truncated after event ");
        Run allowed = Run.of("triage", "--allow-truncated", "--format", "json", dir.resolve("ci").toString());
        assertThat(allowed.exit()).isZero();
        assertThat(json(allowed).get("clean").asInt()).isEqualTo(3);
    }
}
