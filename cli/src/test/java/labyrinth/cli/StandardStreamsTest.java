package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operand {@code -} reads a trace from standard input in every command that reads one, in
 * every encoding, named {@code <stdin>}; {@code -o -} writes a report or trace to standard output.
 */
class StandardStreamsTest {
    /** A kernel trace as trace-cmd report prints it: four page events. */
    static final String KERNEL_TEXT = """
            version = 6
            cpus=4
                        make-16810 [000] .....  2319.000857: mm_page_alloc:        page=0xffffea00001347a7 pfn=0x1347a7 order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP
                          cc1-16811 [001] ...1.  2319.000870: mm_page_free:         page=0xffffea00001347a7 pfn=0x1347a7 order=0
                          cc1-16811 [001] ..s..  2319.000871: mm_page_alloc:        page=0xffffea00001347a8 pfn=0x1347a8 order=1 migratetype=0 gfp_flags=0x152c4a
                          cc1-16811 [001] .....  2319.000880: mm_page_free_batched: page=0xffffea00001347a8 pfn=0x1347a8
            """;

    @TempDir
    Path dir;

    Path trace;
    byte[] bytes;

    @BeforeEach
    void copySample() throws IOException {
        trace = dir.resolve("double-free.json");
        Files.copy(Repo.root().resolve("sample-traces/double-free.json"), trace);
        bytes = Files.readAllBytes(trace);
    }

    @Test
    void replayOfStandardInputReportsWhatReplayOfTheFileDoesNamingItStdin() {
        for (String format : new String[] {"text", "json", "sarif", "junit"}) {
            Run file = Run.of("replay", "--format", format, trace.toString());
            Piped stdin = Piped.of(bytes, "replay", "--format", format, "-");
            assertThat(stdin.exit()).as(format).isEqualTo(file.exit()).isEqualTo(ExitCode.FINDINGS);
            // escaped as each format escapes any name: a SARIF location is a URI, JUnit is XML
            String name = switch (format) {
                case "sarif" -> "%3Cstdin%3E";
                case "junit" -> "&lt;stdin&gt;";
                default -> "<stdin>";
            };
            if (format.equals("sarif")) {
                // a file is named relative to its source root and hashed by line; standard input is neither
                assertThat(sarifResults(stdin.out())).isEqualTo(sarifResults(file.out()));
                assertThat(stdin.out()).contains("\"uri\": \"" + name + "\"").doesNotContain("uriBaseId");
            } else {
                assertThat(stdin.out()).as(format).isEqualTo(file.out().replace(trace.toString(), name));
            }
            assertThat(stdin.err()).isEmpty();
        }
    }

    /** Each result's rule, level, message and region. */
    private static List<String> sarifResults(String sarif) {
        List<String> out = new ArrayList<>();
        for (tools.jackson.databind.JsonNode r : new tools.jackson.databind.ObjectMapper().readTree(sarif)
                .get("runs").get(0).get("results")) {
            out.add(r.get("ruleId") + " " + r.get("level") + " " + r.get("message") + " "
                    + r.get("locations").get(0).get("physicalLocation").get("region"));
        }
        return out;
    }

    @Test
    void everyEncodingIsRecognisedByContentOnStandardInput() throws IOException {
        Path kernel = Files.writeString(dir.resolve("kernel.txt"), KERNEL_TEXT);
        Map<String, Path> traces = new LinkedHashMap<>();
        traces.put("json document", trace);
        traces.put("kernel text", kernel);
        for (String name : new String[] {"t.ndjson", "t.json.gz", "t.lbt", "t.lbt.gz"}) {
            Path out = dir.resolve(name);
            assertThat(Run.of("convert", trace.toString(), "-o", out.toString()).exit()).isZero();
            traces.put(name, out);
        }
        Path kernelGz = dir.resolve("kernel.txt.gz");
        Files.write(kernelGz, gzip(KERNEL_TEXT.getBytes(StandardCharsets.UTF_8)));
        traces.put("gzip kernel text", kernelGz);
        for (Map.Entry<String, Path> t : traces.entrySet()) {
            Run file = Run.of("stats", "--format", "json", t.getValue().toString());
            Piped stdin = Piped.of(Files.readAllBytes(t.getValue()), "stats", "--format", "json", "-");
            assertThat(file.exit()).as(t.getKey()).isZero();
            assertThat(stdin.exit()).as(t.getKey() + ": " + stdin.err()).isZero();
            assertThat(stdin.out()).as(t.getKey()).isEqualTo(file.out().replace(t.getValue().toString(), "<stdin>"));
        }
    }

    @Test
    void everyCommandThatReadsATraceTakesStandardInput() throws IOException {
        assertThat(Piped.of(bytes, "validate", "-", trace.toString()).out())
                .isEqualTo("OK <stdin> (14 events)\nOK " + trace + " (14 events)\n");
        Piped triage = Piped.of(bytes, "triage", "-");
        assertThat(triage.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(triage.out()).contains("example: <stdin>:19:3: free of pfn 4");
        assertThat(Piped.of(bytes, "stats", "-").out()).startsWith("<stdin>: 14 events");
        Piped repl = Piped.of(bytes, "repl", "-", "-c", "goto 3");
        assertThat(repl.exit()).as(repl.err()).isZero();
        assertThat(repl.out()).startsWith("> goto 3\nafter event 3 (line 10), 4 of 14 events applied");
        Path small = dir.resolve("small.json");
        Piped reduce = Piped.of(bytes, "reduce", "-q", "-", "-o", small.toString());
        assertThat(reduce.exit()).as(reduce.err()).isZero();
        assertThat(reduce.err()).startsWith("reduced <stdin>: 14 -> ");
        assertThat(Files.readString(small)).contains("\"reducedFrom\":\"<stdin>\"");
        Path lbt = dir.resolve("t.lbt");
        Piped convert = Piped.of(bytes, "convert", "-q", "-", "-o", lbt.toString());
        assertThat(convert.err()).isEqualTo("converted 14 events from <stdin> to " + lbt + "\n");
        Path imported = dir.resolve("imported.json");
        Piped imp = Piped.of(KERNEL_TEXT.getBytes(StandardCharsets.UTF_8), "import", "-q", "--from", "ftrace", "-",
                "-o", imported.toString());
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(imp.err()).endsWith("imported 4 events from <stdin> to " + imported + "\n");
        assertThat(Files.readString(imported)).contains("\"source\":\"<stdin>\"");
    }

    @Test
    void replOfStandardInputTakesItsCommandsFromDashCOrBatch() throws IOException {
        Piped none = Piped.of(bytes, "repl", "-");
        assertThat(none.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).startsWith("repl - reads the trace from standard input, so the commands cannot come "
                + "from there: expected -c COMMANDS or --batch FILE\n");
        Path script = Files.writeString(dir.resolve("cmds"), "goto 3\n");
        Piped batch = Piped.of(bytes, "repl", "-", "--batch", script.toString());
        assertThat(batch.exit()).isZero();
        assertThat(batch.out()).startsWith("> goto 3\n");
        Piped commandsOnStdin = Piped.of("goto 3\n".getBytes(StandardCharsets.UTF_8), "repl", trace.toString(),
                "--batch", "-");
        assertThat(commandsOnStdin.out()).startsWith("> goto 3\nafter event 3");
        assertThat(Piped.of(bytes, "repl", "-", "--batch", "-").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void standardInputCanBeNamedOnce() {
        for (String command : new String[] {"validate", "triage"}) {
            Piped twice = Piped.of(bytes, command, "-", "-");
            assertThat(twice.exit()).as(command).isEqualTo(ExitCode.USAGE);
            assertThat(twice.err()).startsWith("standard input can be read once: expected - at most once, found it 2 times\n");
        }
    }

    @Test
    void anUnreadableStandardInputIsNamedStdin() {
        Piped r = Piped.of("hello\n".getBytes(StandardCharsets.UTF_8), "replay", "-");
        assertThat(r.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).isEqualTo("<stdin>:1:1: expected a Labyrinth trace (JSON object) or kernel trace text, "
                + "found \"hello\"\n");
    }

    @Test
    void dashOutputIsStandardOutputForReports() {
        String[][] commands = {
            {"replay", trace.toString()},
            {"replay", "--format", "json", trace.toString()},
            {"stats", trace.toString()},
            {"triage", trace.toString()},
        };
        for (String[] c : commands) {
            Run plain = Run.of(c);
            String[] withDash = append(c, "-o", "-");
            Run dash = Run.of(withDash);
            assertThat(dash.exit()).as(String.join(" ", c)).isEqualTo(plain.exit());
            assertThat(dash.out()).as(String.join(" ", c)).isEqualTo(plain.out()).isNotEmpty();
        }
        Piped html = Piped.of(new byte[0], "replay", "--html", "-", "-o", dir.resolve("r.txt").toString(),
                trace.toString());
        assertThat(html.out()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void dashOutputIsStandardOutputForTraces() throws IOException {
        Piped gen = Piped.of(new byte[0], "gen", "steady", "--events", "200", "-o", "-");
        assertThat(gen.bytes()).isEqualTo(Piped.of(new byte[0], "gen", "steady", "--events", "200").bytes());
        Piped json = Piped.of(bytes, "convert", "-", "-o", "-");
        assertThat(json.err()).isEqualTo("converted 14 events from <stdin> to standard output\n");
        assertThat(json.out()).startsWith("{\"labyrinth\":1,").contains("\"events\":[");
        Path lbt = dir.resolve("t.lbt");
        Run.of("convert", trace.toString(), "-o", lbt.toString());
        Piped binary = Piped.of(new byte[0], "convert", trace.toString(), "--format", "binary", "-o", "-");
        assertThat(binary.bytes()).isEqualTo(Files.readAllBytes(lbt));
        Piped imp = Piped.of(KERNEL_TEXT.getBytes(StandardCharsets.UTF_8), "import", "--from", "ftrace", "-",
                "-o", "-", "--format", "ndjson");
        assertThat(imp.out()).startsWith("{\"labyrinth\":1,\"scope\":\"window\"").hasLineCount(5);
        Piped reduce = Piped.of(new byte[0], "reduce", "-q", trace.toString(), "-o", "-");
        assertThat(reduce.err()).endsWith("; wrote standard output\n");
        assertThat(Piped.of(reduce.bytes(), "validate", "-").out()).startsWith("OK <stdin> (");
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(b);
        }
        return bytes.toByteArray();
    }
}
