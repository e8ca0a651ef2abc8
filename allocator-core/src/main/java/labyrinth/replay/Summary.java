package labyrinth.replay;

import java.util.Map;

/**
 * Counts over a whole replay (CLI.md's summary).
 *
 * @param events events replayed, the panic included, anything after it not
 * @param peakEvent the first event that reached {@code peakUsedPages}, -1 when nothing was allocated
 * @param ignoredAfterPanic events after the panic that were not replayed
 * @param kswapdWakes allocations the model sent down the slow path with {@code __GFP_KSWAPD_RECLAIM}:
 *     each would have woken kswapd (the model reports it and does nothing else)
 */
public record Summary(long events, long allocs, long frees, long failures, long peakUsedPages, long peakEvent,
                      Map<Kind, Long> findingsByKind, long ignoredAfterPanic, long kswapdWakes) {
    public Summary {
        findingsByKind = Map.copyOf(findingsByKind);
    }
}
