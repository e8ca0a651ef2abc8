package labyrinth.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts occurrences per key for at most {@code maxKeys} distinct keys, so that a trace with
 * millions of distinct owners or sites cannot exhaust memory. Keys first seen after the cap is
 * reached are not counted one by one: their occurrences add up in {@link #overflow()}.
 *
 * <p>Keys must not be null. Not thread-safe.
 *
 * @param <K> the key type
 */
public final class BoundedCounter<K> {
    /** One key and its count. */
    public record Entry<K>(K key, long count) {
    }

    private final int maxKeys;
    private final Map<K, long[]> counts = new HashMap<>();
    private long overflow;
    private long total;

    public BoundedCounter(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    public void add(K key) {
        total++;
        long[] c = counts.get(key);
        if (c != null) {
            c[0]++;
        } else if (counts.size() < maxKeys) {
            counts.put(key, new long[] {1});
        } else {
            overflow++;
        }
    }

    /** Distinct keys counted one by one. */
    public int distinct() {
        return counts.size();
    }

    /** Occurrences of keys first seen after the cap was reached. */
    public long overflow() {
        return overflow;
    }

    /** All occurrences. */
    public long total() {
        return total;
    }

    /** The {@code limit} keys counted most, most first; ties by {@code order} of the keys. */
    public List<Entry<K>> top(int limit, Comparator<? super K> order) {
        List<Entry<K>> list = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> list.add(new Entry<>(k, c[0])));
        list.sort(Comparator.<Entry<K>>comparingLong(Entry::count).reversed()
                .thenComparing(Entry::key, order));
        return list.size() > limit ? List.copyOf(list.subList(0, limit)) : List.copyOf(list);
    }
}
