package labyrinth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import labyrinth.core.KernelVersion;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceFiles;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * Opens traces for commands and turns every failure to read one into a single line on the error
 * writer (plus the stack trace with {@code --debug}) and exit code 3, so that {@code validate},
 * {@code replay}, {@code stats} and the rest fail alike. The operand {@code -} is standard input,
 * named {@code <stdin>} in messages and reports. Stateless; thread-safe if the writer is.
 */
public final class TraceInput {
    private final PrintWriter err;
    private final boolean debug;
    private final ReaderLimits limits;
    private final KernelVersion kernel;
    private final InputStream stdin;

    /**
     * @param kernel how kernel trace text is read ({@code --kernel}), or null
     * @param stdio where {@code -} reads from
     */
    TraceInput(PrintWriter err, boolean debug, ReaderLimits limits, KernelVersion kernel, Stdio stdio) {
        this.err = err;
        this.debug = debug;
        this.limits = limits;
        this.kernel = kernel;
        this.stdin = stdio.in();
    }

    /**
     * Opens the trace {@code operand} names and reads its header: a file, or standard input for
     * {@code -}. Either is recognised by its content, in every encoding; standard input is read
     * once, as it comes (kernel text, which is read twice, is first copied to a temporary file).
     *
     * @param kernel how kernel trace text is read ({@code --kernel}), or null
     * @param stdin standard input, for {@code -}
     */
    public static TraceSource open(String operand, ReaderLimits limits, KernelVersion kernel, InputStream stdin)
            throws TraceException {
        if (Stdio.isDash(operand)) {
            return TraceFiles.open(stdin, Stdio.STDIN_NAME, limits, kernel);
        }
        return TraceFiles.open(Path.of(operand), operand, limits, kernel);
    }

    /** How messages and reports name the trace {@code operand} gives: {@code <stdin>} for {@code -}. */
    public static String nameOf(String operand) {
        return Stdio.inputName(operand);
    }

    /**
     * Opens {@code file} (named in messages as given, {@code -} as {@code <stdin>}) and reads its header.
     *
     * @return the open trace, or null after reporting why it cannot be read (exit with {@link #EXIT})
     */
    public TraceSource open(String file) {
        try {
            return open(file, limits, kernel, stdin);
        } catch (TraceException e) {
            report(e);
            return null;
        } catch (java.nio.file.InvalidPathException e) {
            report(new TraceException(file, 0, 0, -1, "cannot read: not a valid path", e));
            return null;
        }
    }

    /** The exit code after a trace could not be read. */
    public static final int EXIT = ExitCode.UNREADABLE;

    /** Prints the one-line message of {@code e}, and its stack trace with {@code --debug}; returns {@link #EXIT}. */
    public int report(TraceException e) {
        return Errors.report(err, e.getMessage(), e, debug);
    }

    /** Closes a trace, reporting a failure to close like a failure to read; returns 0 or {@link #EXIT}. */
    public int close(TraceSource source) {
        try {
            source.close();
            return ExitCode.OK;
        } catch (IOException e) {
            return report(new TraceException(source.name(), 0, 0, -1, "cannot read: " + e.getMessage(), e));
        }
    }
}
