package labyrinth.core;

import java.util.List;

/**
 * The Labyrinth page allocator of ALLOCATOR-MODEL.md: zones with fallback, watermarks, lowmem
 * reserve, GFP reserve rules and an address-ordered buddy.
 *
 * <p>SKELETON: the API is fixed; the bodies are being implemented (issue 2).
 *
 * <p>Not thread-safe: one per trace.
 */
public final class Allocator {
    /** Default for {@code --max-pages}: 64 GiB of 4 KiB pages is 16 Mi pages; allow 4 times that. */
    public static final long DEFAULT_MAX_PAGES = 1L << 26;

    /** Bit of {@link #pressure()}: the last allocation took its zone to {@code low} or below (armed). */
    public static final int PRESSURE_LOW = 1;
    /** Bit of {@link #pressure()}: the last allocation took its zone to {@code min} or below (armed). */
    public static final int PRESSURE_MIN = 2;

    /**
     * @throws MachineTooLargeException when the machine has more than {@code maxPages} pages
     */
    public Allocator(Machine machine, long maxPages) {
        throw new UnsupportedOperationException("skeleton");
    }

    public Allocator(Machine machine) {
        this(machine, DEFAULT_MAX_PAGES);
    }

    public Machine machine() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Zones the machine has, in ascending order; indexes below are into this list. */
    public int zoneCount() {
        throw new UnsupportedOperationException("skeleton");
    }

    public ZoneKind zoneKind(int zone) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Effective watermarks (given, or the Linux defaults). */
    public Watermarks watermarks(int zone) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Pages {@code zone} keeps back from a request whose highest allowed zone is {@code highest}. */
    public long lowmemReserve(int zone, ZoneKind highest) {
        throw new UnsupportedOperationException("skeleton");
    }

    public long freePages(int zone) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Pages free in all zones. */
    public long freePages() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** @return the index of the zone holding {@code pfn}, or -1 when no zone does */
    public int zoneOf(long pfn) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Decides one request by the model (fast path, slow path, NOFAIL last resort) and takes the
     * block. Afterwards {@link #pressure()} tells which pressure points this allocation fired and
     * {@link #lastZone()} which zone it came from.
     *
     * @return the block's first pfn (>= 0), or a negative {@link FailureReason#code()}
     */
    public long allocate(int order, long gfp) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Makes the given block allocated even though the model might have placed it elsewhere
     * (observe mode, and following a recording after a divergence): splits the free block that
     * contains it. Fires pressure points like {@link #allocate}.
     *
     * @return false (and changes nothing) when the block is misaligned, outside a zone, crosses a
     *     zone boundary or is not entirely free
     */
    public boolean claim(long pfn, int order) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Returns an allocated block and merges it with free buddies. The caller (the ownership ledger)
     * guarantees the block is allocated with exactly this order; re-arms pressure points of the
     * zone when its free pages rise above {@code high}.
     */
    public void free(long pfn, int order) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Whether {@code pfn} lies in a free block. */
    public boolean isFree(long pfn) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** {@link #PRESSURE_LOW} / {@link #PRESSURE_MIN} bits fired by the last allocate or claim. */
    public int pressure() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Zone index of the last successful allocate or claim. */
    public int lastZone() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Whether the last allocate woke kswapd (slow path with {@code __GFP_KSWAPD_RECLAIM}). */
    public boolean lastWokeKswapd() {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Why a request that just failed failed, in words for reports, computed again on the cold
     * path: e.g. {@code Normal free 38 <= atomic floor 38 (min 100)}, or for several zones each
     * zone's line joined with {@code "; "}.
     */
    public String explainFailure(int order, long gfp) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Free pages, watermarks and free blocks per order of every zone now. */
    public List<ZoneState> snapshot() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** A deep, independent copy (REPL checkpoints). */
    public Allocator copy() {
        throw new UnsupportedOperationException("skeleton");
    }
}
