package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import labyrinth.cli.report.TraceRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class TriageTest {
    @TempDir
    Path dir;

    @Test
    void sameBugFromDifferentRunsIsOneBucketAndDifferentBugsAreNot() throws Exception {
        TestTraces.ciFolder(dir);
        Run run = Run.of("triage", "--format", "json", dir.toString());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("traces").asInt()).isEqualTo(7);
        assertThat(report.get("clean").asInt()).isEqualTo(1);
        JsonNode buckets = report.get("buckets");
        assertThat(buckets).hasSize(3);
        assertThat(buckets.get(0).get("signature").asString()).isEqualTo("double-free nvme0q3@nvme_timeout+0x1c");
        assertThat(buckets.get(0).get("count").asInt()).isEqualTo(3);
        assertThat(buckets.get(1).get("signature").asString()).isEqualTo("use-after-free virtio_blk@-");
        assertThat(buckets.get(1).get("count").asInt()).isEqualTo(2);
        assertThat(buckets.get(2).get("signature").asString()).isEqualTo("unreadable");
        assertThat(buckets.get(2).get("example").get("message").asString()).contains("broken.json");
        assertThat(run.exit()).as("the unreadable trace decides").isEqualTo(ExitCode.UNREADABLE);
        assertThat(report.get("exit").asInt()).isEqualTo(ExitCode.UNREADABLE);
    }

    @Test
    void generatedRunsOfOneBugWithDifferentSeedsShareABucket() throws Exception {
        for (int seed = 1; seed <= 4; seed++) {
            Run gen = Run.of("gen", "rx-storm", "--events", String.valueOf(300 + 97 * seed), "--seed",
                    String.valueOf(seed), "-o", dir.resolve("rx-" + seed + ".ndjson").toString());
            assertThat(gen.exit()).isZero();
        }
        Files.copy(Repo.root().resolve("sample-traces/double-free.json"), dir.resolve("double-free.json"));
        Run run = Run.of("triage", "--format", "json", dir.toString());
        JsonNode buckets = new ObjectMapper().readTree(run.out()).get("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).get("signature").asString())
                .isEqualTo("alloc-failure eth0-rx@rx_refill+0x4c/0x120 order-0 GFP_ATOMIC|__GFP_EXCLUSIVE watermark");
        assertThat(buckets.get(0).get("count").asInt()).isEqualTo(4);
        assertThat(buckets.get(1).get("signature").asString()).isEqualTo("double-free nvme0q3@nvme_timeout+0x2f8/0x3c0");
        assertThat(buckets.get(1).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void runsKeepTheirFindingsOnlyWhenAskedButAlwaysTheirPrimaryFailure() throws Exception {
        TestTraces.ciFolder(dir);
        List<Path> traces = labyrinth.cli.triage.TraceFinder.expand(List.of(dir));
        List<TraceRun> full = triage(true).run(traces, 2);
        List<TraceRun> slim = triage(false).run(traces, 2);
        assertThat(slim).hasSameSizeAs(full);
        int withFindings = 0;
        for (int i = 0; i < full.size(); i++) {
            TraceRun f = full.get(i);
            TraceRun s = slim.get(i);
            assertThat(s.primary()).as(f.name()).isEqualTo(f.primary());
            assertThat(s.exit()).isEqualTo(f.exit());
            if (!f.unreadable()) {
                withFindings += f.result().findings().isEmpty() ? 0 : 1;
                assertThat(s.result().findings()).isEmpty();
                assertThat(s.result().droppedFindings()).isEqualTo(f.result().findings().size());
                assertThat(s.result().summary()).isEqualTo(f.result().summary());
                assertThat(s.result().outcome()).isEqualTo(f.result().outcome());
            }
        }
        assertThat(withFindings).as("the folder has traces with findings").isGreaterThan(3);
    }

    private static Triage triage(boolean keepFindings) {
        return new Triage(null, labyrinth.replay.Severity.ERROR, 1L << 26, Integer.MAX_VALUE,
                labyrinth.format.ReaderLimits.defaults(), keepFindings, false);
    }

    @Test
    void textNamesCountSeverityAndAnExampleLocation() throws Exception {
        TestTraces.write(dir, "x.json", TestTraces.trace(2, "double-free"));
        Run run = Run.of("triage", dir.toString());
        assertThat(run.out()).contains("   1  error    double-free nvme0q3@nvme_timeout+0x1c\n")
                .contains("      example: " + dir.resolve("x.json") + ":6:1: free of pfn 2")
                .endsWith("1 trace: 1 failed in 1 bucket, 0 clean\n");
        assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void oneJobAndFourJobsGiveByteIdenticalReports() throws Exception {
        TestTraces.ciFolder(dir);
        for (int i = 0; i < 12; i++) {
            TestTraces.write(dir, "more/t" + i + ".json", TestTraces.trace(i, i % 3 == 0 ? "use-after-free"
                    : i % 3 == 1 ? "double-free" : "none"));
        }
        for (String format : new String[] {"text", "json", "sarif", "junit"}) {
            Run one = Run.of("triage", "--jobs", "1", "--format", format, dir.toString());
            Run four = Run.of("triage", "--jobs", "4", "--format", format, dir.toString());
            assertThat(four.out()).as(format).isEqualTo(one.out());
            assertThat(four.exit()).isEqualTo(one.exit());
        }
    }

    @Test
    void baselineRoundTripIgnoresKnownBucketsButNotNewOnes() throws Exception {
        TestTraces.write(dir, "runs/a.json", TestTraces.trace(3, "double-free"));
        TestTraces.write(dir, "runs/b.json", TestTraces.trace(8, "double-free"));
        Path baseline = dir.resolve("known.txt");
        Run first = Run.of("triage", "--write-baseline", baseline.toString(), dir.resolve("runs").toString());
        assertThat(first.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Files.readAllLines(baseline)).containsExactly(
                "# labyrinth triage baseline: one known bucket signature a line",
                "double-free nvme0q3@nvme_timeout+0x1c");

        Run known = Run.of("triage", "--baseline", baseline.toString(), dir.resolve("runs").toString());
        assertThat(known.exit()).isEqualTo(ExitCode.OK);
        assertThat(known.out()).contains("double-free nvme0q3@nvme_timeout+0x1c  (known)")
                .contains("(1 known, 0 new)");

        TestTraces.write(dir, "runs/c.json", TestTraces.trace(1, "use-after-free"));
        Run withNew = Run.of("triage", "--baseline", baseline.toString(), dir.resolve("runs").toString());
        assertThat(withNew.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(withNew.out()).contains("(1 known, 1 new)");

        Run rewritten = Run.of("triage", "--write-baseline", baseline.toString(), dir.resolve("runs").toString());
        assertThat(rewritten.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Run.of("triage", "--baseline", baseline.toString(), dir.resolve("runs").toString()).exit())
                .isEqualTo(ExitCode.OK);
    }

    @Test
    void missingTraceIsItsOwnBucketAndOthersStillRun() throws Exception {
        Path good = TestTraces.write(dir, "good.json", TestTraces.trace(2, "none"));
        Run run = Run.of("triage", good.toString(), dir.resolve("missing.json").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.out()).contains("unreadable").contains("missing.json")
                .contains("2 traces: 1 failed in 1 bucket, 1 clean");
    }

    @Test
    void aFolderIsSearchedByContentForEveryEncoding() throws Exception {
        Path sample = Repo.root().resolve("sample-traces/double-free.json");
        Path folder = dir.resolve("ci");
        Files.createDirectories(folder.resolve(".git"));
        assertThat(Run.of("convert", sample.toString(), "-o", folder.resolve("run-1.bin").toString()).exit()).isZero();
        assertThat(Run.of("convert", sample.toString(), "-o", folder.resolve("run-2.lbt").toString()).exit()).isZero();
        assertThat(Run.of("convert", "--format", "ndjson", sample.toString(), "-o",
                folder.resolve("run-3.gz").toString()).exit()).isZero();
        Files.copy(sample, folder.resolve("run-4.trace"));
        Files.writeString(folder.resolve("capture.log"), "# tracer: nop\n"
                + "  a-1 [000] .... 1.000001: mm_page_free: page=000000007a1b2c3d pfn=0x10 order=0\n"
                + "  a-1 [000] .... 1.000002: mm_page_free: page=000000007a1b2c3d pfn=0x10 order=0\n");
        Files.writeString(folder.resolve("README.md"), "# CI traces\n\nOne trace a run.\n");
        Files.copy(sample, folder.resolve(".hidden.json"));
        Files.copy(sample, folder.resolve(".git/stale.json"));
        Run run = Run.of("triage", "--format", "json", folder.toString());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("traces").asInt()).isEqualTo(5);
        assertThat(report.get("skipped").asInt()).as("README.md").isEqualTo(1);
        JsonNode buckets = report.get("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).get("signature").asString()).isEqualTo("double-free nvme0q3@nvme_timeout+0x2f8/0x3c0");
        assertThat(buckets.get(0).get("traces")).extracting(JsonNode::asString).containsExactly(
                folder.resolve("run-1.bin").toString(), folder.resolve("run-2.lbt").toString(),
                folder.resolve("run-3.gz").toString(), folder.resolve("run-4.trace").toString());
        assertThat(buckets.get(1).get("signature").asString()).as("the kernel capture").startsWith("double-free");
        assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Run.of("triage", folder.toString()).out()).endsWith(
                "5 traces: 5 failed in 2 buckets, 0 clean; 1 other file skipped, not a trace\n");
    }

    @Test
    void aFileNamedLikeATraceIsTakenEvenWhenItHoldsNone() throws Exception {
        Files.writeString(dir.resolve("crashed.json"), "");
        TestTraces.write(dir, "good.json", TestTraces.trace(2, "none"));
        Run run = Run.of("triage", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.out()).contains("unreadable").endsWith("2 traces: 1 failed in 1 bucket, 1 clean\n");
    }

    @Test
    void aFolderWithNoTraceFailsWithOneLineAndNoReport() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run none = Run.of("triage", empty.toString());
        assertThat(none.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(none.err()).isEqualTo("no traces found in " + empty + "\n");
        assertThat(none.out()).isEmpty();

        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("README.md"), "not a trace\n");
        Files.writeString(docs.resolve("notes.txt"), "not one either\n");
        Path report = dir.resolve("report.json");
        Run others = Run.of("triage", "--format", "json", "-o", report.toString(), docs.toString());
        assertThat(others.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(others.err()).isEqualTo("no traces found in " + docs + " (2 files, none a trace)\n");
        assertThat(report).doesNotExist();
    }

    @Test
    void aFolderWithNoTraceBesideGoodOnesStillFailsTheRun() throws Exception {
        Path good = Files.createDirectories(dir.resolve("good"));
        TestTraces.write(good, "a.json", TestTraces.trace(2, "none"));
        Path wrong = Files.createDirectories(dir.resolve("wrong"));
        Run run = Run.of("triage", good.toString(), wrong.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).isEqualTo("no traces found in " + wrong + "\n");
        assertThat(run.out()).endsWith("1 trace: 0 failed in 0 buckets, 1 clean\n");
    }

    @Test
    void everyReadingErrorGoesToStandardErrorAlsoWithOutput() throws Exception {
        TestTraces.ciFolder(dir.resolve("ci"));
        Path out = dir.resolve("triage.txt");
        Run run = Run.of("triage", "-o", out.toString(), dir.resolve("ci").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasLineCount(1).startsWith(dir.resolve("ci/run-3/broken.json") + ":");
        assertThat(Files.readString(out)).contains("unreadable").contains("broken.json");
    }

    @Test
    void unreadableBaselineIsOneLineAndExitThree() {
        Run run = Run.of("triage", "--baseline", dir.resolve("nope.txt").toString(), dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).hasLineCount(1).contains("cannot read the baseline");
    }
}
