package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir
    Path dir;

    private Path trace(String text) throws Exception {
        Path p = dir.resolve("t.json");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aSmallZoneFarAbovePfnZeroIsRefusedByItsSpanNotAnOutOfMemoryCrash() throws Exception {
        Path t = trace("{\"labyrinth\": 1, \"machine\": {\"zones\": [{\"name\": \"Normal\", \"startPfn\": 1073741824,"
                + " \"pages\": 64}]}, \"events\": []}\n");
        Run run = Run.of("replay", t.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).isEqualTo(t + ": machine spans 1073741888 page frames (pfn 0 to its end), more than the"
                + " limit of 67108864 pages (raise it with --max-pages)\n");
    }

    @Test
    void aMachineOverTheLimitNamesTheOption() throws Exception {
        Path t = trace("{\"labyrinth\": 1, \"machine\": {\"pages\": 4096}, \"events\": []}\n");
        Run run = Run.of("replay", "--max-pages", "1024", t.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).isEqualTo(t + ": machine has 4096 pages, more than the limit of 1024 pages"
                + " (raise it with --max-pages)\n");
    }

    @Test
    void reproducedPanicDoesNotFailWithFailOnNever() {
        Run run = Run.of("replay", "--fail-on", "never", Repo.examples().resolve("rx-storm-panic.json").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Outcome: panic-reproduced");
    }

    @Test
    void warningsFailTheRunOnlyWithFailOnWarning() {
        String frag = Repo.root().resolve("sample-traces/fragmentation-failure.json").toString();
        assertThat(Run.of("replay", frag).exit()).isZero();
        assertThat(Run.of("replay", "--fail-on", "warning", frag).exit()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void writesTheReportAtomicallyToOutput() throws Exception {
        Path out = dir.resolve("report.json");
        Files.writeString(out, "old");
        Run run = Run.of("replay", "--format", "json", "-o", out.toString(),
                Repo.root().resolve("sample-traces/double-free.json").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("{\n \"report\": 1,");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.json");
        }
    }
}
