package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two test classes share a simple name, in any module: a report or a stack trace that says
 * {@code Traces} or {@code RealTracesTest} must say which one. It lives in the cli, the last module
 * built, because it reads every module's test sources.
 */
class TestClassNamesTest {
    @Test
    void noTwoTestSourcesShareASimpleName() throws IOException {
        Map<String, List<String>> byName = testSources(Repo.root());
        assertThat(byName).as("the test sources of every module").hasSizeGreaterThan(100);
        Map<String, List<String>> shared = new TreeMap<>(byName);
        shared.values().removeIf(paths -> paths.size() < 2);
        assertThat(shared).as("test classes that share a simple name (rename one)").isEmpty();
    }

    /** Simple name to the paths (relative to the repository) of the test sources that have it. */
    private static Map<String, List<String>> testSources(Path root) throws IOException {
        List<Path> dirs;
        try (Stream<Path> modules = Files.list(root)) {
            dirs = modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).as("modules with tests").hasSizeGreaterThanOrEqualTo(3);
        Map<String, List<String>> byName = new TreeMap<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                        .forEach(f -> byName.computeIfAbsent(f.getFileName().toString(), k -> new ArrayList<>())
                                .add(root.relativize(f).toString()));
            }
        }
        return byName;
    }
}
