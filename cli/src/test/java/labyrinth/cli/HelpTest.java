package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code --help} of the root and of every command, at the default 80 columns. */
class HelpTest {
    private static final int COLUMNS = 80;
    /** A file name or path in prose: a dot or slash inside a word, or leading one ({@code .gz}, {@code ~/.bashrc}). */
    private static final Pattern FILE_NAME = Pattern.compile("(?:[\\w~-]+[./]|[./~])[\\w./~-]*\\w");
    private static final Pattern DOCUMENT = Pattern.compile("[\\w./-]+\\.md\\b");

    /** Each command's words, the root first: {@code []}, {@code [replay]}, ... */
    private static List<CommandLine> commands() {
        CommandLine root = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>(List.of(root));
        all.addAll(root.getSubcommands().values());
        return all;
    }

    private static String[] words(CommandLine command, String... more) {
        List<String> w = new ArrayList<>();
        if (command.getParent() != null) {
            w.add(command.getCommandName());
        }
        w.addAll(List.of(more));
        return w.toArray(new String[0]);
    }

    private static Stream<DynamicTest> forEachCommand(java.util.function.BiConsumer<CommandLine, String> check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (CommandLine c : commands()) {
            tests.add(DynamicTest.dynamicTest(c.getCommandSpec().qualifiedName() + " --help", () -> {
                Run r = Run.of(words(c, "--help"));
                assertThat(r.exit()).as(r.err()).isZero();
                assertThat(r.err()).isEmpty();
                check.accept(c, r.out());
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(11);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> helpFitsEightyColumns() {
        return forEachCommand((c, help) -> {
            assertThat(c.getCommandSpec().usageMessage().width()).isEqualTo(COLUMNS);
            for (String line : help.split("\n")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(COLUMNS);
            }
        });
    }

    /**
     * Every example is one whole line that labyrinth accepts: the line after it is blank or another
     * example, never its continuation.
     */
    @TestFactory
    Stream<DynamicTest> examplesAreWholeCommandLines() {
        return forEachCommand((c, help) -> {
            List<String> lines = List.of(help.split("\n"));
            int examples = lines.indexOf("Examples:");
            assertThat(examples).as("an Examples section").isPositive();
            assertThat(lines.subList(examples + 1, lines.size())).isNotEmpty().allSatisfy(line -> {
                assertThat(line).matches("  \\S.*").contains("labyrinth");
                for (List<String> args : invocations(line)) {
                    assertThatCode(() -> Cli.create(new PrintWriter(new StringWriter()),
                            new PrintWriter(new StringWriter())).parseArgs(args.toArray(new String[0])))
                            .as(line).doesNotThrowAnyException();
                }
            });
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("  labyrinth ") || lines.get(i).startsWith("$ labyrinth")) {
                    String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
                    assertThat(next).as("after " + lines.get(i)).matches("|  \\S.*");
                }
            }
        });
    }

    /** Shell words and operators; a quoted word is one word, without its quotes. */
    private static final Pattern SHELL = Pattern.compile("'([^']*)'|(&&|\\|\\||\\||;|<\\(|\\)|>>?)|([^\\s'&|;<>()]+)");

    /** The arguments of each {@code labyrinth} in a shell line: pipes, {@code &&}, {@code <(...)} and redirections cut away. */
    static List<List<String>> invocations(String line) {
        List<List<String>> all = new ArrayList<>();
        List<String> command = new ArrayList<>();
        boolean redirect = false;
        Matcher m = SHELL.matcher(line + " ;");
        while (m.find()) {
            if (m.group(2) == null) {
                if (!redirect) {
                    command.add(m.group(1) != null ? m.group(1) : m.group(3));
                }
                redirect = false;
            } else if (m.group(2).startsWith(">")) {
                redirect = true;
            } else {
                int at = command.indexOf("labyrinth");
                if (at >= 0) {
                    all.add(new ArrayList<>(command.subList(at + 1, command.size())));
                }
                command.clear();
            }
        }
        assertThat(all).as("a labyrinth command in: " + line).isNotEmpty();
        return all;
    }

    @Test
    void examplesAreReadAsAShellWould() {
        assertThat(invocations("  labyrinth repl t.json -c 'break failure; continue' | head"))
                .containsExactly(List.of("repl", "t.json", "-c", "break failure; continue"));
        assertThat(invocations("  source <(labyrinth completion bash)")).containsExactly(List.of("completion", "bash"));
        assertThat(invocations("  labyrinth gen x -o a.json && labyrinth completion bash > f"))
                .containsExactly(List.of("gen", "x", "-o", "a.json"), List.of("completion", "bash"));
    }

    /** Every file name the command's texts mention is printed whole on one line, never cut at a dot or slash. */
    @TestFactory
    Stream<DynamicTest> fileNamesAreNeverCutAcrossLines() {
        return forEachCommand((c, help) -> {
            Set<String> names = new LinkedHashSet<>();
            for (String text : texts(c.getCommandSpec())) {
                Matcher m = FILE_NAME.matcher(text);
                while (m.find()) {
                    names.add(m.group());
                }
            }
            assertThat(names).isNotEmpty();
            for (String name : names) {
                Pattern whole = Pattern.compile("(?<![\\w./~-])" + Pattern.quote(name) + "(?![\\w/~-])");
                assertThat(help.lines().anyMatch(l -> whole.matcher(l).find())).as(name + " whole in:\n" + help)
                        .isTrue();
            }
        });
    }

    private static List<String> texts(CommandSpec spec) {
        List<String> texts = new ArrayList<>();
        texts.addAll(List.of(spec.usageMessage().description()));
        texts.addAll(List.of(spec.usageMessage().footer()));
        for (ArgSpec a : spec.args()) {
            if (!a.hidden()) {
                texts.addAll(List.of(a.description()));
            }
        }
        return texts;
    }

    /** The summary the root lists for a command is not printed again above its usage; each paragraph once. */
    @TestFactory
    Stream<DynamicTest> helpStartsWithUsageAndSaysEachThingOnce() {
        return forEachCommand((c, help) -> {
            assertThat(help).startsWith("Usage: " + c.getCommandSpec().qualifiedName());
            String flat = help.replaceAll("\\s+", " ");
            for (String paragraph : c.getCommandSpec().usageMessage().description()) {
                String opening = String.join(" ", List.of(paragraph.split(" ")).subList(0, 3));
                assertThat(count(flat, opening)).as(opening).isEqualTo(1);
            }
        });
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** A document that help points at is in the repository, where a user of a clone can open it. */
    @TestFactory
    Stream<DynamicTest> everyDocumentHelpNamesIsInTheRepository() {
        return forEachCommand((c, help) -> {
            Matcher m = DOCUMENT.matcher(help);
            while (m.find()) {
                Path doc = Repo.root().resolve(m.group()).normalize();
                assertThat(doc.startsWith(Repo.root())).as(m.group() + " inside the repository").isTrue();
                assertThat(Files.isRegularFile(doc)).as(m.group() + " in the repository").isTrue();
            }
        });
    }

    @Test
    void validatePointsAtTheTraceFormatInTheRepository() {
        assertThat(Run.of("validate", "--help").out().replaceAll("\\s+", " ")).contains("(docs/trace-format.md)");
    }

    /** TRACE takes every encoding labyrinth reads, and its help says so. */
    @TestFactory
    Stream<DynamicTest> traceParameterListsEveryEncoding() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CommandLine c : commands()) {
            for (PositionalParamSpec p : c.getCommandSpec().positionalParameters()) {
                if (p.paramLabel().startsWith("TRACE")) {
                    tests.add(DynamicTest.dynamicTest(c.getCommandName() + " " + p.paramLabel(), () -> {
                        String said = parameterHelp(Run.of(words(c, "--help")).out(), p.paramLabel());
                        assertThat(said).contains("JSON document", "JSON Lines", "gzip", "compact binary (.lbt)",
                                "ftrace", "trace-cmd", "perf script", "- reads standard input");
                    }));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(7);
        return tests.stream();
    }

    /** The rows of the parameter list that describe {@code label}, joined into one line. */
    private static String parameterHelp(String help, String label) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (String line : help.split("\n")) {
            if (line.matches(" {6}" + Pattern.quote(label) + "(\\.\\.\\.)? .*")) {
                in = true;
            } else if (in && !line.matches(" {20,}\\S.*")) {
                break;
            }
            if (in) {
                sb.append(line.strip()).append(' ');
            }
        }
        assertThat(sb).as(label + " in:\n" + help).isNotEmpty();
        return sb.toString();
    }

    /** CLI.md: every command accepts --no-color, also those that print nothing coloured. */
    @TestFactory
    Stream<DynamicTest> everyCommandAcceptsNoColor() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CommandLine c : commands()) {
            if (c.getParent() != null) {
                tests.add(DynamicTest.dynamicTest(c.getCommandName() + " --no-color", () -> {
                    Run r = Run.of(words(c, "--no-color", "--help"));
                    assertThat(r.exit()).as(r.err()).isZero();
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void completionAcceptsNoColor() {
        Run r = Run.of("completion", "--no-color", "bash");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(Run.of("completion", "bash").out());
    }

    @Test
    void proseIsCutAtSpacesOnly() {
        String text = "written to trace.ndjson.gz and docs/binary-format.md";
        List<String> lines = new ArrayList<>();
        for (int[] p : HelpLayout.pieces(text, 16, 2)) {
            lines.add(text.substring(p[0], p[1]));
        }
        assertThat(lines).containsExactly("written to", "trace.ndjson.gz", "and", "docs/binary-format.md");
    }
}
