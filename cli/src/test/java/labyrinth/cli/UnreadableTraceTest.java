package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that reads a trace reports one it cannot read alike: the commands let the
 * TraceException go, and Cli turns it into one located line and exit 3, its stack with --debug.
 */
class UnreadableTraceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"replay", "stats", "whatif --fix-leak all", "reduce -o OUT", "convert -o OUT",
        "validate", "triage"})
    void oneLocatedLineAndExitThree(String command) throws IOException {
        Path trace = dir.resolve("cut.json");
        Files.writeString(trace, "{\n");
        String line = trace + ":2:1: expected the rest of the header, found the end of the file";

        Run r = Run.of(args(command, trace));
        assertThat(r.exit()).as(command).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).as(command).isEqualTo(line + System.lineSeparator());

        List<String> debug = new ArrayList<>(List.of(args(command, trace)));
        debug.add(1, "--debug");
        Run d = Run.of(debug.toArray(String[]::new));
        assertThat(d.exit()).as(command).isEqualTo(ExitCode.UNREADABLE);
        if (!command.equals("triage")) { // triage lists unreadable traces, without stacks
            assertThat(d.err()).as(command).startsWith(line + System.lineSeparator()
                    + "labyrinth.trace.TraceException: " + line).contains("\tat labyrinth.");
        }
    }

    private String[] args(String command, Path trace) {
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(word.equals("OUT") ? dir.resolve("out.json").toString() : word);
        }
        args.add(trace.toString());
        return args.toArray(String[]::new);
    }
}
