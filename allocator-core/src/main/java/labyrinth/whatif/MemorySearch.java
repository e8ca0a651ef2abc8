package labyrinth.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.trace.TraceException;

/**
 * {@code --search memory}: the least added memory, in pages, at which the what-if survives (no
 * warning or error {@code alloc-failure}, no panic).
 *
 * <p>Algorithm: 0 first; then doubling from 1 page until a probe survives or {@code limit} fails;
 * then a binary search between the last failing and the first surviving probe. The answer N is
 * checked at N and N-1 (both are probes of the bisection, or run for the purpose), and probed at
 * N+1, 1.5N and 2N. Survival need not
 * grow with memory (the default watermarks grow with it too), so every probe is kept, and a probe
 * above N that failed or one below N that survived is reported: the answer is then the least the
 * bisection found, not proven the least overall.
 *
 * <p>Not thread-safe: one per search.
 */
public final class MemorySearch {
    /** One what-if at {@code pages} added: true when it survives. */
    @FunctionalInterface
    public interface Probe {
        boolean survives(long pages) throws TraceException;
    }

    /**
     * @param pages the answer, or -1 when even {@code limit} pages did not help
     * @param limit the most pages the search could add (the machine's page limit less its pages)
     * @param atN whether the what-if survives at N (true whenever N was found)
     * @param belowN whether it survives at N-1 (false for a found answer; N = 0 has no N-1: false)
     * @param probes every probe, pages to survival, in page order
     * @param contradictions probes that break monotony: failures above N, survivals below it
     */
    public record Result(long pages, long limit, boolean atN, boolean belowN, Map<Long, Boolean> probes,
                         List<Long> contradictions) {
        public Result {
            probes = java.util.Collections.unmodifiableMap(new TreeMap<>(probes));
            contradictions = List.copyOf(contradictions);
        }

        public boolean found() {
            return pages >= 0;
        }

        public boolean monotonic() {
            return contradictions.isEmpty();
        }
    }

    private final Probe probe;
    private final Map<Long, Boolean> probes = new TreeMap<>();

    private MemorySearch(Probe probe) {
        this.probe = probe;
    }

    public static Result run(long limit, Probe probe) throws TraceException {
        return new MemorySearch(probe).search(limit);
    }

    private boolean at(long pages) throws TraceException {
        Boolean known = probes.get(pages);
        if (known != null) {
            return known;
        }
        boolean s = probe.survives(pages);
        probes.put(pages, s);
        return s;
    }

    private Result search(long limit) throws TraceException {
        if (at(0)) {
            return result(0, limit);
        }
        long lo = 0;
        long hi = 1;
        while (hi <= limit && !at(hi)) {
            lo = hi;
            if (hi == limit) {
                return new Result(-1, limit, false, false, probes, List.of());
            }
            hi = Math.min(limit, hi * 2);
        }
        if (hi > limit) {
            return new Result(-1, limit, false, false, probes, List.of());
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (at(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return result(hi, limit);
    }

    private Result result(long n, long limit) throws TraceException {
        boolean atN = at(n);
        boolean belowN = n > 0 && at(n - 1);
        // a bisection only sees the boundary it lands on: a few probes above N catch a failure
        // that more memory brings back (watermarks grow with it)
        for (long above : new long[] {n + 1, n + n / 2, 2 * n}) {
            if (above > n && above <= limit) {
                at(above);
            }
        }
        List<Long> contradictions = new ArrayList<>();
        for (Map.Entry<Long, Boolean> e : probes.entrySet()) {
            if (e.getKey() >= n != e.getValue()) {
                contradictions.add(e.getKey());
            }
        }
        return new Result(n, limit, atN, belowN, probes, contradictions);
    }
}
