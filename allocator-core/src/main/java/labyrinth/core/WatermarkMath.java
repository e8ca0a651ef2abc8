package labyrinth.core;

import java.util.List;
import java.util.Map;

/**
 * The formulas of ALLOCATOR-MODEL.md, "Watermarks": Linux's boot-time defaults
 * ({@code __setup_per_zone_wmarks} with {@code watermark_scale_factor} 10), the lowmem reserve
 * ({@code setup_per_zone_lowmem_reserve}, ratio 256) and the floor of {@code __zone_watermark_ok}.
 * Pure functions; thread-safe.
 */
final class WatermarkMath {
    static final int MIN_RESERVE = 1;
    static final int NON_BLOCK = 2;
    static final int NO_WATERMARKS = 4;

    static final long LOWMEM_RESERVE_RATIO = 256;
    /** The most costly order the OOM killer still helps ({@code PAGE_ALLOC_COSTLY_ORDER}). */
    static final int COSTLY_ORDER = 3;

    private WatermarkMath() {
    }

    /** Linux's {@code min_free_kbytes}: {@code clamp(floor(sqrt(lowmem_kb * 16)), 128, 262144)}. */
    static long minFreeKbytes(long totalPages, int pageSize) {
        long lowmemKb = totalPages * pageSize / 1024;
        return Math.max(128, Math.min(262144, isqrt(lowmemKb * 16)));
    }

    /** The default watermarks of one zone of {@code zonePages} in a machine of {@code totalPages}. */
    static Watermarks defaults(long zonePages, long totalPages, int pageSize) {
        long pagesMin = minFreeKbytes(totalPages, pageSize) * 1024 / pageSize;
        long min = pagesMin * zonePages / totalPages; // products stay below 2^63: pagesMin <= 2^19
        long step = Math.max(min / 4, zonePages * 10 / 10000);
        return new Watermarks(min, min + step, min + 2 * step);
    }

    /** Exact {@code floor(sqrt(n))} for {@code n >= 0}, like the kernel's {@code int_sqrt}. */
    static long isqrt(long n) {
        long r = (long) Math.sqrt((double) n);
        // the double may be off by one either way for large n; compare by division so that
        // squaring near 2^63 cannot overflow
        while (r > 0 && r > n / r) {
            r--;
        }
        while (r + 1 <= n / (r + 1)) {
            r++;
        }
        return r;
    }

    /**
     * {@code reserve[i][j]}: pages zone {@code i} keeps back from requests whose highest allowed
     * zone kind has ordinal {@code j}; the sum of the pages of the machine's zones above {@code i}
     * up to kind {@code j}, divided by 256, unless the zone's spec overrides the entry.
     *
     * @throws IllegalArgumentException for an override naming a zone kind not above the zone's own
     */
    static long[][] lowmemReserve(List<ZoneSpec> zones) {
        int kinds = ZoneKind.values().length;
        long[][] reserve = new long[zones.size()][kinds];
        for (int i = 0; i < zones.size(); i++) {
            ZoneSpec zone = zones.get(i);
            for (Map.Entry<ZoneKind, Long> e : zone.lowmemReserve().entrySet()) {
                if (e.getKey().ordinal() <= zone.kind().ordinal() || e.getValue() < 0) {
                    throw new IllegalArgumentException("lowmemReserve of zone " + zone.kind().label()
                            + " must name higher zones with values >= 0, found " + e.getKey().label()
                            + ": " + e.getValue());
                }
            }
            for (int j = zone.kind().ordinal() + 1; j < kinds; j++) {
                long above = 0;
                for (int h = i + 1; h < zones.size() && zones.get(h).kind().ordinal() <= j; h++) {
                    above += zones.get(h).pages();
                }
                Long given = zone.lowmemReserve().get(ZoneKind.values()[j]);
                reserve[i][j] = given != null ? given : above / LOWMEM_RESERVE_RATIO;
            }
        }
        return reserve;
    }

    /**
     * The reserves of the slow path for {@code gfp} (Linux's {@code gfp_to_alloc_flags}): MIN_RESERVE
     * for {@code __GFP_HIGH}; NON_BLOCK when it may not sleep and lacks {@code __GFP_NOMEMALLOC}.
     * Never NO_WATERMARKS: {@code __GFP_MEMALLOC} gets its own pass after this one
     * ({@link #memallocPass}).
     */
    static int slowPathFlags(long gfp) {
        int flags = 0;
        if ((gfp & Gfp.HIGH) != 0) {
            flags |= MIN_RESERVE;
        }
        if ((gfp & Gfp.DIRECT_RECLAIM) == 0 && (gfp & Gfp.NOMEMALLOC) == 0) {
            flags |= NON_BLOCK;
        }
        return flags;
    }

    /**
     * Whether the request gets one more pass with NO_WATERMARKS once the slow path failed in every
     * zone (Linux's {@code __gfp_pfmemalloc_flags} at {@code retry:}): {@code __GFP_MEMALLOC}
     * without {@code __GFP_NOMEMALLOC}.
     */
    static boolean memallocPass(long gfp) {
        return (gfp & Gfp.MEMALLOC) != 0 && (gfp & Gfp.NOMEMALLOC) == 0;
    }

    /** {@link #nofailFlags} for a request that gets no last pass. */
    static final int NO_PASS = -1;

    /**
     * The reserves of the last pass of a {@code __GFP_NOFAIL} request, or {@link #NO_PASS}. One that may
     * not sleep gets none (Linux returns NULL for it too). One that may sleep gets NO_WATERMARKS
     * where Linux would reach the OOM killer, which then "helps non-failing allocations"
     * ({@code __alloc_pages_may_oom}): order at most 3, no {@code __GFP_RETRY_MAYFAIL} or
     * {@code __GFP_THISNODE}, no {@code __GFP_NORETRY} (which leaves the slow path before the OOM
     * step) and Normal allowed; otherwise MIN_RESERVE at min (the {@code nopage} fallback).
     */
    static int nofailFlags(long gfp, int order) {
        if ((gfp & Gfp.NOFAIL) == 0 || !Gfp.maySleep(gfp)) {
            return NO_PASS;
        }
        boolean reachesOom = order <= COSTLY_ORDER
                && (gfp & (Gfp.RETRY_MAYFAIL | Gfp.THISNODE | Gfp.NORETRY)) == 0
                && Gfp.highestZoneOrdinal(gfp) == ZoneKind.NORMAL.ordinal();
        return reachesOom ? NO_WATERMARKS : MIN_RESERVE;
    }

    /** The floor of {@code __zone_watermark_ok} before the lowmem reserve is added. */
    static long floor(long mark, int flags) {
        long floor = mark;
        if ((flags & MIN_RESERVE) != 0) {
            floor -= floor / 2;
            if ((flags & NON_BLOCK) != 0) {
                floor -= floor / 4;
            }
        }
        return floor;
    }
}
