package labyrinth.explain;

import java.util.List;
import labyrinth.core.ZoneKind;

/**
 * One zone of a failure report's Mem-Info, converted to pages. Values the report does not print
 * are 0 ({@code boost}, the reserves, {@code free_pcp}, {@code free_cma}) or -1 ({@code managed}
 * when neither {@code managed} nor {@code present} is printed). Immutable; arrays are copied.
 *
 * @param node the NUMA node ({@code Node N}), 0 when the line has no node
 * @param name as printed: {@code DMA}, {@code DMA32}, {@code Normal}, {@code HighMem}, {@code Movable}, ...
 * @param min the printed {@code min}, which includes {@code boost} on kernels that print one
 * @param freePcp pages on per-CPU lists: {@code free_pcp}, or the sum of the old {@code usd} counts
 * @param lowmemReserve the {@code lowmem_reserve[]} entries as printed (pages), or null
 * @param freeByOrder free blocks per order from the zone's buddy line, or null
 * @param typesByOrder the migrate-type letters printed after each count ({@code UMEH}, empty when
 *     none), or null
 * @param line the report line the zone was printed on
 */
public record PrintedZone(int node, String name, long free, long min, long low, long high, long boost,
                          long managed, long reservedHighatomic, long freeHighatomic, long freePcp, long freeCma,
                          long[] lowmemReserve, long[] freeByOrder, List<String> typesByOrder, long line) {
    public PrintedZone {
        lowmemReserve = lowmemReserve == null ? null : lowmemReserve.clone();
        freeByOrder = freeByOrder == null ? null : freeByOrder.clone();
        typesByOrder = typesByOrder == null ? null : List.copyOf(typesByOrder);
    }

    /** The model's zone of this name, or null for zones the model lacks (HighMem, Movable, Device). */
    public ZoneKind kind() {
        return ZoneKind.byLabel(name);
    }

    /** {@code Normal}, or {@code Node 1 Normal} on nodes other than 0. */
    public String label() {
        return node == 0 ? name : "Node " + node + " " + name;
    }

    /** Pages the buddy lists hold, or -1 without a buddy line. */
    public long buddyPages() {
        if (freeByOrder == null) {
            return -1;
        }
        long sum = 0;
        for (int k = 0; k < freeByOrder.length; k++) {
            sum += freeByOrder[k] << k;
        }
        return sum;
    }

    @Override
    public long[] lowmemReserve() {
        return lowmemReserve == null ? null : lowmemReserve.clone();
    }

    @Override
    public long[] freeByOrder() {
        return freeByOrder == null ? null : freeByOrder.clone();
    }
}
