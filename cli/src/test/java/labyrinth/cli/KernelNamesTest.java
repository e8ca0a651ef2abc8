package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** machine.kernel: the trace's GFP names mean and print what they did on that kernel, in every report. */
class KernelNamesTest {
    @TempDir
    Path dir;

    private Path trace(String kernelKey) throws Exception {
        return TestTraces.write(dir, "nowait.json", "{\"labyrinth\": 1, \"machine\": {" + kernelKey
                + "\"zones\": [{\"name\": \"Normal\", \"startPfn\": 0, \"pages\": 64,"
                + " \"watermarks\": {\"min\": 70, \"low\": 70, \"high\": 70}}]}, \"events\": [\n"
                + "{\"op\": \"alloc\", \"gfp\": \"GFP_NOWAIT\", \"owner\": \"nic\"}\n]}\n");
    }

    @Test
    void gfpNowaitOf66IsTheKswapdBitAloneSoItsFailureWarns() throws Exception {
        Run run = Run.of("replay", "--fail-on", "never", trace("\"kernel\": \"6.6\", ").toString());
        assertThat(run.out()).contains("nowait.json:2:1: warning: alloc-failure: order-0 0x800(GFP_NOWAIT) by nic in task"
                + " failed: Normal free 64 <= min 70");
        assertThat(run.out()).contains("note: nic: page allocation failure: order:0, mode:0x800(GFP_NOWAIT)");
        assertThat(run.out()).contains("event 0 (line 2): order-0 0x800(GFP_NOWAIT) by nic failed (watermark)");
        Run json = Run.of("replay", "--format", "json", trace("\"kernel\": \"6.6\", ").toString());
        assertThat(json.out()).contains("\"gfp\": \"0x800(GFP_NOWAIT)\"").contains("\"severity\": \"warning\"");
    }

    @Test
    void withoutAKernelGfpNowaitHasNowarnAsIn612SoItsFailureIsInfo() throws Exception {
        Run run = Run.of("replay", trace("").toString());
        assertThat(run.out()).contains("nowait.json:2:1: info: alloc-failure: order-0 0x2800(GFP_NOWAIT) by nic");
    }

    @Test
    void statsCountMasksUnderTheKernelsNames() throws Exception {
        Run run = Run.of("stats", trace("\"kernel\": \"5.15\", ").toString());
        assertThat(run.out()).contains("0x800(GFP_NOWAIT)");
    }

    private Path kernelText() throws Exception {
        return TestTraces.write(dir, "k.txt", "# tracer: nop\n"
                + "  mm_page_alloc: page=0x10 pfn=0x10 order=0 migratetype=0 gfp_flags=GFP_NOWAIT\n");
    }

    @Test
    void importWritesTheKernelItWasGivenAndReadsTheNamesAsThatKernelMeantThem() throws Exception {
        Path out = dir.resolve("t.json");
        Run run = Run.of("import", "--from", "ftrace", "--kernel", "6.6", kernelText().toString(), "-o", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        String written = java.nio.file.Files.readString(out);
        assertThat(written).contains("\"kernel\":\"6.6\"").contains("\"gfp\":\"GFP_NOWAIT\"");
        assertThat(Run.of("stats", out.toString()).out()).contains("0x800(GFP_NOWAIT)");
    }

    @Test
    void everyCommandThatReadsKernelTextTakesKernel() throws Exception {
        String k = kernelText().toString();
        assertThat(Run.of("stats", "--kernel", "6.6", k).out()).contains("0x800(GFP_NOWAIT)");
        assertThat(Run.of("stats", k).out()).contains("0x2800(GFP_NOWAIT)");
        for (String command : new String[] {"replay", "validate", "triage", "stats", "convert", "reduce", "repl"}) {
            assertThat(Run.of(command, "--help").out()).as(command).contains("--kernel=VERSION");
        }
        Run bad = Run.of("replay", "--kernel", "six", k);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("--kernel must be a Linux version starting with major.minor, such as 6.6 or"
                + " 5.15.0-91-generic, found six");
    }
}
