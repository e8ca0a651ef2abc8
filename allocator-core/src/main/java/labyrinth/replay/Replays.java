package labyrinth.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/** Runs a whole trace through a {@link Replayer} and collects the result. Stateless. */
public final class Replays {
    private Replays() {
    }

    /**
     * Replays every event of {@code source} (up to its end or the panic).
     *
     * @param mode null for the trace's default mode
     * @param failOn the lowest severity that makes the outcome {@code findings}; null for never
     * @param maxFindings the most findings kept in the result (the rest are only counted)
     * @throws TraceException when the trace turns out to be malformed part-way
     */
    public static ReplayResult run(TraceSource source, Mode mode, Severity failOn, long maxPages, int maxFindings)
            throws TraceException {
        return run(source, mode, failOn, maxPages, maxFindings, ReplayObserver.NONE);
    }

    /** The same, showing {@code observer} every finding and the state after every applied event. */
    public static ReplayResult run(TraceSource source, Mode mode, Severity failOn, long maxPages, int maxFindings,
                                   ReplayObserver observer) throws TraceException {
        Mode m = mode != null ? mode : Replayer.defaultMode(source.header().scope());
        List<Finding> kept = new ArrayList<>();
        long[] dropped = {0};
        Replayer replayer = new Replayer(source.header(), m, maxPages, f -> {
            observer.onFinding(f);
            if (kept.size() < maxFindings) {
                kept.add(f);
            } else {
                dropped[0]++;
            }
        });
        Event e;
        while ((e = source.next()) != null) {
            if (replayer.apply(e)) {
                observer.afterEvent(replayer, e);
            }
        }
        replayer.finish();
        // the sort is stable: findings of one event keep the order they were found in
        kept.sort(Comparator.comparingLong(Finding::event));
        return new ReplayResult(source.name(), source.header(), m, source.truncation(), kept, dropped[0],
                replayer.panic(), replayer.summary(), replayer.outcome(failOn), source.warnings());
    }
}
