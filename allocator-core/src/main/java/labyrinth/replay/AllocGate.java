package labyrinth.replay;

import labyrinth.trace.Event;

/**
 * A rule that may refuse an allocation before the model decides it, as a what-if's per-owner cap
 * does; the finding's reason is then {@link FailureCause#CAP}. It sees the replay read-only.
 */
@FunctionalInterface
public interface AllocGate {
    /** Refuses nothing. */
    AllocGate NONE = (a, r) -> null;

    /**
     * @return null to let the model decide, else why the request fails at once (the finding's
     *     message after "failed: ")
     */
    String refuse(Event.Alloc a, ReplayView state);
}
