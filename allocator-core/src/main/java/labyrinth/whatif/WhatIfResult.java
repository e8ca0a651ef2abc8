package labyrinth.whatif;

import java.util.List;
import labyrinth.replay.Holding;
import labyrinth.replay.ReplayResult;

/**
 * One what-if replay. Immutable.
 *
 * @param result findings, panic and summary as a replay's (its header carries the changed machine)
 * @param panicAvoided the recorded panic's trigger no longer fails: the replay stopped where the
 *     recording did, with no panic and no leak report
 * @param skipped events about a block the what-if never got, left out
 * @param dropped allocations of fixed leaks, and events about their blocks, left out
 * @param heldWhatIfOnly blocks the recording failed to get and the what-if got, by owner and site
 * @param seriousFailures warning and error {@code alloc-failure}s
 * @param primaryFails whether the baseline's primary failure event still fails (false when there is none)
 */
public record WhatIfResult(ReplayResult result, boolean panicAvoided, long skipped, long dropped,
                           List<Holding> heldWhatIfOnly, long seriousFailures, boolean primaryFails) {
    public WhatIfResult {
        heldWhatIfOnly = List.copyOf(heldWhatIfOnly);
    }

    /** No warning or error {@code alloc-failure} and no reproduced panic: what the memory search asks. */
    public boolean survived() {
        return seriousFailures == 0 && (result.panic() == null || !result.panic().reproduced());
    }
}
