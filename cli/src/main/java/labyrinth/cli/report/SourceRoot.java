package labyrinth.cli.report;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where CI reports say a trace is, the same however its path was typed: relative to the source
 * root (the git work tree that holds the traces, or {@code --source-root}), never with {@code ./}
 * or {@code ../}; a trace outside the root is an absolute {@code file:} URI. GitHub keys alerts by
 * this URI, so a path that changed with the working folder would duplicate them. Immutable.
 */
public final class SourceRoot {
    /** The SARIF {@code uriBaseId} of relative URIs. */
    static final String BASE_ID = "SRCROOT";

    private final Path root;

    private SourceRoot(Path root) {
        this.root = root;
    }

    /**
     * @param explicit {@code --source-root}, or null to take the git work tree of the first trace
     *     that is in one
     * @param traces the traces as named on the command line ({@code <stdin>} is none)
     */
    public static SourceRoot of(Path explicit, List<String> traces) {
        if (explicit != null) {
            return new SourceRoot(real(explicit));
        }
        for (String t : traces) {
            if (!isFile(t)) {
                continue;
            }
            Path tree = workTreeOf(real(Path.of(t)));
            if (tree != null) {
                return new SourceRoot(tree);
            }
        }
        return new SourceRoot(null);
    }

    /** The nearest folder at or above {@code file} that holds {@code .git} (a folder, or a worktree's file). */
    static Path workTreeOf(Path file) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return null;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The root as an absolute {@code file:} URI ending in {@code /}, or null when there is none. */
    String rootUri() {
        if (root == null) {
            return null;
        }
        String u = root.toUri().toASCIIString();
        return u.endsWith("/") ? u : u + "/";
    }

    /** Whether the trace named {@code name} is under the root (its URI is relative to {@link #BASE_ID}). */
    boolean inside(String name) {
        return isFile(name) && relative(name) != null;
    }

    /**
     * The trace as a URI reference: relative to the root, percent-encoded; or an absolute {@code file:}
     * URI; standard input keeps its name.
     */
    String uri(String name) {
        if (!isFile(name)) {
            return encode(name);
        }
        String rel = relative(name);
        return rel != null ? encode(rel) : real(Path.of(name)).toUri().toASCIIString();
    }

    /** The trace's path as JUnit consumers want it: relative to the root with {@code /}, else absolute. */
    public String path(String name) {
        if (!isFile(name)) {
            return name;
        }
        String rel = relative(name);
        return rel != null ? rel : real(Path.of(name)).toString();
    }

    /** An operand (a trace or a folder) as the SARIF category names it: relative, {@code .} for the root itself. */
    String operand(String name) {
        if (!isFile(name)) {
            return name;
        }
        if (root != null && real(Path.of(name)).equals(root)) {
            return ".";
        }
        return path(name);
    }

    /** The path of the file {@code name} names, for reading it again; null for standard input. */
    static Path file(String name) {
        return isFile(name) ? Path.of(name) : null;
    }

    private static boolean isFile(String name) {
        return !name.equals("-") && !name.equals("<stdin>");
    }

    private String relative(String name) {
        if (root == null) {
            return null;
        }
        Path p = real(Path.of(name));
        if (!p.startsWith(root) || p.equals(root)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Path part : root.relativize(p)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** Percent-encodes a relative path; a colon too, which would otherwise read as a scheme. */
    static String encode(String relative) {
        try {
            return new URI(null, null, relative, null).toASCIIString().replace(":", "%3A");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(relative, e);
        }
    }
}
