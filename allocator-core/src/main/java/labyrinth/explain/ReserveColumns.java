package labyrinth.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Which zone each entry of a printed {@code lowmem_reserve[]} stands for. The kernel prints one
 * entry per zone it was built with ({@code MAX_NR_ZONES}: DMA, DMA32, Normal, HighMem, Movable,
 * Device, each only when configured) but prints zone lines only for populated zones, so the
 * columns must be inferred.
 *
 * <p>Candidates are the subsets of that order with as many zones as the arrays have entries, that
 * hold every printed zone and Normal and not both DMA32 (64-bit) and HighMem (32-bit). A
 * candidate is out when some zone's own entry or an entry before it is not 0 (Linux's
 * {@code lowmem_reserve[i][j]} is 0 for {@code j <= i}). The rest are scored on the lowest printed
 * zone's array, whose entries grow by {@code pages / ratio} at each populated zone above it: a
 * step at an unprinted (empty) zone, or none at a printed zone of at least 256 pages, costs one.
 * The lowest cost wins, then a candidate with Movable (every kernel since 2.6.23 has it), then the
 * first in order. Stateless.
 */
final class ReserveColumns {
    static final List<String> ZONE_ORDER = List.of("DMA", "DMA32", "Normal", "HighMem", "Movable", "Device");

    private ReserveColumns() {
    }

    /**
     * @return the zone names of the entries, or null when the zones print no arrays, the arrays
     *     differ in length, or no candidate fits
     */
    static List<String> infer(List<PrintedZone> zones) {
        int n = -1;
        List<String> printed = new ArrayList<>();
        for (PrintedZone z : zones) {
            if (!printed.contains(z.name())) {
                printed.add(z.name());
            }
            if (z.lowmemReserve() != null) {
                if (n >= 0 && n != z.lowmemReserve().length) {
                    return null;
                }
                n = z.lowmemReserve().length;
            }
        }
        if (n <= 0 || n > ZONE_ORDER.size() || !ZONE_ORDER.containsAll(printed)) {
            return null;
        }
        List<String> best = null;
        int bestCost = Integer.MAX_VALUE;
        for (int set = 0; set < 1 << ZONE_ORDER.size(); set++) {
            List<String> candidate = subset(set);
            if (candidate.size() != n || !candidate.containsAll(printed) || !candidate.contains("Normal")
                    || candidate.contains("DMA32") && candidate.contains("HighMem") || !fits(candidate, zones)) {
                continue;
            }
            int cost = 2 * cost(candidate, zones) + (candidate.contains("Movable") ? 0 : 1);
            if (cost < bestCost || cost == bestCost && earlier(candidate, best)) {
                best = candidate;
                bestCost = cost;
            }
        }
        return best;
    }

    private static List<String> subset(int set) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ZONE_ORDER.size(); i++) {
            if ((set & 1 << i) != 0) {
                names.add(ZONE_ORDER.get(i));
            }
        }
        return names;
    }

    private static boolean fits(List<String> columns, List<PrintedZone> zones) {
        for (PrintedZone z : zones) {
            long[] r = z.lowmemReserve();
            if (r == null) {
                continue;
            }
            for (int i = 0; i <= columns.indexOf(z.name()); i++) {
                if (r[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int cost(List<String> columns, List<PrintedZone> zones) {
        PrintedZone lowest = null;
        for (PrintedZone z : zones) {
            if (z.lowmemReserve() != null
                    && (lowest == null || columns.indexOf(z.name()) < columns.indexOf(lowest.name()))) {
                lowest = z;
            }
        }
        if (lowest == null) {
            return 0;
        }
        long[] r = lowest.lowmemReserve();
        int cost = 0;
        for (int p = columns.indexOf(lowest.name()) + 1; p < r.length; p++) {
            boolean step = r[p] > r[p - 1];
            PrintedZone at = largest(zones, columns.get(p));
            boolean expected = at != null && at.managed() >= 256;
            if (step != expected) {
                cost++;
            }
        }
        return cost;
    }

    /** The printed zone of that name with the most pages (several nodes may print one each). */
    private static PrintedZone largest(List<PrintedZone> zones, String name) {
        PrintedZone best = null;
        for (PrintedZone z : zones) {
            if (z.name().equals(name) && (best == null || z.managed() > best.managed())) {
                best = z;
            }
        }
        return best;
    }

    private static boolean earlier(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Integer.compare(ZONE_ORDER.indexOf(a.get(i)), ZONE_ORDER.indexOf(b.get(i)));
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }
}
