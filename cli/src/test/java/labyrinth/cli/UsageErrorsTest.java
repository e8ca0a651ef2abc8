package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** A usage error is its one-line message and a pointer at --help, on standard error, and exit 2. */
class UsageErrorsTest {
    @TestFactory
    Stream<DynamicTest> everyUsageErrorOfEveryCommandIsOneMessageAndTheTryLine() {
        List<DynamicTest> tests = new ArrayList<>();
        CommandLine root = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<CommandLine> commands = new ArrayList<>(List.of(root));
        commands.addAll(root.getSubcommands().values());
        for (CommandLine command : commands) {
            for (List<String> args : usageErrors(command.getCommandSpec())) {
                tests.add(DynamicTest.dynamicTest("labyrinth " + String.join(" ", args), () -> twoLines(command, args)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(40);
        return tests.stream();
    }

    @Test
    void theReplsOwnUsageErrorsAreTwoLinesToo() {
        CommandLine repl = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().get("repl");
        String trace = Repo.root().resolve("sample-traces/clean.json").toString();
        twoLines(repl, List.of("repl", "--batch", "cmds.txt", "-c", "step", trace));
        twoLines(repl, List.of("repl", "--batch", "no-such-batch-file.txt", trace));
        assertThat(Run.of("repl", "--batch", "no-such-batch-file.txt", trace).err())
                .startsWith("cannot read the batch file no-such-batch-file.txt: no such file\n");
    }

    private static void twoLines(CommandLine command, List<String> args) {
        Run r = Run.of(args.toArray(new String[0]));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        String[] lines = r.err().split("\n");
        assertThat(lines).as(r.err()).hasSize(2);
        assertThat(lines[0]).isNotBlank().doesNotStartWith("Usage").doesNotEndWith(".");
        assertThat(Character.isUpperCase(lines[0].charAt(0))).as("lower case: " + lines[0]).isFalse();
        assertThat(lines[1]).isEqualTo("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information");
    }

    /** For one command: an unknown option, no arguments, each typed value wrong, and one argument too many. */
    private static List<List<String>> usageErrors(CommandSpec spec) {
        List<String> path = new ArrayList<>();
        for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
            path.add(0, s.name());
        }
        List<List<String>> errors = new ArrayList<>();
        errors.add(with(path, "--nosuch"));
        errors.add(with(path, "--nosuch", "--help"));
        errors.add(path);
        for (OptionSpec o : spec.options()) {
            if (typed(o)) {
                errors.add(with(path, o.longestName() + "=not-a-value"));
            }
        }
        int most = 0;
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (typed(p)) {
                errors.add(with(path, "not-a-value"));
            }
            most = p.arity().max() == Integer.MAX_VALUE || most == Integer.MAX_VALUE ? Integer.MAX_VALUE
                    : most + p.arity().max();
        }
        if (spec.subcommands().isEmpty() && most < Integer.MAX_VALUE) {
            List<String> tooMany = new ArrayList<>(path);
            for (int i = 0; i <= most; i++) {
                tooMany.add("x" + i + ".json");
            }
            errors.add(tooMany);
        }
        if (!spec.subcommands().isEmpty()) {
            errors.add(with(path, "nosuch", "--help"));
        }
        return errors;
    }

    private static boolean typed(ArgSpec a) {
        Class<?> t = a.type();
        return t.isEnum() || t == int.class || t == long.class || t == Integer.class || t == Long.class;
    }

    private static List<String> with(List<String> path, String... args) {
        List<String> all = new ArrayList<>(path);
        all.addAll(List.of(args));
        return all;
    }

    @Test
    void anUnknownCommandSuggestsTheNearestOne() {
        Run r = Run.of("replya", "x.json");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("unknown command 'replya'; did you mean 'replay'?\n"
                + "Try 'labyrinth --help' for more information\n");
    }

    @Test
    void anUnknownCommandWithHelpIsAUsageErrorNotTheRootHelp() {
        Run r = Run.of("nosuch", "--help");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("unknown command 'nosuch': expected one of replay, repl, triage, reduce,");
    }

    @Test
    void anUnknownOptionWithHelpIsAUsageError() {
        Run r = Run.of("replay", "--help", "--nosuch");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("unknown option '--nosuch'\n");
    }

    @Test
    void anUnknownOptionSuggestsTheNearestOne() {
        assertThat(Run.of("replay", "--fial-on=warning", "t.json").err())
                .startsWith("unknown option '--fial-on'; did you mean '--fail-on'?\n");
        assertThat(Run.of("stats", "--no-colour", "t.json").err())
                .startsWith("unknown option '--no-colour'; did you mean '--no-color'?\n");
    }

    @Test
    void aMistypedOptionIsReportedRatherThanWhatItLeavesMissing() {
        assertThat(Run.of("reduce", "--outptu", "small.json", "big.json").err())
                .startsWith("unknown option '--outptu'; did you mean '--output'?\n");
    }

    @Test
    void picocliMessagesAreLowerCaseLikeOurs() {
        assertThat(Run.of("replay").err()).startsWith("missing required parameter: 'TRACE'\n");
        assertThat(Run.of("replay", "--fail-on", "sometimes", "t.json").err())
                .startsWith("invalid value for option '--fail-on': expected one of [error, warning, never]");
    }

    @Test
    void aSwapOfNeighboursIsOneTypo() {
        assertThat(UsageErrors.typos("replya", "replay")).isEqualTo(1);
        assertThat(UsageErrors.typos("replya", "repl")).isEqualTo(2);
        assertThat(UsageErrors.nearest("replya", List.of("repl", "replay", "reduce"))).isEqualTo("replay");
    }

    @Test
    void shortNamesGetNoSuggestion() {
        assertThat(UsageErrors.nearest("-x", List.of("-h", "-V", "-o"))).isNull();
        assertThat(UsageErrors.nearest("frob", List.of("replay", "stats"))).isNull();
    }
}
