package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command whose output README.md or docs/*.md shows runs here, as a user runs it (the
 * packaged jar, in a scratch folder holding a copy of {@code sample-traces/}), and the shown output
 * must be exactly what it prints, standard output and standard error together. So a page cannot
 * drift from the program.
 *
 * <p>A shown command is a fenced block whose lines start with {@code $ labyrinth} or
 * {@code $ ./labyrinth}; the lines up to the next {@code $} line are its output. An
 * {@code Exit code: N.} line after the block is checked too. The blocks of one page run in order in
 * one folder, so a page may show a file written by an earlier command. Directives in an HTML comment
 * just before a block:
 * <ul>
 * <li>{@code <!-- doctest: setup SHELL -->} runs SHELL with bash in the folder first, {@code labyrinth} being
 *     the packaged jar there (to cut a trace,
 * say);</li>
 * <li>{@code <!-- doctest: file NAME -->}: the block is the content of NAME, written by an earlier
 * command;</li>
 * <li>{@code <!-- doctest: skip REASON -->}: not run (an illustration, such as a terminal's progress
 * bar).</li>
 * </ul>
 * Durations ({@code 1.2 s}) are compared as {@code #.# s}. {@code -Dlabyrinth.docs.update=true}
 * rewrites the pages with what the commands print; review such a diff like code.
 */
class DocsOutputIT {
    private static final boolean UPDATE = Boolean.getBoolean("labyrinth.docs.update");
    private static final Pattern FENCE = Pattern.compile("^```[a-z]*$");
    private static final Pattern DIRECTIVE = Pattern.compile("^<!-- doctest: (setup|file|skip)\\b ?(.*?) -->$");
    private static final Pattern EXIT = Pattern.compile("^Exit code: (\\d+)\\.$");
    private static final Pattern DURATION = Pattern.compile("\\b\\d+\\.\\d+ s\\b");

    /** A fenced block: where its lines are in the page, and what precedes and follows it. */
    record Block(Path page, int open, int close, String directive, String argument, int exitLine) {
        String name() {
            return Repo.root().relativize(page) + ":" + (open + 1);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyShownOutputIsWhatTheCommandPrints() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Repo.root().resolve("README.md")));
        try (Stream<Path> docs = Files.list(Repo.root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages) {
            tests.add(DynamicTest.dynamicTest(Repo.root().relativize(page).toString(), () -> checkPage(page)));
        }
        return tests.stream();
    }

    /** Runs a page's blocks in order in one scratch folder; on update, writes the page back. */
    private static void checkPage(Path page) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(page, StandardCharsets.UTF_8));
        Path dir = Files.createTempDirectory("labyrinth-docs");
        copyTree(Repo.root().resolve("sample-traces"), dir.resolve("sample-traces"));
        Map<Integer, List<String>> replacements = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Block b : blocks(page, lines)) {
            List<String> shown = lines.subList(b.open() + 1, b.close());
            if ("skip".equals(b.directive())) {
                continue;
            }
            if ("setup".equals(b.directive())) {
                shell(dir, b.argument());
            }
            List<String> actual = new ArrayList<>();
            int exit = -1;
            if ("file".equals(b.directive())) {
                actual.addAll(Files.readAllLines(dir.resolve(b.argument()), StandardCharsets.UTF_8));
            } else if (!shown.isEmpty() && isCommand(shown.get(0))) {
                for (String line : shown) {
                    if (isCommand(line)) {
                        actual.add(line);
                        Outcome o = run(dir, line);
                        actual.addAll(o.lines());
                        exit = o.exit();
                    }
                }
            } else {
                continue;
            }
            if (!normalise(actual).equals(normalise(shown))) {
                failures.add(b.name() + ": the page shows\n" + String.join("\n", shown) + "\nbut the command prints\n"
                        + String.join("\n", actual));
                replacements.put(b.open(), actual);
            }
            if (b.exitLine() >= 0 && exit >= 0) {
                String want = "Exit code: " + exit + ".";
                if (!lines.get(b.exitLine()).equals(want)) {
                    failures.add(b.name() + ": the page says '" + lines.get(b.exitLine()) + "' but the command exits " + exit);
                    lines.set(b.exitLine(), want);
                }
            }
        }
        if (UPDATE && !failures.isEmpty()) {
            rewrite(page, lines, blocks(page, lines), replacements);
            return;
        }
        assertThat(failures).as("shown output that differs from the program's (rewrite with -Dlabyrinth.docs.update=true)")
                .isEmpty();
    }

    private static List<Block> blocks(Path page, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!FENCE.matcher(lines.get(i)).matches()) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).equals("```")) {
                close++;
            }
            String directive = null;
            String argument = "";
            int before = i - 1;
            while (before >= 0 && lines.get(before).isBlank()) {
                before--;
            }
            Matcher d = before >= 0 ? DIRECTIVE.matcher(lines.get(before)) : null;
            if (d != null && d.matches()) {
                directive = d.group(1);
                argument = d.group(2);
            }
            int exitLine = -1;
            for (int j = close + 1, seen = 0; j < lines.size() && seen < 2; j++) {
                if (lines.get(j).isBlank()) {
                    continue;
                }
                seen++;
                if (EXIT.matcher(lines.get(j)).matches()) {
                    exitLine = j;
                }
                if (FENCE.matcher(lines.get(j)).matches()) {
                    break;
                }
            }
            blocks.add(new Block(page, i, close, directive, argument, exitLine));
            i = close;
        }
        return blocks;
    }

    private static void rewrite(Path page, List<String> lines, List<Block> blocks, Map<Integer, List<String>> replacements)
            throws IOException {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (Block b : blocks) {
            List<String> replacement = replacements.get(b.open());
            if (replacement == null) {
                continue;
            }
            out.addAll(lines.subList(next, b.open() + 1));
            out.addAll(replacement);
            next = b.close();
        }
        out.addAll(lines.subList(next, lines.size()));
        Files.write(page, out, StandardCharsets.UTF_8);
    }

    private static boolean isCommand(String line) {
        return line.startsWith("$ labyrinth") || line.startsWith("$ ./labyrinth");
    }

    private static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(DURATION.matcher(l).replaceAll("#.# s"));
        }
        return out;
    }

    record Outcome(int exit, List<String> lines) {
    }

    /** The jar on one command line, standard error merged into standard output as a terminal shows them. */
    private static Outcome run(Path dir, String commandLine) throws IOException, InterruptedException {
        List<String> words = ShellWords.split(commandLine.substring(2));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("labyrinth.jar")));
        cmd.addAll(words.subList(1, words.size()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("COLUMNS", "80");
        pb.environment().remove("NO_COLOR");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(commandLine).isTrue();
        List<String> lines = new ArrayList<>(out.lines().toList());
        return new Outcome(p.exitValue(), lines);
    }

    private static void shell(Path dir, String script) throws IOException, InterruptedException {
        // labyrinth is a function there, so that a setup can make what a block needs the way a user would
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String prelude = "labyrinth() { '" + java + "' -jar '" + System.getProperty("labyrinth.jar") + "' \"$@\"; }\n";
        Process p = new ProcessBuilder("bash", "-c", prelude + script).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("setup '%s': %s", script, out).isZero();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
