package labyrinth.cli.report;

import java.util.List;
import labyrinth.replay.Severity;

/**
 * The traces that failed with one signature. Immutable.
 *
 * @param runs in input order; the first is the example
 * @param severity the highest severity of its traces' primary failures
 * @param exit the highest exit code of its traces
 * @param known whether the baseline lists the signature
 */
public record Bucket(String signature, Severity severity, List<TraceRun> runs, int exit, boolean known) {
    public Bucket {
        runs = List.copyOf(runs);
    }

    TraceRun example() {
        return runs.get(0);
    }
}
