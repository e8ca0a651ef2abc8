package labyrinth.format;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.zip.ZipException;
import labyrinth.trace.TraceException;

/**
 * The error for a file no reader could read, whatever its encoding: every codec and command says
 * "cannot read: no such file" in the same words. Stateless.
 */
public final class ReadErrors {
    private ReadErrors() {
    }

    /** "cannot read: no such file" and the like, for a file that cannot be opened or read. */
    public static TraceException cannotRead(String file, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "no such file";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof ZipException) {
            why = "corrupt gzip data (" + e.getMessage() + ")";
        } else if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("is a directory")) {
            why = "is a directory";
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new TraceException(file, 0, 0, -1, "cannot read: " + why, e);
    }
}
