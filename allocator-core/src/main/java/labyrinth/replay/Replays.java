package labyrinth.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/** Runs a whole trace through a {@link Replayer} and collects the result. Stateless. */
public final class Replays {
    /**
     * A hidden test hook: with {@code -Dlabyrinth.test.failAtEvent=N} applying event N throws, as a bug
     * in the replayer would, so tests can check how an internal error is reported (exit 70).
     */
    static final String FAIL_AT_EVENT_PROPERTY = "labyrinth.test.failAtEvent";

    private Replays() {
    }

    /**
     * Replays every event of {@code source} (up to its end or the panic).
     *
     * @param mode null for the trace's default mode
     * @param failOn the lowest severity that makes the outcome {@code findings}; null for never
     * @param maxFindings the most findings kept in the result (the rest are only counted)
     * @throws TraceException when the trace turns out to be malformed part-way
     * @throws ReplayFailure when applying an event fails unexpectedly (a bug), naming the event
     */
    public static ReplayResult run(TraceSource source, Mode mode, Severity failOn, long maxPages, int maxFindings)
            throws TraceException {
        return run(source, mode, failOn, maxPages, maxFindings, ReplayObserver.NONE);
    }

    /** The same, showing {@code observer} every finding and the state after every applied event. */
    public static ReplayResult run(TraceSource source, Mode mode, Severity failOn, long maxPages, int maxFindings,
                                   ReplayObserver observer) throws TraceException {
        return run(source, mode, failOn, maxPages, maxFindings, false, observer);
    }

    /**
     * The same; {@code allowTruncated} lets a trace that was cut short come out by its findings, as
     * if it were whole, instead of {@link Outcome#TRUNCATED} (the result still carries its truncation).
     */
    public static ReplayResult run(TraceSource source, Mode mode, Severity failOn, long maxPages, int maxFindings,
                                   boolean allowTruncated, ReplayObserver observer) throws TraceException {
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
        long failAt = Long.getLong(FAIL_AT_EVENT_PROPERTY, -1L);
        Event e;
        while ((e = source.next()) != null) {
            try {
                if (e.number() == failAt) {
                    throw new IllegalStateException("failure injected at event " + failAt + " ("
                            + FAIL_AT_EVENT_PROPERTY + ")");
                }
                if (replayer.apply(e)) {
                    observer.afterEvent(replayer, e);
                }
            } catch (RuntimeException x) {
                throw new ReplayFailure(source.name(), e, x);
            }
        }
        replayer.finish(source.truncation() != null);
        // the sort is stable: findings of one event keep the order they were found in
        kept.sort(Comparator.comparingLong(Finding::event));
        return new ReplayResult(source.name(), source.header(), m, source.truncation(), kept, dropped[0],
                replayer.panic(), replayer.summary(),
                replayer.outcome(failOn, source.truncation() != null && !allowTruncated), source.warnings());
    }
}
