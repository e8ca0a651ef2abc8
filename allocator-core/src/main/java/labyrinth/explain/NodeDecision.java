package labyrinth.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.core.Allocator;
import labyrinth.core.PrintedState;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneCheck;
import labyrinth.core.ZoneChecks;
import labyrinth.core.ZoneKind;

/**
 * The model's decision of one request on one NUMA node at the state a report prints: the node's
 * zones of the model laid out by {@link PrintedState}, checked by {@link ZoneChecks} and decided
 * by {@link Allocator#allocate}. Immutable.
 *
 * @param zones the node's zones of the model, ascending
 * @param checks one per zone the request may use, in fallback order
 * @param result the allocator's result: a pfn, or a negative failure code
 * @param servedBy the zone that served it, or null when it failed
 */
record NodeDecision(int node, List<PrintedZone> zones, List<ZoneCheck> checks, long result, ZoneKind servedBy) {

    /**
     * Decides on every node that prints zones of the model, in node order.
     *
     * @param columns the zone of each {@code lowmem_reserve[]} entry ({@link ReserveColumns}), or null
     * @param unboosted whether to take each zone's watermark boost out of its printed watermarks
     */
    static List<NodeDecision> decideAll(FailureReport r, List<String> columns, boolean unboosted, long maxPages) {
        Map<Integer, List<PrintedZone>> byNode = new TreeMap<>();
        for (PrintedZone z : r.zones()) {
            if (z.kind() != null) {
                List<PrintedZone> zs = byNode.computeIfAbsent(z.node(), n -> new ArrayList<>());
                if (zs.stream().noneMatch(o -> o.name().equals(z.name()))) {
                    zs.add(z);
                }
            }
        }
        List<NodeDecision> out = new ArrayList<>();
        for (Map.Entry<Integer, List<PrintedZone>> e : byNode.entrySet()) {
            List<PrintedZone> zs = e.getValue();
            zs.sort((a, b) -> a.kind().compareTo(b.kind()));
            out.add(decide(e.getKey(), zs, r, columns, unboosted, maxPages));
        }
        return out;
    }

    private static NodeDecision decide(int node, List<PrintedZone> zs, FailureReport r, List<String> columns,
                                       boolean unboosted, long maxPages) {
        List<PrintedState.Zone> state = new ArrayList<>(zs.size());
        int maxOrder = Math.max(10, r.order());
        for (PrintedZone z : zs) {
            long boost = unboosted ? Math.min(z.boost(), z.min()) : 0;
            Map<ZoneKind, Long> reserve = new java.util.EnumMap<>(ZoneKind.class);
            for (ZoneKind higher : ZoneKind.values()) {
                if (higher.ordinal() > z.kind().ordinal()) {
                    reserve.put(higher, reserve(z, columns, higher));
                }
            }
            state.add(new PrintedState.Zone(z.kind(), z.free(),
                    new Watermarks(z.min() - boost, z.low() - boost, z.high() - boost), reserve, z.freeByOrder()));
            if (z.freeByOrder() != null) {
                maxOrder = Math.max(maxOrder, z.freeByOrder().length - 1);
            }
        }
        Allocator a = PrintedState.allocator(state, r.pageSize(), maxOrder, maxPages);
        long gfp = r.gfp().mask();
        List<ZoneCheck> checks = ZoneChecks.of(a, r.order(), gfp);
        long result = a.allocate(r.order(), gfp);
        return new NodeDecision(node, List.copyOf(zs), checks, result, result >= 0 ? a.zoneKind(a.lastZone()) : null);
    }

    /**
     * The entry of the zone's printed reserves for requests whose highest zone is {@code higher}:
     * 0 without an array or a column layout. A kernel built without that zone maps such requests
     * to the next zone up (no DMA32: Normal), so that column serves.
     */
    static long reserve(PrintedZone z, List<String> columns, ZoneKind higher) {
        long[] r = z.lowmemReserve();
        if (r == null || columns == null) {
            return 0;
        }
        for (int k = higher.ordinal(); k < ZoneKind.values().length; k++) {
            int i = columns.indexOf(ZoneKind.values()[k].label());
            if (i >= 0) {
                return r[i];
            }
        }
        return 0;
    }

    /** The printed zone of this node behind a check. */
    PrintedZone printed(ZoneCheck c) {
        for (PrintedZone z : zones) {
            if (z.kind() == c.kind()) {
                return z;
            }
        }
        throw new IllegalStateException("no printed zone for " + c.kind());
    }
}
