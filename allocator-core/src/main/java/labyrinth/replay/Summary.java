package labyrinth.replay;

import java.util.List;
import java.util.Map;

/**
 * Counts over a whole replay (CLI.md's summary).
 *
 * @param events events replayed, the panic included, anything after it not
 * @param peakEvent the first event that reached {@code peakUsedPages}, -1 when nothing was allocated
 * @param ignoredAfterPanic events after the panic that were not replayed
 * @param kswapdWakes allocations the model sent down the slow path with {@code __GFP_KSWAPD_RECLAIM}:
 *     each would have woken kswapd (the model reports it and does nothing else)
 * @param headroom per zone, in the machine's order, the least its free pages stood above the
 *     {@code GFP_ATOMIC} floor and where
 */
public record Summary(long events, long allocs, long frees, long failures, long peakUsedPages, long peakEvent,
                      Map<FindingKind, Long> findingsByKind, long ignoredAfterPanic, long kswapdWakes,
                      List<ZoneHeadroom> headroom) {
    public Summary {
        findingsByKind = Map.copyOf(findingsByKind);
        headroom = List.copyOf(headroom);
    }
}
