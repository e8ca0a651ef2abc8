package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases: each folder under {@code cli/src/test/golden/} holds {@code args} (one command line;
 * paths relative to the repository root), the expected {@code stdout}, and {@code exit}. Run with
 * {@code -Dlabyrinth.golden.update=true} to rewrite them on purpose; review such diffs like code.
 */
class GoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("labyrinth.golden.update");

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseMatches() throws IOException {
        Path root = Repo.root();
        Path cases = root.resolve("cli/src/test/golden");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(cases)) {
            for (Path dir : dirs.sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(root, dir)));
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private static void check(Path root, Path dir) throws IOException {
        String[] words = Files.readString(dir.resolve("args")).trim().split("\\s+");
        List<String> args = new ArrayList<>();
        for (String w : words) {
            args.add(!w.startsWith("-") && Files.exists(root.resolve(w)) ? root.resolve(w).toString() : w);
        }
        Run run = Run.of(args.toArray(String[]::new));
        String prefix = root.toString() + "/";
        String stdout = run.out().replace(prefix, "");
        String exit = run.exit() + "\n";
        if (UPDATE) {
            Files.writeString(dir.resolve("stdout"), stdout, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("exit"), exit, StandardCharsets.UTF_8);
            return;
        }
        assertThat(stdout).isEqualTo(Files.readString(dir.resolve("stdout")));
        assertThat(exit).isEqualTo(Files.readString(dir.resolve("exit")));
        assertThat(run.err().replace(prefix, "")).as("stderr").isEqualTo(
                Files.exists(dir.resolve("stderr")) ? Files.readString(dir.resolve("stderr")) : "");
    }
}
