package labyrinth.core;

/**
 * The free blocks of one zone, address-ordered buddy style (ALLOCATOR-MODEL.md, "Taking and
 * returning blocks").
 *
 * <p>Notation: the zone is pfns {@code [start, end)}; a block of order {@code k} is {@code 2^k}
 * pages starting at a multiple of {@code 2^k}; its buddy starts at {@code pfn ^ 2^k}. For each
 * order {@code k <= maxOrder} a {@link FreeBitmap} has bit {@code (pfn >> k) - (start >> k)} set
 * exactly when a free block of order {@code k} starts at {@code pfn}; no per-page array exists, so
 * a zone costs about two bits per page.
 *
 * <p>Algorithm: take = lowest set bit of the smallest non-empty order {@code >= o} (a bit mask of
 * non-empty orders makes that one {@code numberOfTrailingZeros}), then split keeping the lower
 * half; release = merge with the buddy while it is a free block of the same order inside the
 * zone and the order is below {@code maxOrder}; claim = find the free block containing the wanted
 * one ({@code maxOrder + 1} bit probes) and split it around it.
 *
 * <p>Invariants (checked by {@link Invariants}): free blocks lie inside the zone and do not
 * overlap; none has a free buddy of its order below {@code maxOrder}; {@code count[k]} is the
 * number of bits of order {@code k}; {@code free} is the sum of {@code count[k] * 2^k}. Because
 * everything mergeable is merged, the free blocks are a function of the set of free pages.
 *
 * <p>Not thread-safe: one per trace.
 */
final class BuddyZone {
    final ZoneKind kind;
    final long start;
    final long end;
    final int maxOrder;
    private final FreeBitmap[] byOrder;
    private final long[] count;
    /** Bit {@code k} set when {@code count[k] > 0}. */
    private int nonEmpty;
    private long free;

    BuddyZone(ZoneKind kind, long start, long pages, int maxOrder) {
        this.kind = kind;
        this.start = start;
        this.end = start + pages;
        this.maxOrder = maxOrder;
        byOrder = new FreeBitmap[maxOrder + 1];
        count = new long[maxOrder + 1];
        for (int k = 0; k <= maxOrder; k++) {
            byOrder[k] = new FreeBitmap(((end - 1) >> k) - (start >> k) + 1);
        }
        carve();
    }

    private BuddyZone(BuddyZone other) {
        kind = other.kind;
        start = other.start;
        end = other.end;
        maxOrder = other.maxOrder;
        byOrder = new FreeBitmap[other.byOrder.length];
        for (int k = 0; k < byOrder.length; k++) {
            byOrder[k] = other.byOrder[k].copy();
        }
        count = other.count.clone();
        nonEmpty = other.nonEmpty;
        free = other.free;
    }

    BuddyZone copy() {
        return new BuddyZone(this);
    }

    /** Greedy initial carving: at each pfn the largest aligned block that ends inside the zone. */
    private void carve() {
        for (long pfn = start; pfn < end; ) {
            int k = carveOrder(pfn, end, maxOrder);
            add(pfn, k);
            free += 1L << k;
            pfn += 1L << k;
        }
    }

    static int carveOrder(long pfn, long end, int maxOrder) {
        int k = pfn == 0 ? maxOrder : Math.min(maxOrder, Long.numberOfTrailingZeros(pfn));
        while (pfn + (1L << k) > end) {
            k--;
        }
        return k;
    }

    long pages() {
        return end - start;
    }

    long free() {
        return free;
    }

    long count(int order) {
        return count[order];
    }

    /** Whether a free block of order {@code >= order} exists. */
    boolean hasBlock(int order) {
        return order <= maxOrder && (nonEmpty >>> order) != 0;
    }

    /** @return the largest order with a free block, or -1 when the zone has no free page */
    int largestOrder() {
        return 31 - Integer.numberOfLeadingZeros(nonEmpty);
    }

    boolean contains(long pfn) {
        return pfn >= start && pfn < end;
    }

    /** Whether {@code [pfn, pfn + 2^order)} lies inside the zone (no alignment check). */
    boolean fits(long pfn, int order) {
        return pfn >= start && pfn <= end - (1L << order);
    }

    /** Whether a free block of exactly {@code order} starts at {@code pfn} (which must fit). */
    boolean isFreeBlock(long pfn, int order) {
        return byOrder[order].get(index(pfn, order));
    }

    FreeBitmap bitmap(int order) {
        return byOrder[order];
    }

    long pfnOf(long index, int order) {
        return (index + (start >> order)) << order;
    }

    private long index(long pfn, int order) {
        return (pfn >> order) - (start >> order);
    }

    /** @return the first pfn of the block taken, or -1 when no block of order {@code >= order} is free */
    long take(int order) {
        int avail = nonEmpty >>> order;
        if (avail == 0) {
            return -1;
        }
        int k = order + Integer.numberOfTrailingZeros(avail);
        long pfn = pfnOf(byOrder[k].first(), k);
        remove(pfn, k);
        while (k > order) {
            k--;
            add(pfn + (1L << k), k); // the upper half stays free; the lower half goes on
        }
        free -= 1L << order;
        return pfn;
    }

    /** @return the order of the free block containing {@code pfn} (trying orders {@code >= fromOrder}), or -1 */
    private int containingOrder(long pfn, int fromOrder) {
        for (int k = fromOrder; k <= maxOrder; k++) {
            long base = pfn & -(1L << k);
            if (!fits(base, k)) {
                return -1; // every larger candidate sticks out of the zone too
            }
            if (byOrder[k].get(index(base, k))) {
                return k;
            }
        }
        return -1;
    }

    boolean isFree(long pfn) {
        return contains(pfn) && containingOrder(pfn, 0) >= 0;
    }

    /**
     * Makes the aligned block {@code [pfn, pfn + 2^order)} allocated by splitting the free block
     * containing it. With everything mergeable merged, an entirely free aligned block of order
     * {@code <= maxOrder} always lies inside a single free block, so one lookup decides.
     *
     * @return false (nothing changed) when the block is not entirely free
     */
    boolean claim(long pfn, int order) {
        int k = containingOrder(pfn, order);
        if (k < 0) {
            return false;
        }
        long base = pfn & -(1L << k);
        remove(base, k);
        while (k > order) {
            k--;
            long half = 1L << k;
            if ((pfn & half) != 0) {
                add(base, k); // the wanted block is in the upper half: the lower one stays free
                base += half;
            } else {
                add(base + half, k);
            }
        }
        free -= 1L << order;
        return true;
    }

    /** Returns an allocated block and merges it with free buddies up to {@code maxOrder}. */
    void release(long pfn, int order) {
        free += 1L << order;
        while (order < maxOrder) {
            long size = 1L << order;
            long buddy = pfn ^ size;
            if (!fits(buddy, order) || !byOrder[order].get(index(buddy, order))) {
                break;
            }
            remove(buddy, order);
            pfn &= ~size;
            order++;
        }
        add(pfn, order);
    }

    private void add(long pfn, int order) {
        byOrder[order].set(index(pfn, order));
        count[order]++;
        nonEmpty |= 1 << order;
    }

    private void remove(long pfn, int order) {
        byOrder[order].clear(index(pfn, order));
        if (--count[order] == 0) {
            nonEmpty &= ~(1 << order);
        }
    }

    long[] freeByOrder() {
        return count.clone();
    }

    long arrayBytes() {
        long bytes = 16 + 8L * count.length + 16 + 4L * byOrder.length;
        for (FreeBitmap b : byOrder) {
            bytes += b.arrayBytes();
        }
        return bytes;
    }

    /** The nonEmpty mask as kept, for {@link Invariants}. */
    int nonEmptyMask() {
        return nonEmpty;
    }
}
