package labyrinth.replay;

import labyrinth.trace.Event;

/**
 * A rule that may refuse an allocation before the model decides it, as a what-if's per-owner cap
 * does. Implementations must not change the replayer.
 */
@FunctionalInterface
public interface AllocGate {
    /** The reason a refused allocation's finding carries. */
    String CAP = "cap";

    /** Refuses nothing. */
    AllocGate NONE = (a, r) -> null;

    /**
     * @return null to let the model decide, else why the request fails at once (the finding's
     *     message after "failed: ")
     */
    String refuse(Event.Alloc a, Replayer replayer);
}
