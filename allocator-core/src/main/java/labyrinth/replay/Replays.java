package labyrinth.replay;

import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/** Runs a whole trace through a {@link Replayer} ({@link ReplayLoop}) and collects the result. Stateless. */
public final class Replays {
    /** As {@code maxFindings}: keep no finding at all, for callers that read only the summary. */
    public static final int SUMMARY_ONLY = -1;

    private Replays() {
    }

    /**
     * Replays every event of {@code source} (up to its end or the panic).
     *
     * @param mode null for the trace's default mode
     * @param failOn the lowest severity that makes the outcome {@code findings}; null for never
     * @param maxFindings the most findings kept in the result besides the panic and the
     *     alloc-failures, the most severe and then the earliest ({@link KeptFindings}); the rest are
     *     only counted. {@link #SUMMARY_ONLY} keeps none at all
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
        KeptFindings kept = new KeptFindings(maxFindings);
        Replayer replayer = new Replayer(source.header(), m, maxPages, f -> {
            observer.onFinding(f);
            kept.onFinding(f);
        });
        ReplayLoop.run(source, replayer, observer);
        return new ReplayResult(source.name(), source.header(), m, source.truncation(), kept.kept(), kept.dropped(),
                replayer.panic(), replayer.summary(),
                replayer.outcome(failOn, source.truncation() != null && !allowTruncated), source.warnings(),
                kept.countsBySeverity());
    }
}
