package labyrinth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors as CLI.md wants them: one line saying what was expected and what was found, one line
 * pointing at the command's {@code --help}, exit 2. The whole help would bury the message. Stateless.
 */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(message(e));
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information");
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * Runs the last command given, after refusing arguments nobody took. picocli lets them pass when
     * {@code --help} is among the arguments, so {@code labyrinth nosuch --help} would print the root's
     * help and exit 0 as if the command existed.
     */
    static IExecutionStrategy rejectingUnmatched() {
        return parsed -> {
            for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
                if (!p.unmatched().isEmpty()) {
                    throw new UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
                }
            }
            return new RunLast().execute(parsed);
        };
    }

    static String message(ParameterException e) {
        // a mistyped option causes what follows from it: report "--outptu" first, not "missing --output"
        ParseResult parsed = e.getCommandLine().getParseResult();
        if (!(e instanceof UnmatchedArgumentException) && parsed != null && !parsed.unmatched().isEmpty()) {
            e = new UnmatchedArgumentException(e.getCommandLine(), parsed.unmatched());
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return unmatched(u.getCommandLine(), u.getUnmatched().get(0), u.isUnknownOption());
        }
        String m = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
        if (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        // picocli's own messages start with a capital ("Missing required parameter: 'TRACE'"); ours do not
        if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))) {
            m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        }
        return m;
    }

    private static String unmatched(CommandLine cl, String arg, boolean looksLikeOption) {
        CommandSpec spec = cl.getCommandSpec();
        if (looksLikeOption) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            List<String> names = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    names.addAll(List.of(o.names()));
                }
            }
            String near = nearest(name, names);
            return "unknown option '" + name + "'" + (near == null ? "" : "; did you mean '" + near + "'?");
        }
        if (!cl.getSubcommands().isEmpty()) {
            List<String> commands = new ArrayList<>(cl.getSubcommands().keySet());
            String near = nearest(arg, commands);
            return "unknown command '" + arg + "'" + (near != null ? "; did you mean '" + near + "'?"
                    : ": expected one of " + String.join(", ", commands));
        }
        List<String> labels = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            labels.add(p.paramLabel());
        }
        return "unexpected argument '" + arg + "'" + (labels.isEmpty() ? "" : " after " + String.join(" ", labels));
    }

    /**
     * The candidate a typo away from {@code word}: within one edit, or two for words of six letters or
     * more (dashes not counted), so that {@code -x} suggests nothing but {@code --fial-on} does.
     */
    static String nearest(String word, List<String> candidates) {
        String bare = word.replaceFirst("^-+", "");
        if (bare.length() < 3) {
            return null;
        }
        int allowed = bare.length() >= 6 ? 2 : 1;
        String best = null;
        int bestDistance = allowed + 1;
        for (String c : candidates) {
            int d = typos(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * Insertions, deletions, substitutions and swaps of neighbours (optimal string alignment) turning
     * a into b. A swap counts one: {@code replya} is one typo from {@code replay} and two from {@code repl}.
     */
    static int typos(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
