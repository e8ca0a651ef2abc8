package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a trace a batch ahead on a second thread changes nothing a user sees: the same
 * reports, messages and exit codes as reading on one thread, for every sample, for traces long
 * enough to fill many batches, and for traces that are cut short or break the format after
 * thousands of good events.
 */
class ReadAheadReplayTest {
    @TempDir
    Path dir;

    @Test
    void reportsMessagesAndExitCodesAreTheSameWithAndWithoutReadAhead() throws Exception {
        List<Path> traces = new ArrayList<>();
        try (var samples = Files.list(Repo.root().resolve("sample-traces"))) {
            samples.filter(p -> p.toString().endsWith("json")).sorted().forEach(traces::add);
        }
        Path big = dir.resolve("steady.ndjson");
        assertThat(Run.of("gen", "steady", "--events", "20000", "-o", big.toString()).exit()).isZero();
        traces.add(big);
        List<String> lines = Files.readAllLines(big);
        Path cut = dir.resolve("cut.ndjson");
        String whole = String.join("\n", lines);
        Files.writeString(cut, whole.substring(0, whole.length() * 2 / 3));
        traces.add(cut);
        Path broken = dir.resolve("broken.ndjson");
        List<String> bad = new ArrayList<>(lines);
        bad.set(15_000, bad.get(15_000).replace("\"op\":", "\"op\":1,\"x\":"));
        Files.write(broken, bad);
        traces.add(broken);

        for (Path t : traces) {
            for (String command : List.of("replay", "stats")) {
                Run on = Run.of(command, t.toString());
                Run off = withoutReadAhead(() -> Run.of(command, t.toString()));
                assertThat(on).as("%s %s", command, t.getFileName()).isEqualTo(off);
            }
        }
        Run brokenRun = Run.of("replay", broken.toString());
        assertThat(brokenRun.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(brokenRun.err()).contains(":15001:").contains("event 14999");
        assertThat(Run.of("replay", cut.toString()).out()).contains("truncated after event");
    }

    private static Run withoutReadAhead(java.util.function.Supplier<Run> run) {
        String before = System.getProperty("labyrinth.readahead");
        System.setProperty("labyrinth.readahead", "off");
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty("labyrinth.readahead");
            } else {
                System.setProperty("labyrinth.readahead", before);
            }
        }
    }
}
