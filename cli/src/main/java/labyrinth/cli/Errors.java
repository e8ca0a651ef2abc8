package labyrinth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

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

    /**
     * Reports that {@code target} cannot be written, in the same words for every command and
     * option, and returns {@link ExitCode#UNREADABLE}: an output is an outside resource, like a
     * trace, not a usage error nor a bug.
     */
    static int cannotWrite(PrintWriter err, Path target, IOException cause, boolean debug) {
        return report(err, cannotWrite(target, cause), cause, debug);
    }

    /** {@code cannot write TARGET: REASON}, the target as the user gave it and the system's reason. */
    static String cannotWrite(Path target, IOException cause) {
        return "cannot write " + Stdio.outputName(target) + ": " + reason(cause);
    }

    /**
     * The system's reason, without the file names a {@link FileSystemException}'s message carries
     * (they would name the hidden temporary file of an atomic write, not the user's target).
     */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            // the JDK leaves the reason out for these, whose type says it
            if (e instanceof AccessDeniedException) {
                return "Permission denied";
            } else if (e instanceof NoSuchFileException) {
                return "No such file or directory";
            } else if (e instanceof NotDirectoryException) {
                return "Not a directory";
            } else if (e instanceof FileAlreadyExistsException) {
                return "File exists";
            } else if (e instanceof DirectoryNotEmptyException) {
                return "Directory not empty";
            }
            return e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
