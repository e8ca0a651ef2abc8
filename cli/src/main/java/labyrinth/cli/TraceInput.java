package labyrinth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import labyrinth.core.KernelVersion;
import labyrinth.format.TraceFiles;
import labyrinth.format.json.ReaderLimits;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * Opens traces for commands and turns every failure to read one into a single line on the error
 * writer (plus the stack trace with {@code --debug}) and exit code 3, so that {@code validate},
 * {@code replay}, {@code stats} and the rest fail alike. Stateless; thread-safe if the writer is.
 */
public final class TraceInput {
    private final PrintWriter err;
    private final boolean debug;
    private final ReaderLimits limits;
    private final KernelVersion kernel;

    public TraceInput(PrintWriter err, boolean debug) {
        this(err, debug, ReaderLimits.defaults());
    }

    public TraceInput(PrintWriter err, boolean debug, ReaderLimits limits) {
        this(err, debug, limits, null);
    }

    /** @param kernel how kernel trace text is read ({@code --kernel}), or null */
    public TraceInput(PrintWriter err, boolean debug, ReaderLimits limits, KernelVersion kernel) {
        this.err = err;
        this.debug = debug;
        this.limits = limits;
        this.kernel = kernel;
    }

    /**
     * Opens {@code file} (named in messages as given) and reads its header.
     *
     * @return the open trace, or null after reporting why it cannot be read (exit with {@link #EXIT})
     */
    public TraceSource open(String file) {
        try {
            return TraceFiles.open(Path.of(file), file, limits, kernel);
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
