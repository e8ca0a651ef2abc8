package labyrinth.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository and the shared contracts beside it (CI clones with {@code shared/} next to the clone). */
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

    static Path shared() {
        Path shared = root().resolve("../shared").normalize();
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("the shared contracts are missing: expected " + shared);
        }
        return shared;
    }

    static Path examples() {
        return shared().resolve("docs/examples");
    }
}
