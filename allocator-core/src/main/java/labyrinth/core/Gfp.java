package labyrinth.core;

/**
 * GFP masks: bit values of current Linux (6.3 and later, include/linux/gfp_types.h) plus
 * Labyrinth's {@code __GFP_EXCLUSIVE}, and the rules read off a mask. Parsing and printing with
 * the names of Linux 6.12 delegate to {@link GfpNames#CURRENT}; a trace from another kernel uses
 * {@link KernelVersion#gfpNames()}. Masks are plain {@code long}s so the replay loop never boxes.
 * Stateless and thread-safe.
 */
public final class Gfp {
    public static final long DMA = 0x1;
    public static final long HIGHMEM = 0x2;
    public static final long DMA32 = 0x4;
    public static final long MOVABLE = 0x8;
    public static final long RECLAIMABLE = 0x10;
    public static final long HIGH = 0x20;
    public static final long IO = 0x40;
    public static final long FS = 0x80;
    public static final long ZERO = 0x100;
    public static final long ATOMIC_LEGACY = 0x200;
    public static final long DIRECT_RECLAIM = 0x400;
    public static final long KSWAPD_RECLAIM = 0x800;
    public static final long WRITE = 0x1000;
    public static final long NOWARN = 0x2000;
    public static final long RETRY_MAYFAIL = 0x4000;
    public static final long NOFAIL = 0x8000;
    public static final long NORETRY = 0x10000;
    public static final long MEMALLOC = 0x20000;
    public static final long COMP = 0x40000;
    public static final long NOMEMALLOC = 0x80000;
    public static final long HARDWALL = 0x100000;
    public static final long THISNODE = 0x200000;
    public static final long ACCOUNT = 0x400000;
    public static final long ZEROTAGS = 0x800000;
    public static final long EXCLUSIVE = 0x10000000;

    public static final long RECLAIM = DIRECT_RECLAIM | KSWAPD_RECLAIM;
    public static final long GFP_ATOMIC = HIGH | KSWAPD_RECLAIM;
    public static final long GFP_KERNEL = RECLAIM | IO | FS;
    public static final long GFP_KERNEL_ACCOUNT = GFP_KERNEL | ACCOUNT;
    public static final long GFP_NOWAIT = KSWAPD_RECLAIM | NOWARN;
    public static final long GFP_NOIO = RECLAIM;
    public static final long GFP_NOFS = RECLAIM | IO;
    public static final long GFP_USER = GFP_KERNEL | HARDWALL;
    public static final long GFP_HIGHUSER = GFP_USER | HIGHMEM;
    public static final long GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER | MOVABLE;
    public static final long GFP_TRANSHUGE_LIGHT = (GFP_HIGHUSER_MOVABLE | COMP | NOMEMALLOC | NOWARN) & ~RECLAIM;
    public static final long GFP_TRANSHUGE = GFP_TRANSHUGE_LIGHT | DIRECT_RECLAIM;

    private Gfp() {
    }

    /** @return the bits of one flag or composite name (Linux 6.12's names), or -1 when the name is unknown */
    public static long bitsOf(String name) {
        return GfpNames.CURRENT.bitsOf(name);
    }

    /** {@link GfpNames#parse} with the names of Linux 6.12 ({@link GfpNames#CURRENT}). */
    public static long parse(String text) {
        return GfpNames.CURRENT.parse(text);
    }

    /** {@link GfpNames#format} with the names of Linux 6.12: {@code 0x10000820(GFP_ATOMIC|__GFP_EXCLUSIVE)}. */
    public static String format(long mask) {
        return GfpNames.CURRENT.format(mask);
    }

    /** {@link GfpNames#names} with the names of Linux 6.12: {@code GFP_ATOMIC|__GFP_EXCLUSIVE}. */
    public static String names(long mask) {
        return GfpNames.CURRENT.names(mask);
    }

    /** A request may sleep when it has {@code __GFP_DIRECT_RECLAIM}. */
    public static boolean maySleep(long mask) {
        return (mask & DIRECT_RECLAIM) != 0;
    }

    /**
     * The highest zone a request may use, as Linux's {@code gfp_zone} gives it: DMA for
     * {@code __GFP_DMA}, DMA32 for {@code __GFP_DMA32}, else Normal; two or more of
     * {@code __GFP_DMA}, {@code __GFP_DMA32} and {@code __GFP_HIGHMEM} are an invalid combination,
     * for which {@code GFP_ZONE_TABLE} holds zone 0, DMA ({@code CONFIG_DEBUG_VM} kernels BUG).
     */
    public static ZoneKind highestZone(long mask) {
        return ZoneKind.values()[highestZoneOrdinal(mask)];
    }

    /** {@link #highestZone} as an ordinal, for the hot path. */
    static int highestZoneOrdinal(long mask) {
        if ((mask & DMA) != 0) {
            return 0;
        }
        if ((mask & DMA32) != 0) {
            return (mask & HIGHMEM) != 0 ? 0 : 1;
        }
        return 2;
    }

}
