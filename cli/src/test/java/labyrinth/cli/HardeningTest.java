package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import labyrinth.cli.report.Colors;
import labyrinth.replay.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes, exit 70 for an internal error, shell completion, colours and the version line. */
class HardeningTest {
    static final String FAIL_AT = "labyrinth.test.failAtEvent";

    // ---- atomic writes ----

    @Test
    void aWriteInterruptedBeforeTheRenameLeavesTheOldFileIntact(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.json");
        Files.writeString(target, "the old report\n");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("the old report\n");
        assertThat(list(dir)).containsExactly(target);
        // an unchecked failure midway too
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[1 << 20]);
            throw new UncheckedIOException(new IOException("cable pulled"));
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(target)).isEqualTo("the old report\n");
        assertThat(list(dir)).containsExactly(target);
    }

    @Test
    void aNewFileAppearsOnlyWhenComplete(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectory(dir.resolve("sub")).resolve("new.txt");
        AtomicFiles.write(target, out -> {
            assertThat(Files.exists(target)).isFalse();
            out.write("complete".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(Files.readString(target)).isEqualTo("complete");
        assertThat(list(target.getParent())).containsExactly(target);
    }

    @Test
    void aFailedCommandLeavesTheOutputItHadBefore(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.json");
        Files.writeString(out, "keep me");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"events\": [{\"op\": \"steal\"}]}");
        assertThat(Run.of("replay", "-o", out.toString(), bad.toString()).exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(Run.of("reduce", bad.toString(), "-o", out.toString()).exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(Files.readString(out)).isEqualTo("keep me");
    }

    @Test
    void anInputNamedAsOutputIsAUsageErrorAndStaysAsItWas(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.json");
        Files.copy(Repo.root().resolve("sample-traces/double-free.json"), trace);
        byte[] before = Files.readAllBytes(trace);
        Run r = Run.of("reduce", trace.toString(), "-o", trace.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readAllBytes(trace)).isEqualTo(before);
        assertThat(list(dir)).containsExactly(trace);
    }

    @Test
    void aWriteIntoAMissingFolderFailsAndCreatesNoFolder(@TempDir Path dir) {
        Path target = dir.resolve("out/new.txt");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write('x')))
                .isInstanceOf(java.nio.file.FileSystemException.class)
                .satisfies(e -> assertThat(((java.nio.file.FileSystemException) e).getReason())
                        .isEqualTo("no such folder " + dir.resolve("out")));
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    // ---- internal errors ----

    @Test
    void anInternalErrorExits70WithOneLineNamingTheEvent() {
        String trace = Repo.root().resolve("sample-traces/double-free.json").toString();
        System.setProperty(FAIL_AT, "3");
        try {
            Run r = Run.of("replay", trace);
            assertThat(r.exit()).isEqualTo(ExitCode.INTERNAL);
            assertThat(r.err()).isEqualTo("labyrinth: internal error while replaying event 3 (alloc) of " + trace
                    + ": java.lang.IllegalStateException: failure injected at event 3 (" + FAIL_AT + ") (this is a"
                    + " bug in labyrinth: run again with --debug and report the output)" + System.lineSeparator());
            Run debug = Run.of("replay", "--debug", trace);
            assertThat(debug.exit()).isEqualTo(ExitCode.INTERNAL);
            assertThat(debug.err()).contains("\tat labyrinth.replay.Replays.run");
            for (String[] args : List.of(new String[] {"stats", trace}, new String[] {"triage", trace},
                    new String[] {"reduce", trace, "-o", trace + ".never"},
                    new String[] {"repl", trace, "-c", "goto end"})) {
                Run other = Run.of(args);
                assertThat(other.exit()).as(args[0]).isEqualTo(ExitCode.INTERNAL);
                assertThat(other.err()).as(args[0]).contains("while replaying event 3 (alloc) of " + trace)
                        .contains("--debug").doesNotContain("\tat ");
                assertThat(other.err().lines().count()).as(args[0]).isEqualTo(1);
            }
            assertThat(Path.of(trace + ".never")).doesNotExist();
        } finally {
            System.clearProperty(FAIL_AT);
        }
    }

    // ---- completion ----

    @Test
    void bashCompletionCompletesCommandsAndOptions(@TempDir Path dir) throws Exception {
        Run r = Run.of("completion", "bash");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F").contains("replay").contains("triage").contains("--max-pages");
        Path script = dir.resolve("labyrinth.bash");
        Files.writeString(script, r.out());
        String words = bash(script, "labyrinth rep", 1);
        assertThat(words.split(" ")).contains("replay");
        String options = bash(script, "labyrinth replay --max-p", 2);
        assertThat(options.split(" ")).contains("--max-pages");
    }

    /** What the completion function offers for the words, the last one being completed. */
    private static String bash(Path script, String line, int cword) throws Exception {
        String cmd = "source " + script + "\nCOMP_LINE='" + line + "'\nCOMP_WORDS=(" + line + ")\nCOMP_CWORD=" + cword
                + "\nCOMP_POINT=${#COMP_LINE}\n_complete_labyrinth labyrinth\necho \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }

    @Test
    void zshCompletionIsTheBashScriptUnderBashcompinit() {
        Run zsh = Run.of("completion", "zsh");
        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out()).startsWith("#compdef labyrinth\n").contains("autoload -U +X bashcompinit && bashcompinit")
                .endsWith(Run.of("completion", "bash").out());
        assertThat(Run.of("completion", "fish").exit()).isEqualTo(ExitCode.USAGE);
    }

    // ---- colours ----

    @Test
    void coloursOnlyOnATerminalAndNeverWhenAskedNotTo() {
        assertThat(Colors.wanted(false, null, "xterm", true, false)).isTrue();
        assertThat(Colors.wanted(true, null, "xterm", true, false)).as("--no-color").isFalse();
        assertThat(Colors.wanted(false, "1", "xterm", true, false)).as("NO_COLOR").isFalse();
        assertThat(Colors.wanted(false, "", "xterm", true, false)).as("NO_COLOR empty").isTrue();
        assertThat(Colors.wanted(false, null, "dumb", true, false)).as("TERM=dumb").isFalse();
        assertThat(Colors.wanted(false, null, "xterm", false, false)).as("not a terminal").isFalse();
        assertThat(Colors.wanted(false, null, "xterm", true, true)).as("-o FILE").isFalse();
        assertThat(Colors.ANSI.severity(Severity.ERROR)).isEqualTo("\u001b[1;31merror\u001b[0m");
        assertThat(Colors.ANSI.severity(Severity.WARNING)).isEqualTo("\u001b[1;33mwarning\u001b[0m");
        assertThat(Colors.ANSI.severity(Severity.INFO)).isEqualTo("\u001b[36minfo\u001b[0m");
        assertThat(Colors.NONE.severity(Severity.ERROR)).isEqualTo("error");
    }

    @Test
    void reportsInTestsAndPipesHaveNoEscapeCodes() {
        Run r = Run.of("replay", Repo.root().resolve("sample-traces/double-free.json").toString());
        assertThat(r.out()).contains(": error: double-free:").doesNotContain("\u001b[");
        assertThat(Run.of("replay", "--no-color", Repo.root().resolve("sample-traces/double-free.json").toString())
                .out()).isEqualTo(r.out());
    }

    // ---- version ----

    @Test
    void versionNamesTheCommit() {
        Run r = Run.of("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("labyrinth \\S+ \\(commit ([0-9a-f]{7,40}(-dirty)?|unknown)\\)\\R");
    }
}
