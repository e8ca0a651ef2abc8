package labyrinth.core;

/**
 * One zone's check for one request, as numbers (ALLOCATOR-MODEL.md, {@code zone_ok}): the zone
 * passes when {@code free - (2^order - 1) > floor + lowmemReserve} (or watermarks are ignored) and
 * it has a free block of order {@code >= order}. Immutable.
 *
 * @param free the zone's free pages
 * @param blockRest {@code 2^order - 1}: the pages of the block beyond its first, which
 *     {@code __zone_watermark_ok} subtracts from {@code free}
 * @param floorName {@code min}, {@code atomic floor}, {@code high-priority floor} or
 *     {@code __GFP_NOFAIL floor}: which reserves lowered the mark
 * @param min the zone's {@code min} watermark
 * @param floor {@code min} lowered by the request's reserves
 * @param lowmemReserve pages the zone keeps back from this request
 * @param noWatermarks whether the pass ignores watermarks ({@code __GFP_MEMALLOC})
 * @param largestOrder the largest order with a free block, -1 when the zone has no free page
 */
public record ZoneCheck(ZoneKind kind, long free, long blockRest, String floorName, long min, long floor,
                        long lowmemReserve, boolean noWatermarks, int order, int largestOrder) {
    /** Whether the zone's free pages (less the block's rest) stand above the floor plus the reserve. */
    public boolean watermarkOk() {
        return noWatermarks || free - blockRest > floor + lowmemReserve;
    }

    /** Whether a free block of order {@code >= order} exists. */
    public boolean hasBlock() {
        return largestOrder >= order;
    }

    public boolean passes() {
        return watermarkOk() && hasBlock();
    }

    /** Free pages the zone lacked to pass its watermark: 0 when it passes. */
    public long pagesShort() {
        return watermarkOk() ? 0 : floor + lowmemReserve - (free - blockRest) + 1;
    }
}
