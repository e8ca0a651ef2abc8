package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar of {@code replay}, {@code repl}, {@code triage}, {@code reduce} and {@code import},
 * run in-process: nothing of it without {@code labyrinth.stderr.tty}, with {@code --quiet} or on a
 * dumb terminal; with it, {@code \r} lines on standard error that end blanked out, while standard
 * output, output files and the exit code are exactly those of a run without it. The clock is
 * replaced by one that moves a second at every reading, so every chance to draw draws.
 */
class ProgressBarTest {
    @TempDir
    static Path traces;

    static Path big;
    static Path kernel;

    private final LongSupplier realClock = ProgressOption.clock;
    private final UnaryOperator<String> realEnv = ProgressOption.env;
    private String term = "xterm-256color";

    @TempDir
    Path dir;

    @BeforeAll
    static void writeTraces() throws IOException {
        big = traces.resolve("big.ndjson");
        Run gen = Run.of("gen", "random", "--events", "20000", "--seed", "3", "-o", big.toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        kernel = traces.resolve("kernel.txt");
        StringBuilder sb = new StringBuilder("# tracer: nop\n");
        for (int i = 0; i < 6000; i++) {
            String when = String.format(Locale.ROOT, "%d.%06d", 100 + i / 100_000, i % 100_000 * 10);
            String free = i % 2 == 1 ? "mm_page_free: page=0x0 pfn=0x" + Integer.toHexString(4096 + i - 1) + " order=0"
                    : "mm_page_alloc: page=0x0 pfn=0x" + Integer.toHexString(4096 + i)
                            + " order=0 migratetype=0 gfp_flags=GFP_KERNEL";
            sb.append("  kworker/0:1-42  [000] ..... ").append(when).append(": ").append(free).append('\n');
        }
        Files.writeString(kernel, sb.toString(), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void fakeTerminal() {
        AtomicLong now = new AtomicLong();
        ProgressOption.clock = () -> now.addAndGet(1_000_000_000L);
        ProgressOption.env = name -> name.equals("TERM") ? term : null;
    }

    @AfterEach
    void restore() {
        System.clearProperty(ProgressOption.STDERR_TTY);
        ProgressOption.clock = realClock;
        ProgressOption.env = realEnv;
    }

    /** A run without the launcher's property, then with it: same exit and stdout; returns the second. */
    private Run barAndCompare(String... args) {
        Run plain = Run.of(args);
        assertThat(plain.err()).as("without the property").doesNotContain("\r");
        System.setProperty(ProgressOption.STDERR_TTY, "true");
        Run bar;
        try {
            bar = unwrapped(Run.of(args));
        } finally {
            System.clearProperty(ProgressOption.STDERR_TTY);
        }
        assertThat(bar.exit()).as("exit code").isEqualTo(plain.exit());
        assertThat(bar.out()).as("standard output").isEqualTo(plain.out());
        assertThat(withoutBar(bar.err())).as("standard error without the bar").isEqualTo(plain.err());
        assertThat(bar.err()).as("the bar is blanked out at the end").matches("(?s).*\r +\r[^\r]*");
        return bar;
    }

    private static final String TASKS = "(?:replaying|loading|triage|reducing|importing|converting|counting) ";

    /** What is left when the draws ({@code \r} and a line of a task) and the blanking out are taken away. */
    private static String withoutBar(String err) {
        return err.replaceAll("\r" + TASKS + "[^\r\n]*", "").replaceAll("\r +\r", "");
    }

    /** The lines drawn, as shown (without the blanks that pad them). */
    private static List<String> draws(String err) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\r(" + TASKS + "[^\r\n]*)").matcher(err);
        while (m.find()) {
            out.add(m.group(1).stripTrailing());
        }
        return out;
    }

    /**
     * The run with the bar's autowrap switches taken out, after checking that every draw and blank
     * is inside a pair of them (so a terminal narrowed meanwhile clips the bar instead of scrolling).
     */
    private static Run unwrapped(Run r) {
        String wrapped = "\u001b\\[\\?7l\r[^\u001b]*\u001b\\[\\?7h";
        assertThat(r.err().replaceAll(wrapped, "")).as("no \\r outside autowrap-off").doesNotContain("\r");
        return new Run(r.exit(), r.out(), r.err().replace("\u001b[?7l", "").replace("\u001b[?7h", ""));
    }

    private Run withProperty(String... args) {
        System.setProperty(ProgressOption.STDERR_TTY, "true");
        try {
            return unwrapped(Run.of(args));
        } finally {
            System.clearProperty(ProgressOption.STDERR_TTY);
        }
    }

    @Test
    void replayDrawsTheBarOnStandardErrorAndLeavesTheReportAlone() throws IOException {
        Run run = barAndCompare("replay", "--format", "json", big.toString());
        List<String> draws = draws(run.err());
        assertThat(draws).as(run.err()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(draws.get(0)).matches("replaying big\\.ndjson  \\d+% \\S+ \\S+/\\S+ \\S+  .* events/s  ETA \\d+:\\d\\d");
        assertThat(draws.get(draws.size() - 1))
                .startsWith("replaying big.ndjson  100% ")
                .endsWith("ETA 0:00");
        assertThat(withoutBar(run.err())).isEmpty();

        Path plainReport = dir.resolve("plain.html");
        Path barReport = dir.resolve("bar.html");
        Run plain = Run.of("replay", "--html", plainReport.toString(), "-o", dir.resolve("plain.txt").toString(),
                big.toString());
        Run bar = withProperty("replay", "--html", barReport.toString(), "-o", dir.resolve("bar.txt").toString(),
                big.toString());
        assertThat(bar.err()).contains("\r");
        assertThat(bar.exit()).isEqualTo(plain.exit());
        assertThat(Files.readString(dir.resolve("bar.txt"))).isEqualTo(Files.readString(dir.resolve("plain.txt")));
        assertThat(Files.readString(barReport)).isEqualTo(Files.readString(plainReport));
    }

    @Test
    void nothingWithQuietOnADumbTerminalOrWithoutTheProperty() {
        String trace = big.toString();
        assertThat(Run.of("replay", trace).err()).isEmpty();
        assertThat(withProperty("replay", "--quiet", trace).err()).isEmpty();
        assertThat(withProperty("replay", "-q", trace).err()).isEmpty();
        term = "dumb";
        assertThat(withProperty("replay", trace).err()).isEmpty();
        term = null;
        assertThat(withProperty("replay", trace).err()).as("no TERM at all is no dumb terminal").contains("\r");
    }

    @Test
    void anUnreadableTraceClearsTheBarBeforeItsMessage() throws IOException {
        String text = Files.readString(big);
        Path bad = dir.resolve("bad.ndjson");
        Files.writeString(bad, text.substring(0, text.length() / 2) + "{\"op\": \"nonsense\"}\n");
        Run run = barAndCompare("replay", bad.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).matches("(?s)\r.*\r +\r" + java.util.regex.Pattern.quote(bad.toString()) + ":\\d+:\\d+: .*\n");
    }

    @Test
    void replShowsTheBarOnlyForItsFirstPass() {
        Run run = barAndCompare("repl", big.toString(), "-c", "goto end; findings leak; back 3; where");
        assertThat(draws(run.err())).isNotEmpty().allMatch(d -> d.startsWith("loading big.ndjson  "));
        assertThat(withProperty("repl", "--quiet", big.toString(), "-c", "where").err()).doesNotContain("\r");
    }

    @Test
    void triageCountsTracesAndTheirBytesAndKeepsItsReport() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ci"));
        Files.copy(big, folder.resolve("a.ndjson"));
        Files.copy(Repo.root().resolve("sample-traces/double-free.json"), folder.resolve("b.json"));
        Files.copy(big, folder.resolve("c.ndjson"));
        String missing = dir.resolve("missing.json").toString();
        Run run = barAndCompare("triage", "--jobs", "1", folder.toString(), missing);
        List<String> draws = draws(run.err());
        assertThat(draws.get(0)).as("after the first batch of events").matches("triage  0/4 traces  \\d+% .* events/s  ETA .*");
        assertThat(draws.get(draws.size() - 1)).startsWith("triage  4/4 traces  100% ");
        barAndCompare("triage", "--jobs", "3", "--format", "json", folder.toString(), missing);
        assertThat(withProperty("triage", "--quiet", folder.toString()).err()).doesNotContain("\r");
    }

    @Test
    void reduceShowsTriesAndPutsItsPassLinesAboveTheBar() throws IOException {
        Path big = TestTraces.write(dir, "big.json", TestTraces.trace(60, "double-free"));
        Path plainOut = dir.resolve("plain.json");
        Path barOut = dir.resolve("bar.json");
        Run plain = Run.of("reduce", big.toString(), "-o", plainOut.toString());
        Run bar = withProperty("reduce", big.toString(), "-o", barOut.toString());
        assertThat(bar.exit()).isEqualTo(plain.exit()).isZero();
        assertThat(Files.readString(barOut)).isEqualTo(Files.readString(plainOut));
        assertThat(bar.out()).isEqualTo(plain.out()).isEmpty();
        List<String> draws = draws(bar.err());
        assertThat(draws).anyMatch(d -> d.matches("reducing big\\.json  \\d+ tries  \\d+ events left  \\d+:\\d\\d elapsed"));
        assertThat(draws.get(0)).as("reading comes first").startsWith("reducing big.json  100% ");
        // the pass lines are the same, each on its own line, and the bar is blanked out before each
        List<String> passes = plain.err().lines().filter(l -> l.startsWith("reduce: ")).toList();
        assertThat(passes).isNotEmpty();
        String lines = withoutBar(bar.err());
        assertThat(lines.lines().filter(l -> l.startsWith("reduce: ")).toList()).isEqualTo(passes);
        assertThat(lines.lines().filter(l -> !l.startsWith("reduce: ")).toList())
                .singleElement().asString().startsWith("reduced " + big + ": 123 -> 3 events");
        assertThat(bar.err()).matches("(?s).*\r +\r[^\r]*\nreduced [^\r]*");

        Run quiet = withProperty("reduce", "--quiet", big.toString(), "-o", dir.resolve("q.json").toString());
        assertThat(quiet.err()).doesNotContain("\r").doesNotContain("reduce: ").startsWith("reduced ");
    }

    @Test
    void convertAndStatsDrawTheBarAndKeepTheirOutput() throws IOException {
        Path lbt = dir.resolve("big.lbt");
        Run plain = Run.of("convert", big.toString(), "-o", lbt.toString());
        byte[] plainTrace = Files.readAllBytes(lbt);
        Run bar = withProperty("convert", big.toString(), "-o", lbt.toString());
        assertThat(bar.exit()).isEqualTo(plain.exit()).isZero();
        assertThat(Files.readAllBytes(lbt)).isEqualTo(plainTrace);
        assertThat(withoutBar(bar.err())).isEqualTo(plain.err()).startsWith("converted 20000 events");
        assertThat(draws(bar.err())).isNotEmpty().last().asString().startsWith("converting big.ndjson  100% ");
        assertThat(bar.err()).as("the summary comes after the bar is gone").matches("(?s)\r.*\r +\rconverted [^\r]*");
        assertThat(withProperty("convert", "-q", big.toString(), "-o", lbt.toString()).err()).doesNotContain("\r");

        Run stats = barAndCompare("stats", "--format", "json", big.toString());
        assertThat(draws(stats.err())).isNotEmpty().last().asString().startsWith("counting big.ndjson  100% ");
        assertThat(withProperty("stats", "--quiet", big.toString()).err()).isEmpty();
    }

    @Test
    void importCountsTheKernelTraceAndWritesTheSameTrace() throws IOException {
        Path out = dir.resolve("out.ndjson");
        Run plain = Run.of("import", "--from", "ftrace", kernel.toString(), "-o", out.toString());
        String plainTrace = Files.readString(out);
        Run bar = withProperty("import", "--from", "ftrace", kernel.toString(), "-o", out.toString());
        assertThat(bar.exit()).isEqualTo(plain.exit()).isZero();
        assertThat(Files.readString(out)).isEqualTo(plainTrace);
        // the machine is guessed from the highest pfn, so a warning says which settings its watermarks assumed
        assertThat(withoutBar(bar.err())).isEqualTo(plain.err()).contains("\nimported 6000 events");
        assertThat(draws(bar.err())).isNotEmpty().last().asString().startsWith("importing kernel.txt  100% ");
        assertThat(bar.err()).matches("(?s)\r.*\r +\r[^\r]*imported [^\r]*");
        assertThat(withProperty("import", "--from", "ftrace", "-q", kernel.toString(), "-o", out.toString()).err())
                .doesNotContain("\r");
    }

    @Test
    void onlyTheLaunchersTerminalSettingAndNeitherQuietNorDumbShowTheBar() {
        assertThat(ProgressOption.wanted(false, "true", "xterm")).isTrue();
        assertThat(ProgressOption.wanted(false, "true", null)).isTrue();
        assertThat(ProgressOption.wanted(true, "true", "xterm")).isFalse();
        assertThat(ProgressOption.wanted(false, "true", "dumb")).isFalse();
        assertThat(ProgressOption.wanted(false, null, "xterm")).isFalse();
        assertThat(ProgressOption.wanted(false, "false", "xterm")).isFalse();
    }
}
