package labyrinth.replay;

import java.util.Arrays;

/**
 * Who holds each block, and which pages were freed by which event.
 *
 * <p>Notation: a live block is found at its head pfn, where {@code order[head] >= 0}; any page
 * {@code p} of it is found by trying the heads {@code p & ~(2^o - 1)} for o = 0..maxOrder.
 * Per-page arrays are allocated once (no object per block): at a head, the owner and site ids,
 * flags, allocating event and its position; at every page, the event that last freed it, the
 * position of that free and the allocation the freed block came from.
 *
 * <p>Invariants: live blocks never overlap; {@code livePages} is the sum of their sizes and
 * {@code ownerPages[id]} the part held by owner {@code id}.
 *
 * <p>Not thread-safe: one per trace.
 */
final class Ledger {
    static final byte NOT_HEAD = -1;
    private static final byte EXCLUSIVE = 1;

    private final int maxOrder;
    private final byte[] order;
    private final byte[] flags;
    private final int[] owner;
    private final int[] site;
    private final long[] allocEvent;
    private final int[] allocLine;
    private final int[] allocColumn;
    private final long[] freedBy;
    private final int[] freedLine;
    private final int[] freedColumn;
    private final long[] freedAlloc;
    private final int[] freedOwner;
    private long livePages;
    private long[] ownerPages;

    Ledger(long endPfn, int maxOrder) {
        int n = Math.toIntExact(endPfn);
        this.maxOrder = maxOrder;
        order = new byte[n];
        Arrays.fill(order, NOT_HEAD);
        flags = new byte[n];
        owner = new int[n];
        site = new int[n];
        allocEvent = new long[n];
        allocLine = new int[n];
        allocColumn = new int[n];
        freedBy = new long[n];
        Arrays.fill(freedBy, -1);
        freedLine = new int[n];
        freedColumn = new int[n];
        freedAlloc = new long[n];
        freedOwner = new int[n];
        ownerPages = new long[16];
    }

    private Ledger(Ledger o) {
        maxOrder = o.maxOrder;
        order = o.order.clone();
        flags = o.flags.clone();
        owner = o.owner.clone();
        site = o.site.clone();
        allocEvent = o.allocEvent.clone();
        allocLine = o.allocLine.clone();
        allocColumn = o.allocColumn.clone();
        freedBy = o.freedBy.clone();
        freedLine = o.freedLine.clone();
        freedColumn = o.freedColumn.clone();
        freedAlloc = o.freedAlloc.clone();
        freedOwner = o.freedOwner.clone();
        livePages = o.livePages;
        ownerPages = o.ownerPages.clone();
    }

    Ledger copy() {
        return new Ledger(this);
    }

    long endPfn() {
        return order.length;
    }

    boolean inRange(long pfn) {
        return pfn >= 0 && pfn < order.length;
    }

    /** @return the head of the live block containing {@code pfn}, or -1 */
    long headOf(long pfn) {
        if (!inRange(pfn)) {
            return -1;
        }
        for (int o = 0; o <= maxOrder; o++) {
            long head = pfn & -(1L << o);
            if (order[(int) head] == o) {
                return head;
            }
        }
        return -1;
    }

    boolean isHead(long pfn) {
        return inRange(pfn) && order[(int) pfn] != NOT_HEAD;
    }

    int order(long head) {
        return order[(int) head];
    }

    int owner(long head) {
        return owner[(int) head];
    }

    int site(long head) {
        return site[(int) head];
    }

    boolean exclusive(long head) {
        return (flags[(int) head] & EXCLUSIVE) != 0;
    }

    long allocEvent(long head) {
        return allocEvent[(int) head];
    }

    int allocLine(long head) {
        return allocLine[(int) head];
    }

    int allocColumn(long head) {
        return allocColumn[(int) head];
    }

    /** The event that last freed {@code pfn}, or -1 when no free inside the trace touched it. */
    long freedBy(long pfn) {
        return inRange(pfn) ? freedBy[(int) pfn] : -1;
    }

    int freedLine(long pfn) {
        return freedLine[(int) pfn];
    }

    int freedColumn(long pfn) {
        return freedColumn[(int) pfn];
    }

    /** The allocating event of the block whose free last touched {@code pfn}, -1 when unknown. */
    long freedAlloc(long pfn) {
        return freedAlloc[(int) pfn];
    }

    /** The owner of the block whose free last touched {@code pfn}. */
    int freedOwner(long pfn) {
        return freedOwner[(int) pfn];
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

    void allocate(long head, int ord, int ownerId, int siteId, boolean excl, long event, long line, long column) {
        int h = (int) head;
        order[h] = (byte) ord;
        flags[h] = excl ? EXCLUSIVE : 0;
        owner[h] = ownerId;
        site[h] = siteId;
        allocEvent[h] = event;
        allocLine[h] = clamp(line);
        allocColumn[h] = clamp(column);
        long size = 1L << ord;
        livePages += size;
        addOwnerPages(ownerId, size);
    }

    /** Ends the live block at {@code head}, marking all its pages freed by {@code event}. */
    void release(long head, long event, long line, long column) {
        int h = (int) head;
        int ord = order[h];
        long size = 1L << ord;
        int end = (int) (head + size);
        for (int p = h; p < end; p++) {
            freedBy[p] = event;
            freedLine[p] = clamp(line);
            freedColumn[p] = clamp(column);
            freedAlloc[p] = allocEvent[h];
            freedOwner[p] = owner[h];
        }
        addOwnerPages(owner[h], -size);
        livePages -= size;
        order[h] = NOT_HEAD;
    }

    /** A free of a page the trace never saw allocated (window scope): remember it for later checks. */
    void markFreedUnknown(long pfn, long event, long line, long column) {
        int p = (int) pfn;
        freedBy[p] = event;
        freedLine[p] = clamp(line);
        freedColumn[p] = clamp(column);
        freedAlloc[p] = -1;
        freedOwner[p] = -1;
    }

    void transfer(long head, int newOwner) {
        int h = (int) head;
        long size = 1L << order[h];
        addOwnerPages(owner[h], -size);
        owner[h] = newOwner;
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

    /** Visits every live block in pfn order. */
    void forEachLive(BlockVisitor visitor) {
        for (int p = 0; p < order.length; p++) {
            if (order[p] != NOT_HEAD) {
                visitor.visit(p, order[p]);
                p += (1 << order[p]) - 1;
            }
        }
    }

    @FunctionalInterface
    interface BlockVisitor {
        void visit(long head, int order);
    }
}
