package labyrinth.core;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The formulas of ALLOCATOR-MODEL.md, "Watermarks" and "Deciding one allocation": Linux's boot-time
 * defaults ({@code calculate_min_free_kbytes}, khugepaged's {@code set_recommended_min_free_kbytes},
 * {@code __setup_per_zone_wmarks}), the lowmem reserve ({@code setup_per_zone_lowmem_reserve},
 * ratio 256), and the reserves of each pass and the floor of {@code __zone_watermark_ok}. All
 * arithmetic is on integers, left to right, exact (no overflow for any machine the format allows).
 * Pure functions; thread-safe.
 */
final class WatermarkMath {
    static final int MIN_RESERVE = 1;
    static final int NON_BLOCK = 2;
    static final int NO_WATERMARKS = 4;

    static final long LOWMEM_RESERVE_RATIO = 256;
    /** khugepaged's free pageblocks per zone: 2, plus MIGRATE_PCPTYPES^2 = 9 "almost free of another type". */
    static final long THP_PAGEBLOCKS_PER_ZONE = 2 + 3 * 3;
    /** Below this much memory {@code hugepage_init} turns THP off, so khugepaged raises nothing. */
    static final long THP_MIN_KBYTES = 512L * 1024;
    /** pageblock_order on x86-64 with 4 KiB pages (HPAGE_PMD_ORDER), capped by maxOrder. */
    static final int PAGEBLOCK_ORDER = 9;
    /** The most costly order the OOM killer still helps ({@code PAGE_ALLOC_COSTLY_ORDER}). */
    static final int COSTLY_ORDER = 3;

    private WatermarkMath() {
    }

    /** Linux's {@code calculate_min_free_kbytes}: {@code clamp(floor(sqrt(lowmem_kb * 16)), 128, 262144)}. */
    static long bootMinFreeKbytes(long totalPages, int pageSize) {
        return Math.max(128, Math.min(262144, isqrt(kbytes(totalPages, pageSize) * 16)));
    }

    /**
     * The {@code min_free_kbytes} the machine ran with: {@code minFreeKbytes} when given; else the boot
     * value, raised with transparent hugepages on a machine of 512 MiB or more to khugepaged's
     * recommendation {@code min(pageblock * zones * 11, buffer / 20)} pages, where {@code buffer} is
     * what every zone holds above its boot {@code high} (Linux's {@code nr_free_buffer_pages}).
     */
    static long minFreeKbytes(Machine m) {
        if (m.minFreeKbytesGiven()) {
            return m.minFreeKbytes();
        }
        long total = m.totalPages();
        long mfk = bootMinFreeKbytes(total, m.pageSize());
        if (!m.transparentHugepages() || kbytes(total, m.pageSize()) < THP_MIN_KBYTES) {
            return mfk;
        }
        long recommended = thpRecommendedPages(m, mfk);
        return Math.max(mfk, recommended * m.pageSize() / 1024);
    }

    /**
     * khugepaged's recommendation in pages for a machine whose boot {@code min_free_kbytes} is
     * {@code bootMfk}: {@code min(pageblock * zones * 11, buffer / 20)}, where {@code buffer} sums
     * every zone's pages above its boot {@code high} (given watermarks play no part). Whether it
     * applies at all (THP on, 512 MiB or more) is the caller's question.
     */
    static long thpRecommendedPages(Machine m, long bootMfk) {
        long total = m.totalPages();
        long buffer = 0;
        for (ZoneSpec z : m.zones()) {
            Watermarks boot = zoneWatermarks(bootMfk, z.pages(), total, m.pageSize(), m.watermarkScaleFactor());
            buffer += Math.max(0, z.pages() - boot.high());
        }
        long pageblock = 1L << Math.min(PAGEBLOCK_ORDER, m.maxOrder());
        return Math.min(pageblock * m.zones().size() * THP_PAGEBLOCKS_PER_ZONE, buffer / 20);
    }

    /**
     * {@code __setup_per_zone_wmarks} for one zone of {@code zonePages} in a machine of
     * {@code totalPages}: {@code min = pages_min * zonePages / total},
     * {@code step = max(min / 4, zonePages * scaleFactor / 10000)}, low and high one and two steps up.
     */
    static Watermarks zoneWatermarks(long mfk, long zonePages, long totalPages, int pageSize, int scaleFactor) {
        long pagesMin = mulDiv(mfk, 1024, pageSize);
        long min = mulDiv(pagesMin, zonePages, totalPages);
        long step = Math.max(min / 4, mulDiv(zonePages, scaleFactor, 10000));
        return new Watermarks(min, min + step, min + 2 * step);
    }

    /** Every zone's effective watermarks: given ones as they are, missing ones from {@link #minFreeKbytes}. */
    static Watermarks[] watermarks(Machine m) {
        List<ZoneSpec> zones = m.zones();
        Watermarks[] out = new Watermarks[zones.size()];
        long mfk = -1;
        for (int z = 0; z < out.length; z++) {
            ZoneSpec spec = zones.get(z);
            if (spec.watermarks() != null) {
                out[z] = spec.watermarks();
                continue;
            }
            if (mfk < 0) {
                mfk = minFreeKbytes(m);
            }
            out[z] = zoneWatermarks(mfk, spec.pages(), m.totalPages(), m.pageSize(), m.watermarkScaleFactor());
        }
        return out;
    }

    /** {@code pages} of {@code pageSize} bytes in KiB, exactly (page sizes are powers of two from 512). */
    static long kbytes(long pages, int pageSize) {
        return pageSize >= 1024 ? pages * (pageSize / 1024) : pages / (1024 / pageSize);
    }

    /** {@code floor(a * b / d)} for non-negative values, exact even where {@code a * b} passes 2^63. */
    static long mulDiv(long a, long b, long d) {
        long high = Math.multiplyHigh(a, b);
        if (high == 0 && a * b >= 0) {
            return a * b / d;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(d)).longValueExact();
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
