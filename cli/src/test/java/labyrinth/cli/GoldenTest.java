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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases: each folder under {@code cli/src/test/golden/} holds {@code args} (one command line;
 * paths relative to the repository root), the expected {@code stdout}, and {@code exit}. Run with
 * {@code -Dlabyrinth.golden.update=true} to rewrite them on purpose; review such diffs like code.
 * The running version is written {@value #VERSION} in the goldens, so a version bump rewrites none.
 */
class GoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("labyrinth.golden.update");
    /** What the goldens say where a report names the tool's version (JSON, SARIF, JUnit). */
    static final String VERSION = "${version}";

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

    /** A version bump must not rewrite golden folders: none spells the running version, the tool's show the placeholder. */
    @Test
    void noGoldenPinsTheVersion() throws IOException {
        String quoted = '"' + VersionProvider.version() + '"';
        List<String> naming = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.root().resolve("cli/src/test/golden"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(f);
                assertThat(text).as("%s pins the version", f).doesNotContain(quoted);
                if (text.contains('"' + VERSION + '"')) {
                    naming.add(f.getParent().getFileName().toString());
                }
            }
        }
        assertThat(naming).as("goldens whose report names the tool's version")
                .contains("replay-json-double-free", "replay-sarif-double-free");
    }

    @Test
    void aReportOfAnyVersionMatchesItsGolden() throws IOException {
        Path root = Repo.root();
        String golden = Files.readString(root.resolve("cli/src/test/golden/replay-json-double-free/stdout"));
        String report = Run.of("replay", "--format", "json", root.resolve("sample-traces/double-free.json").toString())
                .out().replace(root + "/", "");
        String version = VersionProvider.version();
        assertThat(report).contains('"' + version + '"');
        assertThat(withoutVersion(report, version)).isEqualTo(golden);
        String bumped = report.replace('"' + version + '"', "\"99.1.0\"");
        assertThat(withoutVersion(bumped, "99.1.0")).as("after a version bump").isEqualTo(golden);
    }

    private static void check(Path root, Path dir) throws IOException {
        String[] words = Files.readString(dir.resolve("args")).trim().split("\\s+");
        List<String> args = new ArrayList<>();
        for (String w : words) {
            args.add(!w.startsWith("-") && Files.exists(root.resolve(w)) ? root.resolve(w).toString() : w);
        }
        Run run = Run.of(args.toArray(String[]::new));
        String prefix = root.toString() + "/";
        String stdout = withoutVersion(run.out().replace(prefix, ""), VersionProvider.version());
        String exit = run.exit() + "\n";
        if (UPDATE) {
            Files.writeString(dir.resolve("stdout"), stdout, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("exit"), exit, StandardCharsets.UTF_8);
            return;
        }
        assertThat(stdout).isEqualTo(Files.readString(dir.resolve("stdout")));
        assertThat(exit).isEqualTo(Files.readString(dir.resolve("exit")));
        assertThat(withoutVersion(run.err().replace(prefix, ""), VersionProvider.version())).as("stderr").isEqualTo(
                Files.exists(dir.resolve("stderr")) ? Files.readString(dir.resolve("stderr")) : "");
    }

    /**
     * {@code text} with the quoted {@code version} (a JSON string, an XML attribute) as {@link #VERSION}:
     * only quoted, so a number in a message that happens to spell the version stays.
     */
    static String withoutVersion(String text, String version) {
        return text.replace('"' + version + '"', '"' + VERSION + '"');
    }
}
