package labyrinth.gen;

import java.util.LinkedHashMap;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;

/** Helpers every scenario shares. Stateless. */
final class ScenarioRules {
    static final int MIN_PAGES = 64;
    static final int GiB_PAGES = 262144;

    private ScenarioRules() {
    }

    static void checkEvents(Scenario s, long events) {
        if (events < s.minEvents()) {
            throw new IllegalArgumentException("--events must be at least " + s.minEvents() + " for " + s.name()
                    + ", found " + events);
        }
    }

    /** A complete-scope header whose meta names the generator, so a trace says how to make it again. */
    static Header header(Scenario s, long seed, long events, Machine machine) {
        checkEvents(s, events);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("generator", "labyrinth gen");
        meta.put("scenario", s.name());
        meta.put("seed", seed);
        meta.put("events", events);
        return new Header(Header.VERSION, Scope.COMPLETE, machine, meta);
    }

    /** The largest power of two {@code <= n}, clamped to {@code [lo, hi]} (both powers of two). */
    static long powerOfTwoIn(long n, long lo, long hi) {
        long p = n < 1 ? 1 : Long.highestOneBit(n);
        return Math.max(lo, Math.min(hi, p));
    }

    /** {@code floor(log2(n))} for {@code n >= 1}. */
    static int log2(long n) {
        return 63 - Long.numberOfLeadingZeros(n);
    }
}
