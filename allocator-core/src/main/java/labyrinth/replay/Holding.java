package labyrinth.replay;

/**
 * Pages held by one owner (and, where grouped so, one site) at one moment. {@code owner} and
 * {@code site} may be null (events that named none). {@code firstEvent} is the earliest
 * allocation among the blocks counted, -1 when not tracked.
 */
public record Holding(String owner, String site, long pages, long blocks, long firstEvent) {
}
