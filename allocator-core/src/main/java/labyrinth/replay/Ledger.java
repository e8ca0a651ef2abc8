package labyrinth.replay;

import java.util.Arrays;

/**
 * Who holds each block, and which pages were freed by which event.
 *
 * <p>Notation: a live block is found at its head pfn, where {@code order(head) >= 0}; any page
 * {@code p} of it is found by trying the heads {@code p & ~(2^o - 1)} for o = 0..maxOrder.
 * Two {@link PageArray}s (no object per block, and memory only in the regions a trace touches):
 * one long per page that every free, access and transfer reads, holding a head's order, owner and
 * exclusive flag, dense so that it mostly stays in cache; and a record of 8 longs per page, mostly
 * written: at a head, the site id, allocating event and its position; at every page, the event
 * that last freed it, the position of that free, the allocation the freed block came from and that
 * block's owner and order (so its head is known). An alloc or a free of a small block thus touches
 * one line of the dense array and the one or two lines of its page's record, not one line per
 * field.
 *
 * <p>Invariants: live blocks never overlap; {@code livePages} is the sum of their sizes and
 * {@code ownerPages[id]} the part held by owner {@code id}.
 *
 * <p>Not thread-safe: one per trace.
 */
final class Ledger {
    static final byte NOT_HEAD = -1;

    // the fields of a page's record; 0 in every field is a page no event touched
    /** Site (low half), allocating event's column (high half). */
    private static final int SITE = 0;
    private static final int ALLOC_EVENT = 1;
    /** Allocating event's line (low half), freed block's owner (high half). */
    private static final int LINE = 2;
    /** The freeing event + 1 (0: no free touched the page). */
    private static final int FREED_BY = 3;
    private static final int FREED_ALLOC = 4;
    /** Line (low half) and column (high half) of the freeing event. */
    private static final int FREED_AT = 5;
    /** Line (low half) and column (high half) of the freed block's allocation. */
    private static final int FREED_ALLOC_AT = 6;
    /** Freed block's order + 1 (0: unknown). */
    private static final int FREED_ORDER = 7;
    private static final int STRIDE = 8;

    private static final long ORDER_BITS = 0xffL;
    private static final long EXCLUSIVE = 1L << 8;
    private static final long LOW = 0xffffffffL;

    private final long endPfn;
    private final int maxOrder;
    /** Per page, one long: order + 1 (bits 0-7, 0: no live block starts here), exclusive (bit 8), owner (32-63). */
    private final PageArray heads;
    private final PageArray pages;
    private long livePages;
    private long[] ownerPages;

    Ledger(long endPfn, int maxOrder) {
        this.endPfn = endPfn;
        this.maxOrder = maxOrder;
        heads = new PageArray(endPfn, 1);
        pages = new PageArray(endPfn, STRIDE);
        ownerPages = new long[16];
    }

    private Ledger(Ledger o) {
        endPfn = o.endPfn;
        maxOrder = o.maxOrder;
        heads = o.heads.copy();
        pages = o.pages.copy();
        livePages = o.livePages;
        ownerPages = o.ownerPages.clone();
    }

    Ledger copy() {
        return new Ledger(this);
    }

    long endPfn() {
        return endPfn;
    }

    boolean inRange(long pfn) {
        return pfn >= 0 && pfn < endPfn;
    }

    /** @return the head of the live block containing {@code pfn}, or -1 */
    long headOf(long pfn) {
        if (!inRange(pfn)) {
            return -1;
        }
        for (int o = 0; o <= maxOrder; o++) {
            long head = pfn & -(1L << o);
            if (order(head) == o) {
                return head;
            }
        }
        return -1;
    }

    boolean isHead(long pfn) {
        return inRange(pfn) && order(pfn) != NOT_HEAD;
    }

    int order(long head) {
        return (int) (heads.get(head, 0) & ORDER_BITS) - 1;
    }

    int owner(long head) {
        return (int) (heads.get(head, 0) >> 32);
    }

    int site(long head) {
        return (int) pages.get(head, SITE);
    }

    boolean exclusive(long head) {
        return (heads.get(head, 0) & EXCLUSIVE) != 0;
    }

    long allocEvent(long head) {
        return pages.get(head, ALLOC_EVENT);
    }

    int allocLine(long head) {
        return (int) pages.get(head, LINE);
    }

    int allocColumn(long head) {
        return (int) (pages.get(head, SITE) >> 32);
    }

    /** The event that last freed {@code pfn}, or -1 when no free inside the trace touched it. */
    long freedBy(long pfn) {
        return inRange(pfn) ? pages.get(pfn, FREED_BY) - 1 : -1;
    }

    int freedLine(long pfn) {
        return (int) pages.get(pfn, FREED_AT);
    }

    int freedColumn(long pfn) {
        return (int) (pages.get(pfn, FREED_AT) >> 32);
    }

    /** The allocating event of the block whose free last touched {@code pfn}, -1 when unknown. */
    long freedAlloc(long pfn) {
        return pages.get(pfn, FREED_ALLOC);
    }

    /** The line of {@link #freedAlloc}, 0 when unknown: reports point at it like any other event. */
    int freedAllocLine(long pfn) {
        return (int) pages.get(pfn, FREED_ALLOC_AT);
    }

    int freedAllocColumn(long pfn) {
        return (int) (pages.get(pfn, FREED_ALLOC_AT) >> 32);
    }

    /**
     * The first page of the block whose free last touched {@code pfn}, or -1 when unknown (no free
     * touched it, or a window trace freed it without its allocation and with an unaligned order).
     */
    long freedHead(long pfn) {
        int o = inRange(pfn) ? freedOrder(pfn) : NOT_HEAD;
        return o == NOT_HEAD ? -1 : pfn & -(1L << o);
    }

    /** The order of the block whose free last touched {@code pfn}; meaningful when {@link #freedHead} is not -1. */
    int freedOrder(long pfn) {
        return (int) pages.get(pfn, FREED_ORDER) - 1;
    }

    /** The owner of the block whose free last touched {@code pfn}. */
    int freedOwner(long pfn) {
        return (int) (pages.get(pfn, LINE) >> 32);
    }

    long livePages() {
        return livePages;
    }

    long ownerPages(int ownerId) {
        return ownerId >= 0 && ownerId < ownerPages.length ? ownerPages[ownerId] : 0;
    }

    void allocate(long head, int ord, int ownerId, int siteId, boolean excl, long event, long line, int column) {
        heads.writable(head)[heads.at(head)] = ord + 1 | (excl ? EXCLUSIVE : 0) | (long) ownerId << 32;
        long[] c = pages.writable(head);
        int a = pages.at(head);
        c[a + SITE] = siteId & LOW | (long) column << 32;
        c[a + ALLOC_EVENT] = event;
        c[a + LINE] = c[a + LINE] & ~LOW | clamp(line) & LOW;
        long size = 1L << ord;
        livePages += size;
        addOwnerPages(ownerId, size);
    }

    /** Ends the live block at {@code head}, marking all its pages freed by {@code event}. */
    void release(long head, long event, long line, int column) {
        long[] h = heads.writable(head);
        int at = heads.at(head);
        long word = h[at];
        long[] c = pages.writable(head);
        int a = pages.at(head);
        int ord = (int) (word & ORDER_BITS) - 1;
        long size = 1L << ord;
        int blockOwner = (int) (word >> 32);
        long blockAlloc = c[a + ALLOC_EVENT];
        long allocAt = c[a + LINE] & LOW | c[a + SITE] & ~LOW;
        long freedOrder = ord + 1;
        long freedAt = clamp(line) & LOW | (long) column << 32;
        for (long p = head; p < head + size; p++) {
            long[] q = pages.writable(p);
            int b = pages.at(p);
            q[b + FREED_ORDER] = freedOrder;
            q[b + LINE] = q[b + LINE] & LOW | (long) blockOwner << 32;
            q[b + FREED_BY] = event + 1;
            q[b + FREED_ALLOC] = blockAlloc;
            q[b + FREED_AT] = freedAt;
            q[b + FREED_ALLOC_AT] = allocAt;
        }
        addOwnerPages(blockOwner, -size);
        livePages -= size;
        h[at] = word & ~ORDER_BITS;
    }

    /**
     * A free of a page the trace never saw allocated (window scope): remember it for later checks.
     * {@code blockOrder} is the order of the freed block when its head is known, else {@link #NOT_HEAD}.
     */
    void markFreedUnknown(long pfn, long event, long line, int column, int blockOrder) {
        long[] q = pages.writable(pfn);
        int b = pages.at(pfn);
        q[b + FREED_ORDER] = blockOrder + 1;
        q[b + LINE] = q[b + LINE] & LOW | -1L << 32;
        q[b + FREED_BY] = event + 1;
        q[b + FREED_ALLOC] = -1;
        q[b + FREED_AT] = clamp(line) & LOW | (long) column << 32;
        q[b + FREED_ALLOC_AT] = 0;
    }

    void transfer(long head, int newOwner) {
        long[] h = heads.writable(head);
        int at = heads.at(head);
        long word = h[at];
        long size = 1L << (int) ((word & ORDER_BITS) - 1);
        addOwnerPages((int) (word >> 32), -size);
        h[at] = word & LOW | (long) newOwner << 32;
        addOwnerPages(newOwner, size);
    }

    private void addOwnerPages(int ownerId, long delta) {
        if (ownerId < 0) {
            return;
        }
        if (ownerId >= ownerPages.length) {
            ownerPages = Arrays.copyOf(ownerPages, Math.max(ownerId + 1, ownerPages.length * 2));
        }
        ownerPages[ownerId] += delta;
    }

    private static int clamp(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** Visits every live block in pfn order, skipping regions no event touched. */
    void forEachLive(BlockVisitor visitor) {
        for (long p = 0; p < endPfn; p++) {
            if (!heads.touched(p)) {
                p = heads.chunkEnd(p);
                continue;
            }
            int o = order(p);
            if (o != NOT_HEAD) {
                visitor.visit(p, o);
                p += (1L << o) - 1;
            }
        }
    }

    @FunctionalInterface
    interface BlockVisitor {
        void visit(long head, int order);
    }
}
