package labyrinth.replay;

import java.io.UncheckedIOException;
import labyrinth.trace.ColumnSource;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * The one loop that drives a replayer over a whole trace, for {@code replay} ({@link Replays#run})
 * and the REPL's first pass alike: each event to the replayer, the observer around it, then the end
 * of the trace. An unexpected exception while an event is applied or observed is a bug in labyrinth,
 * never a fault of the trace: it comes out as a {@link ReplayFailure} naming the event. Stateless.
 */
public final class ReplayLoop {
    /**
     * A hidden test hook: with {@code -Dlabyrinth.test.failAtEvent=N} applying event N throws, as a bug
     * in the replayer would, so tests can check how an internal error is reported (exit 70).
     */
    static final String FAIL_AT_EVENT_PROPERTY = "labyrinth.test.failAtEvent";

    private ReplayLoop() {
    }

    /**
     * Replays every event of {@code source} (those after the recorded panic are only counted), then
     * ends the replay, as cut short when the source was.
     *
     * @throws TraceException when the trace turns out to be malformed part-way
     * @throws ReplayFailure when applying or observing an event fails unexpectedly (a bug), naming the
     *     event; an observer's {@link UncheckedIOException} (the REPL writing its event store) is no
     *     bug and passes as it is
     */
    public static void run(TraceSource source, Replayer replayer, ReplayObserver observer) throws TraceException {
        long failAt = Long.getLong(FAIL_AT_EVENT_PROPERTY, -1L);
        if (source instanceof ColumnSource columns) {
            runColumns(columns, replayer, observer, failAt);
        } else {
            runEvents(source, replayer, observer, failAt);
        }
        replayer.finish(source.truncation() != null);
    }

    private static void runEvents(TraceSource source, Replayer replayer, ReplayObserver observer, long failAt)
            throws TraceException {
        ReplayView state = replayer.view();
        Event e;
        while ((e = source.next()) != null) {
            try {
                failIfInjected(e.number(), failAt);
                observer.beforeEvent(state, e);
                if (replayer.apply(e)) {
                    observer.afterEvent(state, e);
                } else {
                    observer.afterIgnored(state, e);
                }
            } catch (UncheckedIOException x) {
                throw x;
            } catch (RuntimeException x) {
                throw new ReplayFailure(source.name(), e, x);
            }
        }
    }

    /**
     * The same, a batch of columns at a time (issue 21): an event is built only for a finding, or
     * when someone watches ({@code observer} is not {@link ReplayObserver#NONE}).
     */
    private static void runColumns(ColumnSource source, Replayer replayer, ReplayObserver observer, long failAt)
            throws TraceException {
        ReplayView state = replayer.view();
        boolean watched = observer != ReplayObserver.NONE;
        EventColumns b = new EventColumns();
        while (source.fill(b)) {
            for (int i = 0; i < b.size(); i++) {
                Event e = watched ? b.event(i) : null;
                try {
                    failIfInjected(b.number(i), failAt);
                    if (watched) {
                        observer.beforeEvent(state, e);
                    }
                    if (replayer.apply(b, i)) {
                        if (watched) {
                            observer.afterEvent(state, e);
                        }
                    } else if (watched) {
                        observer.afterIgnored(state, e);
                    }
                } catch (UncheckedIOException x) {
                    throw x;
                } catch (RuntimeException x) {
                    throw new ReplayFailure(source.name(), e != null ? e : b.event(i), x);
                }
            }
        }
    }

    /** The test hook: applying event {@code failAt} throws, as a bug in the replayer would. */
    private static void failIfInjected(long number, long failAt) {
        if (number == failAt) {
            throw new IllegalStateException("failure injected at event " + failAt + " (" + FAIL_AT_EVENT_PROPERTY + ")");
        }
    }
}
