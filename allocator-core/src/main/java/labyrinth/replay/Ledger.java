package labyrinth.replay;

import java.util.Arrays;

/**
 * Who holds each block, and which pages were freed by which event.
 *
 * <p>Notation: a live block is found at its head pfn, where {@code order[head] >= 0}; any page
 * {@code p} of it is found by trying the heads {@code p & ~(2^o - 1)} for o = 0..maxOrder.
 * Per-page arrays (no object per block; {@link PageArray}s, which cost memory only in the
 * regions a trace touches): at a head, the owner and site ids, flags, allocating event and its
 * position; at every page, the event that last freed it, the position of that free, the
 * allocation the freed block came from and that block's order (so its head is known).
 *
 * <p>Invariants: live blocks never overlap; {@code livePages} is the sum of their sizes and
 * {@code ownerPages[id]} the part held by owner {@code id}.
 *
 * <p>Not thread-safe: one per trace.
 */
final class Ledger {
    static final byte NOT_HEAD = -1;
    private static final byte EXCLUSIVE = 1;

    private final long endPfn;
    private final int maxOrder;
    private final PageArray.Bytes order;
    private final PageArray.Bytes flags;
    private final PageArray.Ints owner;
    private final PageArray.Ints site;
    private final PageArray.Longs allocEvent;
    private final PageArray.Ints allocLine;
    private final PageArray.Ints allocColumn;
    private final PageArray.Longs freedBy;
    private final PageArray.Ints freedLine;
    private final PageArray.Ints freedColumn;
    private final PageArray.Longs freedAlloc;
    private final PageArray.Ints freedAllocLine;
    private final PageArray.Ints freedAllocColumn;
    private final PageArray.Ints freedOwner;
    private final PageArray.Bytes freedOrder;
    private long livePages;
    private long[] ownerPages;

    Ledger(long endPfn, int maxOrder) {
        this.endPfn = endPfn;
        this.maxOrder = maxOrder;
        order = new PageArray.Bytes(endPfn, NOT_HEAD);
        flags = new PageArray.Bytes(endPfn, (byte) 0);
        owner = new PageArray.Ints(endPfn, 0);
        site = new PageArray.Ints(endPfn, 0);
        allocEvent = new PageArray.Longs(endPfn, 0);
        allocLine = new PageArray.Ints(endPfn, 0);
        allocColumn = new PageArray.Ints(endPfn, 0);
        freedBy = new PageArray.Longs(endPfn, -1);
        freedLine = new PageArray.Ints(endPfn, 0);
        freedColumn = new PageArray.Ints(endPfn, 0);
        freedAlloc = new PageArray.Longs(endPfn, 0);
        freedAllocLine = new PageArray.Ints(endPfn, 0);
        freedAllocColumn = new PageArray.Ints(endPfn, 0);
        freedOwner = new PageArray.Ints(endPfn, 0);
        freedOrder = new PageArray.Bytes(endPfn, NOT_HEAD);
        ownerPages = new long[16];
    }

    private Ledger(Ledger o) {
        endPfn = o.endPfn;
        maxOrder = o.maxOrder;
        order = o.order.copy();
        flags = o.flags.copy();
        owner = o.owner.copy();
        site = o.site.copy();
        allocEvent = o.allocEvent.copy();
        allocLine = o.allocLine.copy();
        allocColumn = o.allocColumn.copy();
        freedBy = o.freedBy.copy();
        freedLine = o.freedLine.copy();
        freedColumn = o.freedColumn.copy();
        freedAlloc = o.freedAlloc.copy();
        freedAllocLine = o.freedAllocLine.copy();
        freedAllocColumn = o.freedAllocColumn.copy();
        freedOwner = o.freedOwner.copy();
        freedOrder = o.freedOrder.copy();
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
            if (order.get(head) == o) {
                return head;
            }
        }
        return -1;
    }

    boolean isHead(long pfn) {
        return inRange(pfn) && order.get(pfn) != NOT_HEAD;
    }

    int order(long head) {
        return order.get(head);
    }

    int owner(long head) {
        return owner.get(head);
    }

    int site(long head) {
        return site.get(head);
    }

    boolean exclusive(long head) {
        return (flags.get(head) & EXCLUSIVE) != 0;
    }

    long allocEvent(long head) {
        return allocEvent.get(head);
    }

    int allocLine(long head) {
        return allocLine.get(head);
    }

    int allocColumn(long head) {
        return allocColumn.get(head);
    }

    /** The event that last freed {@code pfn}, or -1 when no free inside the trace touched it. */
    long freedBy(long pfn) {
        return inRange(pfn) ? freedBy.get(pfn) : -1;
    }

    int freedLine(long pfn) {
        return freedLine.get(pfn);
    }

    int freedColumn(long pfn) {
        return freedColumn.get(pfn);
    }

    /** The allocating event of the block whose free last touched {@code pfn}, -1 when unknown. */
    long freedAlloc(long pfn) {
        return freedAlloc.get(pfn);
    }

    /** The line of {@link #freedAlloc}, 0 when unknown: reports point at it like any other event. */
    int freedAllocLine(long pfn) {
        return freedAllocLine.get(pfn);
    }

    int freedAllocColumn(long pfn) {
        return freedAllocColumn.get(pfn);
    }

    /**
     * The first page of the block whose free last touched {@code pfn}, or -1 when unknown (no free
     * touched it, or a window trace freed it without its allocation and with an unaligned order).
     */
    long freedHead(long pfn) {
        int o = inRange(pfn) ? freedOrder.get(pfn) : NOT_HEAD;
        return o == NOT_HEAD ? -1 : pfn & -(1L << o);
    }

    /** The order of the block whose free last touched {@code pfn}; meaningful when {@link #freedHead} is not -1. */
    int freedOrder(long pfn) {
        return freedOrder.get(pfn);
    }

    /** The owner of the block whose free last touched {@code pfn}. */
    int freedOwner(long pfn) {
        return freedOwner.get(pfn);
    }

    long livePages() {
        return livePages;
    }

    long ownerPages(int ownerId) {
        return ownerId >= 0 && ownerId < ownerPages.length ? ownerPages[ownerId] : 0;
    }

    int ownerSlots() {
        return ownerPages.length;
    }

    void allocate(long head, int ord, int ownerId, int siteId, boolean excl, long event, long line, int column) {
        order.set(head, (byte) ord);
        flags.set(head, excl ? EXCLUSIVE : 0);
        owner.set(head, ownerId);
        site.set(head, siteId);
        allocEvent.set(head, event);
        allocLine.set(head, clamp(line));
        allocColumn.set(head, column);
        long size = 1L << ord;
        livePages += size;
        addOwnerPages(ownerId, size);
    }

    /** Ends the live block at {@code head}, marking all its pages freed by {@code event}. */
    void release(long head, long event, long line, int column) {
        int ord = order.get(head);
        long size = 1L << ord;
        int blockOwner = owner.get(head);
        long blockAlloc = allocEvent.get(head);
        int blockAllocLine = allocLine.get(head);
        int blockAllocColumn = allocColumn.get(head);
        for (long p = head; p < head + size; p++) {
            freedBy.set(p, event);
            freedLine.set(p, clamp(line));
            freedColumn.set(p, column);
            freedAlloc.set(p, blockAlloc);
            freedAllocLine.set(p, blockAllocLine);
            freedAllocColumn.set(p, blockAllocColumn);
            freedOwner.set(p, blockOwner);
            freedOrder.set(p, (byte) ord);
        }
        addOwnerPages(blockOwner, -size);
        livePages -= size;
        order.set(head, NOT_HEAD);
    }

    /**
     * A free of a page the trace never saw allocated (window scope): remember it for later checks.
     * {@code blockOrder} is the order of the freed block when its head is known, else {@link #NOT_HEAD}.
     */
    void markFreedUnknown(long pfn, long event, long line, int column, int blockOrder) {
        freedBy.set(pfn, event);
        freedLine.set(pfn, clamp(line));
        freedColumn.set(pfn, column);
        freedAlloc.set(pfn, -1);
        freedAllocLine.set(pfn, 0);
        freedAllocColumn.set(pfn, 0);
        freedOwner.set(pfn, -1);
        freedOrder.set(pfn, (byte) blockOrder);
    }

    void transfer(long head, int newOwner) {
        long size = 1L << order.get(head);
        addOwnerPages(owner.get(head), -size);
        owner.set(head, newOwner);
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
            if (!order.touched(p)) {
                p = order.chunkEnd(p);
                continue;
            }
            int o = order.get(p);
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
