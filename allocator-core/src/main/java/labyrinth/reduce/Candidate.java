package labyrinth.reduce;

import java.util.List;
import labyrinth.replay.ReplayResult;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * One trace the reducer tried: its header (machine), its events as they would be written (renumbered,
 * pages re-targeted, recorded results dropped or kept) and what replaying them gave. Immutable.
 */
public record Candidate(Header header, List<Event> events, ReplayResult result) {
    public Candidate {
        events = List.copyOf(events);
    }
}
