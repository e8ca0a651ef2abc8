package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * CLI.md's trace-gap: a kernel capture's {@code [LOST n EVENTS]} (ftrace), {@code [n EVENTS DROPPED]}
 * (trace-cmd) and {@code CPU n buffer overrun} lines are warnings at the lines where they stand.
 */
class LostKernelEventsTest {
    private static final Path CAPTURE = Repo.root().resolve("trace-format/src/test/resources/ftrace/lost-events.txt");

    @Test
    void everyLossLineIsATraceGapWarningAtItsLine() {
        Run run = Run.of("replay", CAPTURE.toString());
        List<String> gaps = run.out().lines().filter(l -> l.contains(": warning: trace-gap: ")).toList();
        assertThat(gaps).containsExactly(
                CAPTURE + ":6:1: warning: trace-gap: the recorder lost 37 events on CPU 0 here (\"CPU:0 [LOST 37 EVENTS]\"):"
                        + " allocations and frees may be missing",
                CAPTURE + ":8:1: warning: trace-gap: the recorder lost events on CPU 1 here (\"CPU:1 [LOST EVENTS]\"):"
                        + " allocations and frees may be missing",
                CAPTURE + ":9:1: warning: trace-gap: the recorder lost 5 events on CPU 2 here (\"CPU:2 [5 EVENTS"
                        + " DROPPED]\"): allocations and frees may be missing",
                CAPTURE + ":10:1: warning: trace-gap: the recorder lost events on CPU 3 here (\"CPU:3 [EVENTS"
                        + " DROPPED]\"): allocations and frees may be missing",
                CAPTURE + ":11:1: warning: trace-gap: the recorder lost events on CPU 3 here (\"CPU 3 buffer"
                        + " overrun\"): allocations and frees may be missing");
        assertThat(run.out()).contains("Findings: trace-gap 5\n");
        assertThat(run.exit()).isZero();
        assertThat(Run.of("replay", "--fail-on", "warning", CAPTURE.toString()).exit()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void theJsonReportPlacesThemAndTriageBucketsThemAsOne() throws Exception {
        JsonNode report = new ObjectMapper().readTree(Run.of("replay", "--format", "json", CAPTURE.toString()).out());
        List<Long> lines = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            assertThat(f.get("kind").asString()).isEqualTo("trace-gap");
            assertThat(f.get("severity").asString()).isEqualTo("warning");
            lines.add(f.get("line").asLong());
        }
        assertThat(lines).containsExactly(6L, 8L, 9L, 10L, 11L);
        assertThat(Run.of("triage", "--fail-on", "warning", CAPTURE.toString()).out())
                .contains("   1  warning  trace-gap\n").contains("lost-events.txt:6:1: the recorder lost 37 events");
    }

    @Test
    void theReplBreaksOnThem() {
        Run run = Run.of("repl", "-c", "break kind trace-gap; continue; continue", CAPTURE.toString());
        assertThat(run.out()).contains("after event 1 (line 6)").contains("after event 3 (line 8)")
                .contains("warning: trace-gap: the recorder lost 37 events on CPU 0 here");
        assertThat(run.exit()).isZero();
    }
}
