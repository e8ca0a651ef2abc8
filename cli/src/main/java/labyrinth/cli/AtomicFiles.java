package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes output files the safe way: into a temporary file in the target's folder, then renamed
 * over the target, so a reader never sees half a file and an interrupted write leaves the old one.
 * The folder must exist: a mistyped folder is an error, not a new folder. Failures are plain
 * {@link IOException}s; {@link Errors#cannotWrite} words them.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content; it must not close the stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A temporary file is created private (0600); the result should not be: it takes the
     * permissions of the file it replaces, or rw-r--r-- for a new file, as a plain write would
     * under the usual umask.
     */
    private static void keepOrOpenPermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /**
     * Fails as {@link #write} would before it writes: the folder is missing or is no folder, cannot
     * be written, or the target is a folder. Commands call it before long work, so that a typo in
     * {@code -o} does not cost the work. It tries for real (a temporary file, deleted at once): a
     * permission check would not know about read-only mounts, ACLs or root.
     */
    public static void checkWritable(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        requireFolder(target, abs.getParent());
        if (Files.isDirectory(abs)) {
            throw new FileSystemException(target.toString(), null, "Is a directory");
        }
        Files.delete(Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp"));
    }

    /** {@code no such folder DIR} (DIR as the user wrote it) when the target's folder does not exist. */
    private static void requireFolder(Path target, Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Path given = target.getParent();
            throw new FileSystemException(target.toString(), null,
                    "no such folder " + (given != null ? given : dir));
        }
    }

    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        requireFolder(target, dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            keepOrOpenPermissions(tmp, abs);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
