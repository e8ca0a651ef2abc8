package labyrinth.core;

import java.util.StringJoiner;

/**
 * Words for a failed request (cold path): each allowed zone's reason under the most lenient pass
 * the request got (the slow path, the memalloc pass, or the {@code __GFP_NOFAIL} last resort), joined with
 * {@code "; "} in fallback order. Recomputes from the allocator's state; changes nothing.
 * Stateless; as thread-safe as the allocator it reads.
 */
final class FailureExplainer {
    private FailureExplainer() {
    }

    static String explain(Allocator a, int order, long gfp) {
        ZoneKind highest = Gfp.highestZone(gfp);
        int[] zones = a.fallback(highest);
        if (zones.length == 0) {
            return noZone(highest);
        }
        int flags = WatermarkMath.slowPathFlags(gfp);
        int nofail = WatermarkMath.nofailFlags(gfp, order);
        if (WatermarkMath.memallocPass(gfp)) {
            flags = WatermarkMath.NO_WATERMARKS;
        } else if (nofail != WatermarkMath.NO_PASS) {
            flags |= nofail;
        }
        String floorName = floorName(flags, nofail == WatermarkMath.MIN_RESERVE && (gfp & Gfp.HIGH) == 0);
        StringJoiner lines = new StringJoiner("; ");
        for (int z : zones) {
            lines.add(zoneLine(a, z, order, flags, floorName, highest));
        }
        return lines.toString();
    }

    private static String noZone(ZoneKind highest) {
        StringJoiner allowed = new StringJoiner(", ");
        for (int k = highest.ordinal(); k >= 0; k--) {
            allowed.add(ZoneKind.values()[k].label());
        }
        return highest == ZoneKind.DMA
                ? "the request may use only DMA and this machine has no DMA zone"
                : "the request may use " + allowed + " and this machine has none of them";
    }

    static String floorName(int flags, boolean onlyByNofail) {
        if ((flags & WatermarkMath.MIN_RESERVE) == 0) {
            return "min";
        }
        if ((flags & WatermarkMath.NON_BLOCK) != 0) {
            return "atomic floor";
        }
        return onlyByNofail ? "__GFP_NOFAIL floor" : "high-priority floor";
    }

    private static String zoneLine(Allocator a, int z, int order, int flags, String floorName, ZoneKind highest) {
        BuddyZone zone = a.zone(z);
        String name = zone.kind.label();
        long zoneFree = zone.free();
        long need = 1L << order;
        long free = zoneFree - (need - 1);
        long min = a.watermarks(z).min();
        long floor = WatermarkMath.floor(min, flags);
        long reserve = a.lowmemReserve(z, highest);
        boolean noWatermarks = (flags & WatermarkMath.NO_WATERMARKS) != 0;
        if (!noWatermarks && free <= floor + reserve) {
            StringBuilder sb = new StringBuilder(64).append(name).append(" free ").append(free);
            if (order > 0) {
                sb.append(" (").append(zoneFree).append(" - ").append(need - 1).append(" for order ")
                        .append(order).append(')');
            }
            sb.append(" <= ").append(floorName).append(' ').append(floor);
            if (reserve > 0) {
                sb.append(" + lowmem reserve ").append(reserve);
            }
            if (!floorName.equals("min")) {
                sb.append(" (min ").append(min).append(')');
            }
            return sb.toString();
        }
        String passed = noWatermarks ? " (watermarks ignored)" : "";
        if (zone.hasBlock(order)) {
            if (noWatermarks) {
                return name + " could serve it now" + passed;
            }
            return name + " could serve it now: free " + free + " > " + floorName + " " + floor
                    + (reserve > 0 ? " + lowmem reserve " + reserve : "");
        }
        if (zoneFree == 0) {
            return name + " has no free pages" + passed;
        }
        if (zoneFree < need) {
            return name + " has " + zoneFree + " free pages, fewer than the " + need + " of an order-" + order
                    + " block" + passed;
        }
        return name + " has " + zoneFree + " free pages but no free block of order >= " + order
                + " (largest order " + zone.largestOrder() + ")" + passed;
    }
}
