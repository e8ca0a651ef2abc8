package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Main}'s own standard streams, in a process of its own: bytes reach the real standard
 * output unchanged, and an output that is the file standard input is redirected from
 * ({@code < trace.json}) is refused.
 */
class StdioProcessTest {
    @TempDir
    Path dir;

    private record Result(int exit, byte[] out, String err) {
    }

    private static Result run(File stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "labyrinth.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(stdin).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void binaryOnStandardOutputAndRedirectedStandardInputAsAnInput() throws Exception {
        Path trace = dir.resolve("mine.json");
        Files.copy(Repo.root().resolve("sample-traces/double-free.json"), trace);
        byte[] before = Files.readAllBytes(trace);
        Path lbt = dir.resolve("mine.lbt");
        assertThat(Run.of("convert", trace.toString(), "-o", lbt.toString()).exit()).isZero();

        Result binary = run(trace.toFile(), "convert", "-", "--format", "binary", "-o", "-");
        assertThat(binary.err()).isEqualTo("converted 14 events from <stdin> to standard output\n");
        assertThat(binary.out()).isEqualTo(Files.readAllBytes(lbt));

        Result replace = run(trace.toFile(), "replay", "-", "-o", trace.toString());
        assertThat(replace.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(replace.err()).startsWith("-o " + trace + " is the input <stdin>: expected another file");
        assertThat(Files.readAllBytes(trace)).isEqualTo(before);
    }
}
