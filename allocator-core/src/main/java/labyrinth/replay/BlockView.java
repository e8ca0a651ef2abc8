package labyrinth.replay;

/**
 * A live block as the ledger holds it at one moment, for views (REPL, reports). Immutable;
 * {@code owner} and {@code site} may be null (the allocating event named none).
 *
 * @param head the block's first pfn
 * @param allocEvent the number of the event that allocated it (or last claimed it from the recording)
 * @param allocLine that event's line in its file, 0 when not from a file
 */
public record BlockView(long head, int order, String owner, String site, boolean exclusive, long allocEvent,
                        long allocLine) {
    /** Pages in the block. */
    public long pages() {
        return 1L << order;
    }
}
