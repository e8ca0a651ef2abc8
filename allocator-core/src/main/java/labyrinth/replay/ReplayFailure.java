package labyrinth.replay;

import labyrinth.trace.Event;

/**
 * An unexpected exception while the replayer applied an event: a bug in labyrinth, never a fault of
 * the trace. Names the trace and the event so the one-line report can say where it happened; the
 * original exception is the cause.
 */
public final class ReplayFailure extends RuntimeException {
    private final String trace;
    private final long event;
    private final String op;

    public ReplayFailure(String trace, Event e, RuntimeException cause) {
        super("while replaying event " + e.number() + " (" + e.op().label() + ") of " + trace + ": " + cause,
                cause);
        this.trace = trace;
        this.event = e.number();
        this.op = e.op().label();
    }

    public String trace() {
        return trace;
    }

    /** The number of the event being applied. */
    public long event() {
        return event;
    }

    public String op() {
        return op;
    }
}
