package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it: real {@code main}, real exit codes, nothing else in the JVM. */
class PackagedJarIT {
    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("labyrinth.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(Repo.root().toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void cleanTraceExitsZero() throws Exception {
        Result r = run("replay", "sample-traces/clean.json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Outcome: clean");
    }

    @Test
    void findingsExitOne() throws Exception {
        Result r = run("replay", "sample-traces/double-free.json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("error: double-free:");
    }

    @Test
    void usageErrorExitsTwo() throws Exception {
        Result r = run("replay", "--fail-on", "sometimes", "sample-traces/clean.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--fail-on");
    }

    @Test
    void unreadableTraceExitsThreeWithOneLineAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"events\": [\n {\"op\": \"steal\"}\n]}\n");
        Result r = run("replay", bad.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo(bad + ":2:9: event 0: \"op\" must be one of alloc, free, access, transfer, panic, mark, found \"steal\"").doesNotContain("\n").doesNotContain("Exception");
        Result missing = run("replay", dir.resolve("missing.json").toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).doesNotContain("Exception");
    }

    @Test
    void divergenceExitsFourAndNamesBothResults() throws Exception {
        Result r = run("replay", Repo.examples().resolve("divergence.json").toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).contains("error: divergence: order-0 0xcc0(GFP_KERNEL) by a in task: the replay got pfn 1,"
                + " the recording got pfn 8");
    }

    @Test
    void reproducedPanicExitsOneAndNotReproducedExitsFour() throws Exception {
        assertThat(run("replay", Repo.examples().resolve("rx-storm-panic.json").toString()).exit()).isEqualTo(1);
        assertThat(run("replay", Repo.examples().resolve("panic-not-reproduced.json").toString()).exit()).isEqualTo(4);
    }

    @Test
    void versionAndHelpWork() throws Exception {
        assertThat(run("--version").out()).startsWith("labyrinth ");
        assertThat(run("--help").out()).contains("replay");
    }
}
