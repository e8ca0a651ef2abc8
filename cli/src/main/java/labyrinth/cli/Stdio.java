package labyrinth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Standard input and output as bytes, for the operand {@code -} (a trace read from standard input)
 * and {@code -o -} (a trace or report written to standard output). Text still goes through
 * picocli's writers; {@link #out()} flushes that writer first, so bytes and text keep their order.
 * Held by the root command, so tests give a command line its own streams. Thread-safe as the
 * streams are; never null.
 */
final class Stdio {
    /** The operand that names standard input or output. */
    static final String DASH = "-";
    /** How messages and reports name a trace read from standard input. */
    static final String STDIN_NAME = "<stdin>";
    /** How messages name standard output as a target. */
    static final String STDOUT_NAME = "standard output";

    private final InputStream in;
    private final OutputStream out;
    private final PrintWriter writer;
    private final Path inFile;

    /**
     * @param in standard input
     * @param out standard output as bytes
     * @param writer picocli's writer of standard output, flushed before bytes are written to {@code out}
     * @param inFile the regular file standard input is redirected from, or null (a pipe, a terminal, a test)
     */
    Stdio(InputStream in, OutputStream out, PrintWriter writer, Path inFile) {
        this.in = in;
        this.out = out;
        this.writer = writer;
        this.inFile = inFile;
    }

    /** The streams of {@code spec}'s command line ({@link Cli#create}). */
    static Stdio of(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof LabyrinthCommand l && l.stdio != null) {
            return l.stdio;
        }
        PrintWriter w = spec.commandLine().getOut();
        return new Stdio(System.in, new WriterOutputStream(w), w, null);
    }

    /** The file behind the process's standard input when it is redirected from one ({@code < trace.json}), else null. */
    static Path redirectedFrom() {
        Path p = Path.of("/dev/stdin");
        try {
            return Files.isRegularFile(p) ? p.toRealPath() : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    static boolean isDash(Path p) {
        return p != null && p.toString().equals(DASH);
    }

    static boolean isDash(String s) {
        return DASH.equals(s);
    }

    /** How messages name {@code operand}: {@code <stdin>} for {@code -}, else the path as given. */
    static String inputName(String operand) {
        return isDash(operand) ? STDIN_NAME : operand;
    }

    /** How messages name an output target: {@code standard output} for {@code -}, else the path as given. */
    static String outputName(Path target) {
        return isDash(target) ? STDOUT_NAME : String.valueOf(target);
    }

    /** Standard input; it can be read once, so a command takes at most one {@code -} operand. */
    InputStream in() {
        return in;
    }

    /** The file standard input is redirected from, or null: an output must not replace it. */
    Path inFile() {
        return inFile;
    }

    /** Standard output as bytes, after what was printed as text; closing it only flushes. */
    OutputStream out() {
        writer.flush();
        return TraceOutputs.nonClosing(out);
    }
}
