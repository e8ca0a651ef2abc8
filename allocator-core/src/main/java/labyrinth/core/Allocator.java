package labyrinth.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The Labyrinth page allocator of ALLOCATOR-MODEL.md: zones with fallback, watermarks, lowmem
 * reserve, GFP reserve rules and an address-ordered buddy.
 *
 * <p>Notation: zone indexes are positions in {@link Machine#zones()} (ascending); {@code j} is the
 * request's highest allowed {@link ZoneKind}. Algorithm of {@link #allocate}: fast path over the
 * fallback list with the {@code low} mark and no reserves; slow path with {@code min} and the
 * reserves of {@link WatermarkMath#slowPathFlags}; for {@code __GFP_MEMALLOC} a pass that ignores
 * watermarks, only after the slow path failed in every zone; for a sleeping {@code __GFP_NOFAIL}
 * request a last pass with the reserves of {@link WatermarkMath#nofailFlags}. Blocks come from
 * {@link BuddyZone}. Everything the
 * hot path reads is precomputed into primitive arrays: watermarks per zone, the lowmem reserve per
 * zone and {@code j}, and the fallback list per {@code j}.
 *
 * <p>Invariants: those of {@link BuddyZone} per zone (checked by {@link Invariants}); a pressure
 * point is armed until it fires and re-armed when its zone's free pages rise above {@code high}.
 *
 * <p>Null policy: no argument may be null and nothing returns null. Not thread-safe: one per trace.
 */
public final class Allocator {
    /** Default for {@code --max-pages}: 64 GiB of 4 KiB pages is 16 Mi pages; allow 4 times that. */
    public static final long DEFAULT_MAX_PAGES = 1L << 26;

    /** Bit of {@link #pressure()}: the last allocation took its zone to {@code low} or below (armed). */
    public static final int PRESSURE_LOW = 1;
    /** Bit of {@link #pressure()}: the last allocation took its zone to {@code min} or below (armed). */
    public static final int PRESSURE_MIN = 2;

    private final Machine machine;
    private final BuddyZone[] zones;
    private final long[] min;
    private final long[] low;
    private final long[] high;
    /** {@code reserve[zone][j]}. */
    private final long[][] reserve;
    /** {@code fallback[j]}: zone indexes a request with highest kind {@code j} tries, in order. */
    private final int[][] fallback;
    /** Per zone, the {@code PRESSURE_*} bits still armed. */
    private final int[] armed;

    private int pressure;
    private int lastZone = -1;
    /** The block the last allocate returned, for {@link #undoAllocation}; -1 when there is none. */
    private long lastPfn = -1;
    private int lastOrder;
    private boolean wokeKswapd;

    /**
     * @throws MachineTooLargeException when the machine has more than {@code maxPages} pages
     */
    public Allocator(Machine machine, long maxPages) {
        long total = machine.totalPages();
        if (total > maxPages) {
            throw new MachineTooLargeException(total, maxPages);
        }
        this.machine = machine;
        List<ZoneSpec> specs = machine.zones();
        int n = specs.size();
        zones = new BuddyZone[n];
        min = new long[n];
        low = new long[n];
        high = new long[n];
        armed = new int[n];
        Watermarks[] marks = WatermarkMath.watermarks(machine);
        for (int z = 0; z < n; z++) {
            Watermarks w = marks[z];
            min[z] = w.min();
            low[z] = w.low();
            high[z] = w.high();
            armed[z] = PRESSURE_LOW | PRESSURE_MIN;
        }
        reserve = WatermarkMath.lowmemReserve(specs);
        fallback = new int[ZoneKind.values().length][];
        for (int j = 0; j < fallback.length; j++) {
            int[] order = new int[n];
            int count = 0;
            for (int z = n - 1; z >= 0; z--) {
                if (specs.get(z).kind().ordinal() <= j) {
                    order[count++] = z; // zones ascend, so walking down gives j, then the ones below
                }
            }
            fallback[j] = java.util.Arrays.copyOf(order, count);
        }
        // carve last: a bad lowmemReserve should fail before the big arrays exist
        for (int z = 0; z < n; z++) {
            ZoneSpec spec = specs.get(z);
            zones[z] = new BuddyZone(spec.kind(), spec.startPfn(), spec.pages(), machine.maxOrder());
        }
    }

    public Allocator(Machine machine) {
        this(machine, DEFAULT_MAX_PAGES);
    }

    private Allocator(Allocator other) {
        machine = other.machine;
        zones = new BuddyZone[other.zones.length];
        for (int z = 0; z < zones.length; z++) {
            zones[z] = other.zones[z].copy();
        }
        // immutable after construction, so sharing is safe
        min = other.min;
        low = other.low;
        high = other.high;
        reserve = other.reserve;
        fallback = other.fallback;
        armed = other.armed.clone();
        pressure = other.pressure;
        lastZone = other.lastZone;
        lastPfn = other.lastPfn;
        lastOrder = other.lastOrder;
        wokeKswapd = other.wokeKswapd;
    }

    public Machine machine() {
        return machine;
    }

    /** Zones the machine has, in ascending order; indexes below are into this list. */
    public int zoneCount() {
        return zones.length;
    }

    public ZoneKind zoneKind(int zone) {
        return zones[zone].kind;
    }

    /** Effective watermarks (given, or the Linux defaults from the machine's settings). */
    public Watermarks watermarks(int zone) {
        return new Watermarks(min[zone], low[zone], high[zone]);
    }

    /** Pages {@code zone} keeps back from a request whose highest allowed zone is {@code highest}. */
    public long lowmemReserve(int zone, ZoneKind highest) {
        return reserve[zone][highest.ordinal()];
    }

    public long freePages(int zone) {
        return zones[zone].free();
    }

    /** Free blocks of exactly {@code order} in {@code zone} now (a /proc/buddyinfo cell); no allocation. */
    public long freeBlocks(int zone, int order) {
        return zones[zone].count(order);
    }

    /**
     * The lowest free level a {@code GFP_ATOMIC} request may leave {@code zone} at in the slow path,
     * before any lowmem reserve: {@code min - min/2 - (min - min/2)/4} (ALLOCATOR-MODEL.md).
     */
    public long atomicFloor(int zone) {
        return WatermarkMath.floor(min[zone], WatermarkMath.slowPathFlags(Gfp.GFP_ATOMIC));
    }

    /** Pages free in all zones. */
    public long freePages() {
        long n = 0;
        for (BuddyZone z : zones) {
            n += z.free();
        }
        return n;
    }

    /** @return the index of the zone holding {@code pfn}, or -1 when no zone does */
    public int zoneOf(long pfn) {
        for (int z = 0; z < zones.length; z++) {
            if (zones[z].contains(pfn)) {
                return z;
            }
        }
        return -1;
    }

    /**
     * Decides one request by the model (fast path, slow path, memalloc pass, NOFAIL last resort) and takes the
     * block. Afterwards {@link #pressure()} tells which pressure points this allocation fired and
     * {@link #lastZone()} which zone it came from.
     *
     * @return the block's first pfn (>= 0), or a negative {@link FailureReason#code()}
     * @throws IllegalArgumentException when {@code order} is not from 0 to {@code maxOrder}
     */
    public long allocate(int order, long gfp) {
        checkOrder(order);
        pressure = 0;
        lastPfn = -1;
        wokeKswapd = false;
        int j = Gfp.highestZoneOrdinal(gfp);
        int[] candidates = fallback[j];
        if (candidates.length == 0) {
            return FailureReason.NO_ZONE.code();
        }
        for (int z : candidates) {
            if (zoneOk(z, order, low[z], 0, j)) {
                return take(z, order);
            }
        }
        wokeKswapd = (gfp & Gfp.KSWAPD_RECLAIM) != 0;
        int flags = WatermarkMath.slowPathFlags(gfp);
        boolean fragmented = false;
        for (int z : candidates) {
            if (passesWatermark(z, order, min[z], flags, j)) {
                if (zones[z].hasBlock(order)) {
                    return take(z, order);
                }
                fragmented |= zones[z].free() >= 1L << order;
            }
        }
        // only now may a reserve be emptied: a lower zone that still passes its min mark came first
        if (WatermarkMath.memallocPass(gfp)) {
            for (int z : candidates) {
                if (zones[z].hasBlock(order)) {
                    return take(z, order);
                }
            }
        }
        int last = WatermarkMath.nofailFlags(gfp, order);
        if (last != WatermarkMath.NO_PASS) {
            for (int z : candidates) {
                if (zoneOk(z, order, min[z], last, j)) {
                    return take(z, order);
                }
            }
        }
        return fragmented ? FailureReason.FRAGMENTATION.code() : FailureReason.WATERMARK.code();
    }

    private boolean zoneOk(int z, int order, long mark, int flags, int j) {
        return passesWatermark(z, order, mark, flags, j) && zones[z].hasBlock(order);
    }

    private boolean passesWatermark(int z, int order, long mark, int flags, int j) {
        if ((flags & WatermarkMath.NO_WATERMARKS) != 0) {
            return true;
        }
        long free = zones[z].free() - ((1L << order) - 1);
        return free > WatermarkMath.floor(mark, flags) + reserve[z][j];
    }

    private long take(int z, int order) {
        long pfn = zones[z].take(order);
        afterAllocation(z);
        lastPfn = pfn;
        lastOrder = order;
        return pfn;
    }

    private void afterAllocation(int z) {
        lastZone = z;
        long free = zones[z].free();
        int fire = 0;
        if (free <= low[z]) {
            fire |= PRESSURE_LOW;
        }
        if (free <= min[z]) {
            fire |= PRESSURE_MIN;
        }
        fire &= armed[z];
        armed[z] &= ~fire;
        pressure = fire;
    }

    /**
     * Takes back the block the last {@link #allocate} returned, as if the request had never been
     * decided: frees it and re-arms the pressure points that allocation fired, so that they can
     * still fire when the zone really gets there (the replay then follows a recording that placed
     * the request elsewhere). {@link #pressure()} becomes 0; {@link #lastWokeKswapd()} stays, since
     * the model did take the slow path.
     *
     * @throws IllegalArgumentException when the block is not the one the last allocate returned
     */
    public void undoAllocation(long pfn, int order) {
        if (pfn != lastPfn || order != lastOrder) {
            throw new IllegalArgumentException("order-" + order + " block at pfn " + pfn
                    + " is not the one the last allocation returned");
        }
        int z = zoneOf(pfn);
        free(pfn, order);
        armed[z] |= pressure;
        pressure = 0;
        lastPfn = -1;
    }

    /**
     * Makes the given block allocated even though the model might have placed it elsewhere
     * (observe mode, and following a recording after a divergence): splits the free block that
     * contains it. Fires pressure points like {@link #allocate}.
     *
     * @return false (and changes nothing) when the block is misaligned, outside a zone, crosses a
     *     zone boundary or is not entirely free, or the order is not from 0 to {@code maxOrder}
     */
    public boolean claim(long pfn, int order) {
        pressure = 0;
        lastPfn = -1;
        wokeKswapd = false;
        if (order < 0 || order > machine.maxOrder() || pfn < 0 || (pfn & ((1L << order) - 1)) != 0) {
            return false;
        }
        int z = zoneOf(pfn);
        if (z < 0 || !zones[z].fits(pfn, order) || !zones[z].claim(pfn, order)) {
            return false;
        }
        afterAllocation(z);
        return true;
    }

    /**
     * Returns an allocated block and merges it with free buddies. The caller (the ownership ledger)
     * guarantees the block is allocated with exactly this order; re-arms pressure points of the
     * zone when its free pages rise above {@code high}.
     *
     * <p>Only the block's shape is checked here; freeing a block that is partly free already breaks
     * the model's invariants, which {@link Invariants#check} reports.
     *
     * @throws IllegalArgumentException when the block is misaligned or not inside one zone
     */
    public void free(long pfn, int order) {
        checkOrder(order);
        int z = zoneOf(pfn);
        if (z < 0 || (pfn & ((1L << order) - 1)) != 0 || !zones[z].fits(pfn, order)) {
            throw new IllegalArgumentException("cannot free order-" + order + " block at pfn " + pfn
                    + ": not an aligned block inside one zone");
        }
        BuddyZone zone = zones[z];
        zone.release(pfn, order);
        if (zone.free() > high[z]) {
            armed[z] = PRESSURE_LOW | PRESSURE_MIN;
        }
    }

    private void checkOrder(int order) {
        if (order < 0 || order > machine.maxOrder()) {
            throw new IllegalArgumentException("order must be from 0 to " + machine.maxOrder() + ", found " + order);
        }
    }

    /** Whether {@code pfn} lies in a free block. */
    public boolean isFree(long pfn) {
        int z = zoneOf(pfn);
        return z >= 0 && zones[z].isFree(pfn);
    }

    /** {@link #PRESSURE_LOW} / {@link #PRESSURE_MIN} bits fired by the last allocate or claim. */
    public int pressure() {
        return pressure;
    }

    /** Zone index of the last successful allocate or claim; -1 before the first. */
    public int lastZone() {
        return lastZone;
    }

    /**
     * Whether the last allocate woke kswapd (slow path with {@code __GFP_KSWAPD_RECLAIM}); a claim
     * clears it, since it decides nothing.
     */
    public boolean lastWokeKswapd() {
        return wokeKswapd;
    }

    /**
     * Why a request that just failed failed, in words for reports, computed again on the cold
     * path: e.g. {@code Normal free 38 <= atomic floor 38 (min 100)}, or for several zones each
     * zone's line joined with {@code "; "}.
     */
    public String explainFailure(int order, long gfp) {
        return FailureExplainer.explain(this, order, gfp);
    }

    /** Free pages, watermarks and free blocks per order of every zone now. */
    public List<ZoneState> snapshot() {
        List<ZoneState> states = new ArrayList<>(zones.length);
        for (int z = 0; z < zones.length; z++) {
            BuddyZone zone = zones[z];
            states.add(new ZoneState(zone.kind, zone.pages(), zone.free(), min[z], low[z], high[z],
                    zone.freeByOrder()));
        }
        return List.copyOf(states);
    }

    /** A deep, independent copy (REPL checkpoints). */
    public Allocator copy() {
        return new Allocator(this);
    }

    // --- package-private views for Invariants, FailureExplainer and tests ---

    BuddyZone zone(int z) {
        return zones[z];
    }

    int[] fallback(ZoneKind highest) {
        return fallback[highest.ordinal()];
    }

    /** Bytes of all arrays the allocator holds (headers included), for the heap estimate. */
    long arrayBytes() {
        long bytes = 0;
        for (BuddyZone z : zones) {
            bytes += z.arrayBytes();
        }
        return bytes;
    }
}
