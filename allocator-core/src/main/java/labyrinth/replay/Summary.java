package labyrinth.replay;

import java.util.Map;

/**
 * Counts over a whole replay (CLI.md's summary).
 *
 * @param events events replayed, the panic included, anything after it not
 * @param peakEvent the first event that reached {@code peakUsedPages}, -1 when nothing was allocated
 * @param ignoredAfterPanic events after the panic that were not replayed
 */
public record Summary(long events, long allocs, long frees, long failures, long peakUsedPages, long peakEvent,
                      Map<Kind, Long> findingsByKind, long ignoredAfterPanic) {
    public Summary {
        findingsByKind = Map.copyOf(findingsByKind);
    }
}
