package labyrinth.replay;

import labyrinth.core.ZoneKind;

/**
 * How close one zone came to failing a {@code GFP_ATOMIC} request: the least its free pages stood
 * above the atomic floor ({@code pages = free - floor}, negative when a reserve-ignoring request took
 * it below), and where. Immutable.
 *
 * @param event the first event that left the zone at its least, -1 when nothing was ever allocated
 *     from it (the headroom is then the zone's free pages at the start less its floor)
 * @param line the trace line of {@code event}, 0 when unknown or none
 * @param free the zone's free pages then
 * @param floor its atomic floor ({@code min - min/2 - (min - min/2)/4})
 */
public record ZoneHeadroom(ZoneKind zone, long pages, long event, long line, long free, long floor) {
}
