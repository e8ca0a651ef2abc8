package labyrinth.core;

import java.util.List;
import java.util.Objects;

/**
 * The memory a trace allocates from: page size, largest buddy order, the zones (ascending, not
 * overlapping), the direct-map base used to turn addresses into pfns, and the settings of the
 * recording kernel that TRACE-FORMAT.md's {@code machine} carries: {@code minFreeKbytes}
 * ({@link #COMPUTED} when not given), {@code watermarkScaleFactor}, {@code transparentHugepages}
 * (these three decide the default watermarks, ALLOCATOR-MODEL.md) and {@code kernel} (GFP names
 * only, never a decision). Immutable; no component is null.
 */
public record Machine(int pageSize, int maxOrder, List<ZoneSpec> zones, long directMapBase, long minFreeKbytes,
                      int watermarkScaleFactor, boolean transparentHugepages, KernelVersion kernel) {
    public static final int DEFAULT_PAGE_SIZE = 4096;
    public static final int DEFAULT_MAX_ORDER = 10;
    public static final int MAX_MAX_ORDER = 20;
    public static final long DEFAULT_DIRECT_MAP_BASE = 0xffff888000000000L;
    /** {@link #minFreeKbytes()} when the trace gives none: computed as Linux does at boot. */
    public static final long COMPUTED = -1;
    public static final int DEFAULT_WATERMARK_SCALE_FACTOR = 10;
    /** Linux's range of {@code vm.watermark_scale_factor}. */
    public static final int MAX_WATERMARK_SCALE_FACTOR = 3000;

    public Machine {
        if (Integer.bitCount(pageSize) != 1 || pageSize < 512 || pageSize > 65536) {
            throw new IllegalArgumentException("pageSize must be a power of two from 512 to 65536, found " + pageSize);
        }
        if (maxOrder < 0 || maxOrder > MAX_MAX_ORDER) {
            throw new IllegalArgumentException("maxOrder must be from 0 to " + MAX_MAX_ORDER + ", found " + maxOrder);
        }
        if (minFreeKbytes < COMPUTED) {
            throw new IllegalArgumentException("minFreeKbytes must be >= 0, found " + minFreeKbytes);
        }
        if (watermarkScaleFactor < 1 || watermarkScaleFactor > MAX_WATERMARK_SCALE_FACTOR) {
            throw new IllegalArgumentException("watermarkScaleFactor must be from 1 to " + MAX_WATERMARK_SCALE_FACTOR
                    + ", found " + watermarkScaleFactor);
        }
        Objects.requireNonNull(kernel, "kernel");
        zones = List.copyOf(zones);
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a machine needs at least one zone");
        }
        for (int i = 1; i < zones.size(); i++) {
            ZoneSpec a = zones.get(i - 1);
            ZoneSpec b = zones.get(i);
            if (!ZoneOrder.follows(a, b)) {
                throw new IllegalArgumentException("zones must ascend in startPfn and kind without overlapping: "
                        + a.kind().label() + " then " + b.kind().label());
            }
        }
    }

    /** A machine whose kernel settings are the defaults: watermarks computed, THP on, the names of 6.12. */
    public Machine(int pageSize, int maxOrder, List<ZoneSpec> zones, long directMapBase) {
        this(pageSize, maxOrder, zones, directMapBase, COMPUTED, DEFAULT_WATERMARK_SCALE_FACTOR, true,
                KernelVersion.DEFAULT);
    }

    /** One Normal zone of {@code pages} pages from pfn 0, with default everything else. */
    public static Machine ofPages(long pages) {
        return new Machine(DEFAULT_PAGE_SIZE, DEFAULT_MAX_ORDER,
                List.of(new ZoneSpec(ZoneKind.NORMAL, 0, pages)), DEFAULT_DIRECT_MAP_BASE);
    }

    /** The same machine with other zones (settings kept). */
    public Machine withZones(List<ZoneSpec> newZones) {
        return new Machine(pageSize, maxOrder, newZones, directMapBase, minFreeKbytes, watermarkScaleFactor,
                transparentHugepages, kernel);
    }

    /** The same machine with {@code vm.min_free_kbytes} given ({@link #COMPUTED}: computed). */
    public Machine withMinFreeKbytes(long kbytes) {
        return new Machine(pageSize, maxOrder, zones, directMapBase, kbytes, watermarkScaleFactor,
                transparentHugepages, kernel);
    }

    /** The same machine with {@code vm.watermark_scale_factor} set. */
    public Machine withWatermarkScaleFactor(int factor) {
        return new Machine(pageSize, maxOrder, zones, directMapBase, minFreeKbytes, factor, transparentHugepages,
                kernel);
    }

    /** The same machine with transparent hugepages on or off. */
    public Machine withTransparentHugepages(boolean on) {
        return new Machine(pageSize, maxOrder, zones, directMapBase, minFreeKbytes, watermarkScaleFactor, on, kernel);
    }

    /** The same machine recorded by another kernel (GFP names only). */
    public Machine withKernel(KernelVersion version) {
        return new Machine(pageSize, maxOrder, zones, directMapBase, minFreeKbytes, watermarkScaleFactor,
                transparentHugepages, version);
    }

    /** The GFP names of the recording kernel, for parsing and printing this trace's masks. */
    public GfpNames gfpNames() {
        return kernel.gfpNames();
    }

    /**
     * The {@code min_free_kbytes} the default watermarks come from: {@link #minFreeKbytes()} when
     * given, else Linux's boot value, raised by khugepaged where transparent hugepages apply
     * (ALLOCATOR-MODEL.md, "Watermarks").
     */
    public long minFreeKbytesInEffect() {
        return WatermarkMath.minFreeKbytes(this);
    }

    /** Linux's boot {@code min_free_kbytes} for this machine, before khugepaged raises it. */
    public long bootMinFreeKbytes() {
        return WatermarkMath.bootMinFreeKbytes(totalPages(), pageSize);
    }

    /** Whether {@code minFreeKbytes} was given (else it is computed from the zones). */
    public boolean minFreeKbytesGiven() {
        return minFreeKbytes != COMPUTED;
    }

    /** Pages of all zones together. */
    public long totalPages() {
        long n = 0;
        for (ZoneSpec z : zones) {
            n += z.pages();
        }
        return n;
    }

    /** First pfn after the highest zone. */
    public long endPfn() {
        return zones.get(zones.size() - 1).endPfn();
    }

    /** @return the pfn of a direct-map address, or -1 when it lies below the base */
    public long pfnOf(long addr) {
        long off = addr - directMapBase;
        if (Long.compareUnsigned(addr, directMapBase) < 0) {
            return -1;
        }
        return Long.divideUnsigned(off, pageSize);
    }
}
