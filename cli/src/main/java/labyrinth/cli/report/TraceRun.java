package labyrinth.cli.report;

import labyrinth.replay.PrimaryFailure;
import labyrinth.replay.ReplayResult;

/**
 * One trace of a triage: what its replay gave, or why it could not be read. Immutable.
 *
 * @param name the trace as messages name it
 * @param result the replay, or null when the trace could not be read
 * @param error the one-line reading error, or null
 * @param primary the primary failure (signature {@code unreadable} for an unreadable trace), or
 *     null when the trace did not fail
 * @param exit the exit code {@code replay} would give for this trace alone
 */
public record TraceRun(String name, ReplayResult result, String error, PrimaryFailure primary, int exit) {
    public boolean unreadable() {
        return result == null;
    }
}
