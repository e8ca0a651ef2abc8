package labyrinth.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Fuzz target: the whole command line on any bytes as the trace: {@code replay} (JSON report, so
 * every finding is rendered), {@code stats} and {@code validate}. Each must end with exit 0, 1, 3
 * or 4 and never print a stack trace; exit 70 (an exception a command did not handle) is a finding.
 * Regression inputs: {@code src/test/resources/labyrinth/cli/ReplayFuzzTestInputs/replay/}.
 */
class ReplayFuzzTest {
    static final Set<Integer> ALLOWED = Set.of(ExitCode.OK, ExitCode.FINDINGS, ExitCode.UNREADABLE,
            ExitCode.NOT_REPRODUCED);
    private static Path file;

    @FuzzTest(maxDuration = "10m")
    void replay(byte[] data) throws IOException {
        if (file == null) {
            file = Files.createTempFile("fuzz-trace", ".json");
            file.toFile().deleteOnExit();
        }
        Files.write(file, data);
        String f = file.toString();
        // a small machine limit and reader limits keep one input cheap
        check(data, "replay", "--format", "json", "--max-pages", "1048576", "--max-document-length", "1048576", f);
        check(data, "stats", "--max-pages", "1048576", f);
        check(data, "validate", f);
    }

    private static void check(byte[] data, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        if (!ALLOWED.contains(exit) || err.toString().contains("\tat ")) {
            throw new AssertionError(args[0] + " exited " + exit + " on " + data.length + " bytes: " + err);
        }
    }
}
