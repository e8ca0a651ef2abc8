package labyrinth.core;

/** A machine with more pages than the replayer's configured limit; the message names the limit. */
public final class MachineTooLargeException extends IllegalArgumentException {
    private final long pages;
    private final long limit;

    public MachineTooLargeException(long pages, long limit) {
        this(pages, limit, false);
    }

    /** @param span whether {@code pages} counts page frames from pfn 0 to the machine's end, holes included */
    public MachineTooLargeException(long pages, long limit, boolean span) {
        super((span ? "machine spans " + pages + " page frames (pfn 0 to its end)" : "machine has " + pages + " pages")
                + ", more than the limit of " + limit + " pages (raise it with --max-pages)");
        this.pages = pages;
        this.limit = limit;
    }

    public long pages() {
        return pages;
    }

    public long limit() {
        return limit;
    }
}
