package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code labyrinth repl} as a separate process with real pipes: standard input that is not a
 * terminal is read as commands (and not swallowed by a terminal library), {@code -c} and
 * {@code --batch} likewise; exit 0, or 1 when a command failed.
 */
class ReplProcessTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "labyrinth.cli.Main", "repl"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("NO_COLOR");
        File err = Files.createTempFile("repl-err", ".txt").toFile();
        pb.redirectError(err);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String e = Files.readString(err.toPath());
        err.delete();
        return new Result(p.exitValue(), out, e);
    }

    private static String trace() {
        return Repo.examples().resolve("ownership.json").toString();
    }

    @Test
    void commandsOnPipedStandardInput() throws Exception {
        Result r = run("goto 2\npage 0x0; top 1\n", trace());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("> goto 2\nafter event 2 (line 20), 3 of 15 events applied\n")
                .contains("> page 0x0\npfn 0 (0xffff888000000000), zone Normal: allocated\n")
                .endsWith("> top 1\n        4 pages  nvme0q1\n")
                .doesNotContain("(labyrinth)").doesNotContain("\u001b[");
    }

    @Test
    void aFailedCommandMakesTheExitCodeOne() throws Exception {
        Result r = run("step\nfrobnicate\nwhere\n", trace());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("> frobnicate\nerror: unknown command 'frobnicate'").contains("> where\nafter event 0");
    }

    @Test
    void commandsFromDashC() throws Exception {
        Result r = run(null, trace(), "-c", "goto 8; findings double-free");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                > goto 8
                after event 8 (line 54), 9 of 15 events applied
                  #8 free kworker pfn 4
                  error: double-free: free of pfn 4, which was already freed at event 7
                > findings double-free
                %s:54:3: error: double-free: free of pfn 4, which was already freed at event 7
                  note: allocated at event 1, line 14
                  note: freed at event 7, line 48 (held by blk-mq)
                """.formatted(trace()));
    }

    @Test
    void commandsFromABatchFile() throws Exception {
        Path batch = tmp.resolve("triage.cmds");
        Files.writeString(batch, "break violation\ncontinue\n# a comment\nbuddy\n");
        Result r = run(null, trace(), "--batch", batch.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("> continue\nbreakpoint 1: violation\nafter event 2 (line 20)")
                .contains("> buddy\nNode 0, zone   Normal");
    }

    @Test
    void anUnreadableTraceExitsThree() throws Exception {
        Result r = run("", tmp.resolve("missing.json").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("missing.json");
    }
}
