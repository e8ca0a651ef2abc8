package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs never replace an input, two outputs never share a file, a file that cannot be written
 * is named with the system's reason in the same words by every command (and found before the
 * work), and a written trace's encoding follows its name.
 */
class OutputFilesTest {
    @TempDir
    Path dir;

    Path trace;
    byte[] original;

    @BeforeEach
    void copySample() throws IOException {
        trace = dir.resolve("mine.json");
        Files.copy(Repo.root().resolve("sample-traces/double-free.json"), trace);
        original = Files.readAllBytes(trace);
    }

    /** Every command with an output, writing it to {@code target}. */
    private List<String[]> writers(Path target) throws IOException {
        Path kernel = Files.writeString(dir.resolve("kernel.txt"), StandardStreamsTest.KERNEL_TEXT);
        String t = target.toString();
        return List.of(
                new String[] {"replay", trace.toString(), "-o", t},
                new String[] {"replay", trace.toString(), "--html", t},
                new String[] {"stats", trace.toString(), "-o", t},
                new String[] {"triage", trace.toString(), "-o", t},
                new String[] {"triage", trace.toString(), "--write-baseline", t},
                new String[] {"gen", "steady", "--events", "200", "-o", t},
                new String[] {"convert", trace.toString(), "-o", t},
                new String[] {"import", "--from", "ftrace", kernel.toString(), "-o", t},
                new String[] {"reduce", trace.toString(), "-o", t});
    }

    @Test
    void anOutputNamingAnInputByAnySpellingIsAUsageErrorAndTheInputStaysUntouched() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Path symlink = Files.createSymbolicLink(dir.resolve("link.json"), trace.getFileName());
        Path hardLink = Files.createLink(dir.resolve("hard.json"), trace);
        List<Path> spellings = List.of(trace, dir.resolve("sub/../mine.json"), dir.resolve("./mine.json"),
                symlink, hardLink);
        for (Path same : spellings) {
            String o = same.toString();
            String[][] commands = {
                {"replay", trace.toString(), "-o", o},
                {"replay", trace.toString(), "--html", o},
                {"stats", trace.toString(), "-o", o},
                {"convert", trace.toString(), "-o", o},
                {"reduce", trace.toString(), "-o", o},
                {"triage", trace.toString(), "-o", o},
                {"triage", dir.toString(), "-o", o},
                {"triage", trace.toString(), "--write-baseline", o},
                {"import", "--from", "ftrace", trace.toString(), "-o", o},
            };
            for (String[] c : commands) {
                Run r = Run.of(c);
                String what = String.join(" ", c);
                assertThat(r.exit()).as(what).isEqualTo(ExitCode.USAGE);
                assertThat(r.err()).as(what).contains(" " + o + " is the input ")
                        .contains(": expected another file (an output never replaces its input)");
                assertThat(Files.readAllBytes(trace)).as(what).isEqualTo(original);
            }
        }
        Path zoneinfo = Files.writeString(dir.resolve("zoneinfo.txt"), "Node 0, zone   Normal\n");
        Path kernel = Files.writeString(dir.resolve("kernel.txt"), StandardStreamsTest.KERNEL_TEXT);
        Run r = Run.of("import", "--from", "ftrace", "--zoneinfo", zoneinfo.toString(), kernel.toString(), "-o",
                zoneinfo.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("-o " + zoneinfo + " is the input " + zoneinfo + ": expected another file");
    }

    @Test
    void anOutputThatIsTheFileStandardInputComesFromIsAUsageError() throws IOException {
        Piped r = Piped.of(original, trace, "replay", "-", "-o", trace.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("-o " + trace + " is the input <stdin>: expected another file");
        assertThat(Files.readAllBytes(trace)).isEqualTo(original);
    }

    @Test
    void twoOutputsIntoOneFileOrBothToStandardOutputAreUsageErrors() {
        Path r = dir.resolve("r.out");
        Run same = Run.of("replay", trace.toString(), "-o", r.toString(), "--html", dir.resolve("./r.out").toString());
        assertThat(same.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(same.err()).startsWith("-o " + r + " and --html " + dir.resolve("./r.out")
                + " are the same file: expected a file for each\n");
        Run bothStdout = Run.of("replay", trace.toString(), "--html", "-");
        assertThat(bothStdout.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bothStdout.err()).startsWith("the report (no -o) and --html - both write standard output: "
                + "expected a file for one of them\n");
        assertThat(Run.of("triage", trace.toString(), "-o", "-", "--write-baseline", "-").exit())
                .isEqualTo(ExitCode.USAGE);
        assertThat(Files.exists(r)).isFalse();
    }

    @Test
    void writeBaselineMayUpdateTheBaselineItReads() throws IOException {
        Path known = Files.writeString(dir.resolve("known.txt"), "# nothing known yet\n");
        Run r = Run.of("triage", trace.toString(), "--baseline", known.toString(), "--write-baseline", known.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Files.readString(known)).contains("double-free nvme0q3@nvme_timeout+0x2f8/0x3c0");
        assertThat(Run.of("triage", trace.toString(), "--baseline", known.toString()).exit()).isZero();
    }

    @Test
    void aFailedWriteNamesTheTargetAndTheSystemsReasonInTheSameWordsForEveryCommand() throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        Path target = file.resolve("out.json");
        for (String[] c : writers(target)) {
            Run r = Run.of(c);
            assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(ExitCode.UNREADABLE);
            assertThat(r.err()).as(String.join(" ", c)).isEqualTo("cannot write " + target + ": Not a directory\n");
        }
    }

    @Test
    void anOutputIntoAMissingFolderIsAnErrorAndNoFolderIsCreated() throws IOException {
        Path missing = dir.resolve("out");
        Path target = missing.resolve("report.json");
        for (String[] c : writers(target)) {
            Run r = Run.of(c);
            assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(ExitCode.UNREADABLE);
            assertThat(r.err()).as(String.join(" ", c))
                    .isEqualTo("cannot write " + target + ": no such folder " + missing + "\n");
            assertThat(Files.exists(missing)).isFalse();
        }
        Run relative = Run.of("gen", "steady", "--events", "200", "-o", "no-such-folder-here/x.json");
        assertThat(relative.err()).isEqualTo("cannot write no-such-folder-here/x.json: no such folder "
                + "no-such-folder-here\n");
    }

    @Test
    void anOutputThatIsAFolderIsAnError() {
        Run r = Run.of("stats", trace.toString(), "-o", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).isEqualTo("cannot write " + dir + ": Is a directory\n");
    }

    @Test
    void longCommandsFindAnUnwritableOutputBeforeTheyWork() throws IOException {
        Path target = dir.resolve("out/small.json");
        Run reduce = Run.of("reduce", trace.toString(), "-o", target.toString());
        assertThat(reduce.err()).as("no reduction ran: no pass lines").isEqualTo("cannot write " + target
                + ": no such folder " + target.getParent() + "\n");
        // the output is checked before the input is opened: a missing trace is not what is reported
        for (String command : new String[] {"convert", "reduce", "triage", "replay", "stats"}) {
            Run r = Run.of(command, dir.resolve("missing.json").toString(), "-o", target.toString());
            assertThat(r.err()).as(command).startsWith("cannot write " + target);
        }
        Run imp = Run.of("import", "--from", "ftrace", dir.resolve("missing.txt").toString(), "-o", target.toString());
        assertThat(imp.err()).startsWith("cannot write " + target);
    }

    @Test
    void theReasonNeverNamesTheHiddenTemporaryFile() {
        Path report = Path.of("report.json");
        assertThat(Errors.cannotWrite(report, new AccessDeniedException("/srv/.report.json.123.tmp")))
                .isEqualTo("cannot write report.json: Permission denied");
        assertThat(Errors.cannotWrite(report, new FileSystemException("/srv/.report.json.123.tmp", null,
                "No space left on device"))).isEqualTo("cannot write report.json: No space left on device");
        assertThat(Errors.cannotWrite(Path.of("-"), new IOException("Broken pipe")))
                .isEqualTo("cannot write standard output: Broken pipe");
    }

    @Test
    void theEncodingFollowsTheNameWhereverTracesAreWritten() throws IOException {
        Path kernel = Files.writeString(dir.resolve("kernel.txt"), StandardStreamsTest.KERNEL_TEXT);
        String[][] names = {
            {"t.lbt", "binary"}, {"t.ndjson", "ndjson"}, {"t.jsonl", "ndjson"}, {"t.json", "json"},
            {"t.trace", "json"}, {"t.json.gz", "gzip json"}, {"t.ndjson.gz", "gzip ndjson"}, {"t.lbt.gz", "gzip binary"},
        };
        for (String[] n : names) {
            for (String command : new String[] {"gen", "convert", "import", "reduce"}) {
                Path out = Files.createDirectories(dir.resolve(command)).resolve(n[0]);
                Run r = switch (command) {
                    case "gen" -> Run.of("gen", "steady", "--events", "200", "-o", out.toString());
                    case "convert" -> Run.of("convert", trace.toString(), "-o", out.toString());
                    case "import" -> Run.of("import", "--from", "ftrace", kernel.toString(), "-o", out.toString());
                    default -> Run.of("reduce", "-q", trace.toString(), "-o", out.toString());
                };
                assertThat(r.exit()).as(command + " " + n[0] + ": " + r.err()).isZero();
                assertThat(encoding(out)).as(command + " -o " + n[0]).isEqualTo(n[1]);
                assertThat(Run.of("validate", out.toString()).exit()).as(command + " -o " + n[0]).isZero();
            }
        }
        assertThat(TraceOutputs.encodingOf(Path.of("-"))).isEqualTo(TraceOutputs.Encoding.json);
        assertThat(TraceOutputs.encodingOf(TraceOutputs.Encoding.binary, Path.of("t.json")))
                .isEqualTo(TraceOutputs.Encoding.binary);
    }

    /** What a written file holds, by its bytes: "binary", "json" (one document) or "ndjson", maybe after "gzip ". */
    private static String encoding(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        String prefix = "";
        if (b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                b = in.readAllBytes();
            }
            prefix = "gzip ";
        }
        if (b.length > 4 && (b[0] & 0xff) == 0x89 && b[1] == 'L' && b[2] == 'B' && b[3] == 'T') {
            return prefix + "binary";
        }
        String first = new String(b, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return prefix + (first.contains("\"events\":[") ? "json" : "ndjson");
    }

    @Test
    void nothingIsLeftBesideAnOutputAfterAFailure() throws IOException {
        Path out = dir.resolve("out.json");
        Run r = Run.of("convert", dir.resolve("missing.json").toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.UNREADABLE);
        List<String> left = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> left.add(p.getFileName().toString()));
        }
        assertThat(left).containsExactly("mine.json");
    }
}
