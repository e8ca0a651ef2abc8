package labyrinth.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Every allowed zone's check for a request under the most lenient pass the request gets (the
 * slow path's {@code min} with the request's reserves, or for a {@code __GFP_NOFAIL} request that
 * may sleep its last pass with {@code MIN_RESERVE}), in fallback order: what a failure report
 * shows zone by zone. The floors and flags come from {@link WatermarkMath}, the state from the
 * allocator; {@link Allocator#allocate} stays the one that decides. Reads only. Stateless; as
 * thread-safe as the allocator it reads.
 */
public final class ZoneChecks {
    private ZoneChecks() {
    }

    /** @return one check per allowed zone the machine has, in fallback order; empty when none is allowed */
    public static List<ZoneCheck> of(Allocator a, int order, long gfp) {
        ZoneKind highest = Gfp.highestZone(gfp);
        int flags = WatermarkMath.slowPathFlags(gfp);
        boolean nofailPass = (gfp & Gfp.NOFAIL) != 0 && Gfp.maySleep(gfp);
        if (nofailPass) {
            flags |= WatermarkMath.MIN_RESERVE;
        }
        String floorName = FailureExplainer.floorName(flags, nofailPass && (gfp & Gfp.HIGH) == 0);
        List<ZoneCheck> checks = new ArrayList<>();
        for (int z : a.fallback(highest)) {
            BuddyZone zone = a.zone(z);
            long min = a.watermarks(z).min();
            checks.add(new ZoneCheck(zone.kind, zone.free(), (1L << order) - 1, floorName, min,
                    WatermarkMath.floor(min, flags), a.lowmemReserve(z, highest),
                    (flags & WatermarkMath.NO_WATERMARKS) != 0, order, zone.largestOrder()));
        }
        return List.copyOf(checks);
    }
}
