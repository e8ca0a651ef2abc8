package labyrinth.replay;

/**
 * A record of {@code stride} longs per page that costs memory only where pages were touched: the
 * pfn space is cut into chunks of up to {@value #CHUNK} pages (fewer for a smaller machine, so a
 * checkpoint of a tiny machine stays tiny), allocated on first write; every field of an untouched
 * page reads as 0. A 64 GiB machine of which a trace touches a few pages costs a few chunks, not
 * gigabytes.
 *
 * <p>One record per page, rather than one array per field, so that an event on a random page
 * touches that page's one or two cache lines, not one line per field (issue 21). Records start
 * {@value #PAD} longs into their chunk: a large chunk is placed at the start of a heap region, and
 * the pad (after the array's 16-byte header) then puts each record of 8 longs on a 64-byte line.
 *
 * <p>Not thread-safe: one per trace.
 */
final class PageArray {
    static final int MAX_SHIFT = 14;
    static final int CHUNK = 1 << MAX_SHIFT;
    private static final int PAD = 6;

    private final long[][] chunks;
    private final int stride;
    private final int shift;
    private final int mask;

    PageArray(long pages, int stride) {
        this.stride = stride;
        shift = shiftFor(pages);
        mask = (1 << shift) - 1;
        chunks = new long[Math.toIntExact((pages + (1L << shift) - 1) >>> shift)][];
    }

    private PageArray(PageArray o) {
        chunks = new long[o.chunks.length][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = o.chunks[i] == null ? null : o.chunks[i].clone();
        }
        stride = o.stride;
        shift = o.shift;
        mask = o.mask;
    }

    /** The chunk size, as a shift, for a machine of {@code pages} pages. */
    static int shiftFor(long pages) {
        return Math.min(MAX_SHIFT, Math.max(0, 64 - Long.numberOfLeadingZeros(Math.max(1, pages) - 1)));
    }

    /** The chunk holding {@code pfn}'s record, or null when no page of it was written (all 0). */
    long[] chunk(long pfn) {
        return chunks[(int) (pfn >>> shift)];
    }

    /** The chunk holding {@code pfn}'s record, allocated when it was not yet. */
    long[] writable(long pfn) {
        int i = (int) (pfn >>> shift);
        long[] c = chunks[i];
        if (c == null) {
            c = new long[PAD + (mask + 1) * stride];
            chunks[i] = c;
        }
        return c;
    }

    /** Where {@code pfn}'s record starts in its chunk. */
    int at(long pfn) {
        return PAD + ((int) pfn & mask) * stride;
    }

    long get(long pfn, int field) {
        long[] c = chunk(pfn);
        return c == null ? 0 : c[at(pfn) + field];
    }

    /** The last pfn of the chunk holding {@code pfn}. */
    long chunkEnd(long pfn) {
        return pfn | mask;
    }

    /** Whether the chunk holding {@code pfn} was ever written (else every field of every page in it is 0). */
    boolean touched(long pfn) {
        return chunk(pfn) != null;
    }

    PageArray copy() {
        return new PageArray(this);
    }
}
