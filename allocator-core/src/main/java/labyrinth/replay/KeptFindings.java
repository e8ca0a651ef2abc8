package labyrinth.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The findings a replay keeps for its report under {@code --max-findings} (CLI.md): at most
 * {@code limit} of them, the most severe first (errors, then warnings, then info) and among equals
 * the earliest event first, then the first found. The panic and every {@code alloc-failure} (its
 * memory snapshot is the exhaustion point) are kept besides, whatever the limit. Leaks are found
 * last but carry early events, so keeping the first N found would keep info noise and drop them.
 *
 * <p>MemInfo: a heap of at most {@code limit} findings plus the panic and the failures; what is left
 * out is only counted (the summary counts every finding by kind). Not thread-safe: one per replay.
 */
public final class KeptFindings implements FindingListener {
    /** A finding and when it was found, which breaks ties and restores the order found. */
    private record Found(Finding finding, long serial) {
    }

    /** Least worth keeping first: lowest severity, then latest event, then found last. */
    private static final Comparator<Found> LEAST_WORTH = Comparator
            .comparing((Found k) -> k.finding().severity())
            .thenComparing(Comparator.comparingLong((Found k) -> k.finding().event()).reversed())
            .thenComparing(Comparator.comparingLong(Found::serial).reversed());

    private final int limit;
    private final PriorityQueue<Found> ranked;
    private final List<Found> always = new ArrayList<>();
    private final long[] bySeverity = new long[Severity.values().length];
    private long serial;
    private long dropped;

    /** @param limit the most findings kept besides the panic and the failures; negative keeps none at all */
    public KeptFindings(int limit) {
        this.limit = limit;
        this.ranked = new PriorityQueue<>(Math.max(1, Math.min(limit, 1024)), LEAST_WORTH);
    }

    @Override
    public void onFinding(Finding f) {
        Found k = new Found(f, serial++);
        bySeverity[f.severity().ordinal()]++;
        if (limit < 0) {
            dropped++;
        } else if (f.kind() == FindingKind.PANIC || f.kind() == FindingKind.ALLOC_FAILURE) {
            always.add(k);
        } else if (ranked.size() < limit) {
            ranked.add(k);
        } else if (limit > 0 && LEAST_WORTH.compare(k, ranked.peek()) > 0) {
            ranked.poll();
            ranked.add(k);
            dropped++;
        } else {
            dropped++;
        }
    }

    /** The kept findings by event; findings of one event in the order they were found. */
    public List<Finding> kept() {
        List<Found> all = new ArrayList<>(always.size() + ranked.size());
        all.addAll(always);
        all.addAll(ranked);
        all.sort(Comparator.comparingLong((Found k) -> k.finding().event()).thenComparingLong(Found::serial));
        List<Finding> list = new ArrayList<>(all.size());
        for (Found k : all) {
            list.add(k.finding());
        }
        return list;
    }

    /** Every finding seen, kept or not, by severity (none of a severity: absent). */
    Map<Severity, Long> countsBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            if (bySeverity[s.ordinal()] > 0) {
                counts.put(s, bySeverity[s.ordinal()]);
            }
        }
        return counts;
    }

    /** How many findings were left out. */
    public long dropped() {
        return dropped;
    }
}
