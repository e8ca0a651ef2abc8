package labyrinth.reduce;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;

/**
 * The same machine scaled down to about {@code pages} pages: every zone's start, size, explicit
 * watermarks and lowmem reserves, and a given {@code minFreeKbytes}, shrink by the same factor
 * (rounded down, at least one page per zone), so zones keep their order and proportions; the other
 * kernel settings are kept. Stateless.
 */
final class SmallerMachine {
    private SmallerMachine() {
    }

    static Machine scaled(Machine m, long pages) {
        long total = m.totalPages();
        List<ZoneSpec> zones = new ArrayList<>();
        long end = 0;
        for (ZoneSpec z : m.zones()) {
            long start = Math.max(end, scale(z.startPfn(), pages, total));
            long size = Math.max(1, scale(z.pages(), pages, total));
            zones.add(new ZoneSpec(z.kind(), start, size, watermarks(z.watermarks(), pages, total),
                    reserves(z.lowmemReserve(), pages, total)));
            end = start + size;
        }
        // the kernel settings stay; a given min_free_kbytes shrinks with the memory it reserves from
        Machine smaller = m.withZones(zones);
        return m.minFreeKbytesGiven() ? smaller.withMinFreeKbytes(scale(m.minFreeKbytes(), pages, total)) : smaller;
    }

    private static long scale(long value, long pages, long total) {
        return value <= Long.MAX_VALUE / Math.max(1, pages) ? value * pages / total
                : (long) ((double) value * pages / total);
    }

    private static Watermarks watermarks(Watermarks w, long pages, long total) {
        return w == null ? null
                : new Watermarks(scale(w.min(), pages, total), scale(w.low(), pages, total),
                        scale(w.high(), pages, total));
    }

    private static Map<ZoneKind, Long> reserves(Map<ZoneKind, Long> r, long pages, long total) {
        Map<ZoneKind, Long> out = new EnumMap<>(ZoneKind.class);
        r.forEach((k, v) -> out.put(k, scale(v, pages, total)));
        return out;
    }
}
