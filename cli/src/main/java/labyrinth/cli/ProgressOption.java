package labyrinth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import labyrinth.cli.progress.Progress;
import picocli.CommandLine.Option;

/**
 * {@code -q/--quiet}, and whether a command shows a progress bar on standard error: only when
 * standard error is a terminal, not a dumb one ({@code TERM=dumb} cannot rewrite a line), and never
 * with this option. Mixed into the commands that do long work: {@code replay}, {@code repl},
 * {@code triage}, {@code reduce}, {@code import}, {@code convert}, {@code stats}.
 */
final class ProgressOption {
    /**
     * Set to {@code true} by the {@code labyrinth} launcher when standard error is a terminal
     * ({@code [ -t 2 ]}). Java 17 cannot tell by itself: {@code System.console()} is null unless
     * standard input and output are terminals too, and says nothing about standard error. Without it
     * (e.g. {@code java -jar}) there is no bar.
     */
    static final String STDERR_TTY = "labyrinth.stderr.tty";

    /** What the bars read the time and the environment from; tests replace them. */
    static LongSupplier clock = System::nanoTime;
    static UnaryOperator<String> env = System::getenv;

    @Option(names = {"-q", "--quiet"},
            description = "no progress on standard error (by default a progress bar shows there when it is a terminal)")
    boolean quiet;

    /** Whether progress is wanted: neither {@code --quiet} nor a dumb terminal, and the launcher saw a terminal. */
    static boolean wanted(boolean quiet, String stderrTty, String term) {
        return !quiet && "true".equals(stderrTty) && !"dumb".equals(term);
    }

    boolean wanted() {
        return wanted(quiet, System.getProperty(STDERR_TTY), env.apply("TERM"));
    }

    /** A bar for work on one file, e.g. {@code replaying x.json} ({@code verb} and the file's name), or {@link Progress#OFF}. */
    Progress start(PrintWriter err, String verb, Path file) {
        if (!wanted()) {
            return Progress.OFF;
        }
        Path name = file.getFileName();
        return Progress.start(err, clock, columns(), verb + " " + (name != null ? name : file), Progress.sizeOf(file),
                -1);
    }

    /** A bar for several traces, their bytes together (a trace that is no regular file adds none), or {@link Progress#OFF}. */
    Progress start(PrintWriter err, String task, List<Path> traces) {
        if (!wanted()) {
            return Progress.OFF;
        }
        long total = 0;
        for (Path p : traces) {
            total += Math.max(0, Progress.sizeOf(p));
        }
        return Progress.start(err, clock, columns(), task, total, traces.size());
    }

    /** The terminal's width from {@code COLUMNS} when the shell exports it, else 80. */
    private static int columns() {
        String c = env.apply("COLUMNS");
        try {
            int n = c == null ? 0 : Integer.parseInt(c.trim());
            return n >= 20 ? n : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
