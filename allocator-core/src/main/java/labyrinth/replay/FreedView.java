package labyrinth.replay;

/**
 * What the ledger remembers of the last free that touched a page. Immutable; {@code owner} may be
 * null.
 *
 * @param freedBy the freeing event's number
 * @param freedLine its line, 0 when not from a file
 * @param allocEvent the allocating event of the block that free ended, -1 when the trace never saw it
 *     allocated (a window trace's unknown free)
 * @param owner who held that block
 */
public record FreedView(long pfn, long freedBy, long freedLine, long allocEvent, String owner) {
}
