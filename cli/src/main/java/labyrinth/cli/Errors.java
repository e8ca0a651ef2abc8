package labyrinth.cli;

import java.io.PrintWriter;

/** One place that turns a failure into one line on standard error (plus the stack with --debug). */
final class Errors {
    private Errors() {
    }

    /** Prints {@code message} and returns {@link ExitCode#UNREADABLE}. */
    static int report(PrintWriter err, String message, Throwable cause, boolean debug) {
        err.println(message);
        if (debug && cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
        return ExitCode.UNREADABLE;
    }
}
