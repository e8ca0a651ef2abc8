package labyrinth.cli.repl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The REPL's history file, {@code $HOME/.labyrinth_history}: the {@code HOME} variable, never the
 * password database (whose answer for an unknown user id is {@code ?}, a folder JLine would create in
 * the current directory). A file that cannot be written gets one warning, and the session goes on
 * without history; JLine's own handling would log a stack trace after every command. Not
 * thread-safe: one per session.
 */
final class History extends DefaultHistory {
    static final String FILE = ".labyrinth_history";

    private final PrintWriter warnings;
    private final Path file;
    private boolean failed;

    private History(Path file, PrintWriter warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /** {@code $HOME/.labyrinth_history}, or null when {@code HOME} is unset or empty. */
    static Path defaultFile(Map<String, String> env) {
        String home = env.get("HOME");
        return home == null || home.isEmpty() ? null : Path.of(home, FILE);
    }

    /**
     * A history kept in {@code file}, or null (after one warning on {@code warnings}) when the file
     * cannot be written; null {@code file}: no history, without a word.
     */
    static History open(Path file, PrintWriter warnings) {
        if (file == null) {
            return null;
        }
        // JLine would create missing folders; a missing home is the user's to make, not ours
        try {
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
            return new History(file, warnings);
        } catch (IOException | SecurityException e) {
            warn(warnings, file, e);
            return null;
        }
    }

    Path file() {
        return file;
    }

    private static void warn(PrintWriter warnings, Path file, Exception e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? "no such folder"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(e.getMessage());
        warnings.println("warning: cannot keep the history in " + file + " (" + why + "); going on without it");
        warnings.flush();
    }

    @Override
    public void load() {
        if (failed) {
            return;
        }
        try {
            super.load();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void save() {
        if (failed) {
            return;
        }
        try {
            super.save();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        failed = true;
        warn(warnings, file, e);
    }
}
