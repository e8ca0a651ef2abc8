package labyrinth.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository and the test data it holds (the worked examples, the real kernel captures). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with mvnw) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The project's copies of the contracts' worked examples, with {@code expected.json}. */
    static Path examples() {
        return folder("cli/src/test/resources/examples");
    }

    /** The real kernel captures, kept once as trace-format's test resources. */
    static Path realTraces() {
        return folder("trace-format/src/test/resources/real-traces");
    }

    private static Path folder(String relative) {
        Path dir = root().resolve(relative);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("expected the folder " + relative + " in the repository, found none at "
                    + dir);
        }
        return dir;
    }
}
