package labyrinth.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link Allocator} put into a state that a kernel printed (a "page allocation failure"
 * report's Mem-Info): every zone's free pages, watermarks, lowmem reserve and free blocks per
 * order. The allocator then decides a request by its own rules, so nothing here repeats them.
 *
 * <p>Layout: the zones lie one after another from pfn 0, each a whole number of max-order blocks.
 * A free block of order {@code k < maxOrder} gets an aligned region of {@code 2^(k+1)} pages whose
 * upper half is claimed (allocated), so no two free blocks are buddies and nothing merges; free
 * max-order blocks lie side by side (they never merge). Regions go from the highest order down, so
 * each starts aligned; the rest of the zone is claimed. A zone is therefore about twice its free
 * pages, never its real size: the model needs only the free blocks, the watermarks and the
 * reserves.
 *
 * <p>The zone's {@code free} decides the watermarks (Linux's {@code NR_FREE_PAGES}) and the free
 * blocks decide contiguity. The two are printed at different moments and rarely agree, so the
 * blocks are adjusted to hold exactly {@code free} pages: missing pages become order-0 blocks,
 * surplus pages come out of the lowest orders first (a block too big is split and its remainder
 * kept), so the largest blocks stay as printed. Without blocks per order the free pages are
 * carved greedily into the largest blocks.
 *
 * <p>Null policy: {@code freeByOrder} may be null (not printed); nothing else may be. Stateless
 * and thread-safe.
 */
public final class PrintedState {
    /**
     * One zone as printed.
     *
     * @param lowmemReserve pages this zone keeps back from requests whose highest zone is the key
     * @param freeByOrder free blocks per order (index = order), or null when the report has none
     */
    public record Zone(ZoneKind kind, long free, Watermarks watermarks, Map<ZoneKind, Long> lowmemReserve,
                       long[] freeByOrder) {
        public Zone {
            if (free < 0) {
                throw new IllegalArgumentException("free pages of zone " + kind.label() + " must be >= 0, found "
                        + free);
            }
            lowmemReserve = Map.copyOf(lowmemReserve);
            freeByOrder = freeByOrder == null ? null : freeByOrder.clone();
        }
    }

    private PrintedState() {
    }

    /**
     * @param zones ascending by kind, each kind at most once
     * @param maxOrder the largest order (at least the highest order with a printed block)
     * @throws MachineTooLargeException when the layout needs more than {@code maxPages} pages
     * @throws IllegalArgumentException for zones out of order or a negative count
     */
    public static Allocator allocator(List<Zone> zones, int pageSize, int maxOrder, long maxPages) {
        List<long[]> blocks = new ArrayList<>(zones.size());
        List<ZoneSpec> specs = new ArrayList<>(zones.size());
        long start = 0;
        long block = 1L << maxOrder;
        for (Zone z : zones) {
            long[] counts = blocks(z, maxOrder);
            long pages = 0;
            for (int k = 0; k <= maxOrder; k++) {
                pages = saturatedAdd(pages, pages(counts[k], k == maxOrder ? k : k + 1));
            }
            pages = Math.max(block, (pages + block - 1) / block * block);
            if (start + pages > maxPages || start + pages < 0) {
                throw new MachineTooLargeException(start + pages, maxPages);
            }
            blocks.add(counts);
            specs.add(new ZoneSpec(z.kind(), start, pages, z.watermarks(), z.lowmemReserve()));
            start += pages;
        }
        Allocator a = new Allocator(new Machine(pageSize, maxOrder, specs, Machine.DEFAULT_DIRECT_MAP_BASE), maxPages);
        for (int i = 0; i < specs.size(); i++) {
            lay(a, specs.get(i), blocks.get(i), maxOrder);
        }
        return a;
    }

    /**
     * Free blocks per order holding exactly the zone's free pages (see the class comment). Counts
     * are taken whole, never block by block, so absurd printed numbers cost no time; page sums
     * saturate instead of overflowing.
     */
    static long[] blocks(Zone z, int maxOrder) {
        long[] c = new long[maxOrder + 1];
        if (z.freeByOrder() == null) {
            c[maxOrder] = z.free() >> maxOrder;
            addBits(c, z.free() & ((1L << maxOrder) - 1));
            return c;
        }
        long sum = 0;
        for (int k = 0; k < z.freeByOrder().length; k++) {
            long n = z.freeByOrder()[k];
            if (n < 0 || k > maxOrder && n > 0) {
                throw new IllegalArgumentException("free blocks of order " + k + " in zone " + z.kind().label()
                        + " must be from 0 with order <= " + maxOrder + ", found " + n);
            }
            if (k <= maxOrder) {
                c[k] = n;
                sum = saturatedAdd(sum, pages(n, k));
            }
        }
        if (sum < z.free()) {
            c[0] += z.free() - sum;
        }
        long surplus = sum - z.free();
        for (int k = 0; k <= maxOrder && surplus > 0; k++) {
            long whole = Math.min(c[k], surplus >> k);
            c[k] -= whole;
            surplus -= whole << k;
            if (surplus > 0 && c[k] > 0) {
                c[k]--; // this block is bigger than what is left over: keep its remainder
                addBits(c, (1L << k) - surplus);
                surplus = 0;
            }
        }
        return c;
    }

    /** {@code n * 2^k}, saturating at a quarter of the long range. */
    static long pages(long n, int k) {
        return n > (Long.MAX_VALUE >> 2) >> k ? Long.MAX_VALUE >> 2 : n << k;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 || s > Long.MAX_VALUE >> 2 ? Long.MAX_VALUE >> 2 : s;
    }

    /** One block per set bit of {@code pages} (each below the order being taken apart). */
    private static void addBits(long[] c, long pages) {
        for (int k = 0; pages != 0; k++, pages >>>= 1) {
            if ((pages & 1) != 0) {
                c[k]++;
            }
        }
    }

    private static void lay(Allocator a, ZoneSpec spec, long[] counts, int maxOrder) {
        long pos = spec.startPfn();
        for (int k = maxOrder; k >= 0; k--) {
            for (long i = 0; i < counts[k]; i++) {
                if (k == maxOrder) {
                    pos += 1L << k;
                } else {
                    claim(a, pos + (1L << k), k);
                    pos += 1L << (k + 1);
                }
            }
        }
        long end = spec.endPfn();
        while (pos < end) {
            int k = BuddyZone.carveOrder(pos, end, maxOrder);
            claim(a, pos, k);
            pos += 1L << k;
        }
    }

    private static void claim(Allocator a, long pfn, int order) {
        if (!a.claim(pfn, order)) {
            throw new IllegalStateException("cannot claim order-" + order + " block at pfn " + pfn
                    + " while laying out a printed state");
        }
    }
}
