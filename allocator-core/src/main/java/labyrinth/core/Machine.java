package labyrinth.core;

import java.util.List;

/**
 * The memory a trace allocates from: page size, largest buddy order, the zones (ascending,
 * not overlapping) and the direct-map base used to turn addresses into pfns. Immutable.
 */
public record Machine(int pageSize, int maxOrder, List<ZoneSpec> zones, long directMapBase) {
    public static final int DEFAULT_PAGE_SIZE = 4096;
    public static final int DEFAULT_MAX_ORDER = 10;
    public static final int MAX_MAX_ORDER = 20;
    public static final long DEFAULT_DIRECT_MAP_BASE = 0xffff888000000000L;

    public Machine {
        if (Integer.bitCount(pageSize) != 1 || pageSize < 512 || pageSize > 65536) {
            throw new IllegalArgumentException("pageSize must be a power of two from 512 to 65536, found " + pageSize);
        }
        if (maxOrder < 0 || maxOrder > MAX_MAX_ORDER) {
            throw new IllegalArgumentException("maxOrder must be from 0 to " + MAX_MAX_ORDER + ", found " + maxOrder);
        }
        zones = List.copyOf(zones);
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a machine needs at least one zone");
        }
        for (int i = 1; i < zones.size(); i++) {
            ZoneSpec a = zones.get(i - 1);
            ZoneSpec b = zones.get(i);
            if (b.startPfn() < a.endPfn() || b.kind().ordinal() <= a.kind().ordinal()) {
                throw new IllegalArgumentException("zones must ascend in startPfn and kind without overlapping: "
                        + a.kind().label() + " then " + b.kind().label());
            }
        }
    }

    /** One Normal zone of {@code pages} pages from pfn 0, with default everything else. */
    public static Machine ofPages(long pages) {
        return new Machine(DEFAULT_PAGE_SIZE, DEFAULT_MAX_ORDER,
                List.of(new ZoneSpec(ZoneKind.NORMAL, 0, pages)), DEFAULT_DIRECT_MAP_BASE);
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
