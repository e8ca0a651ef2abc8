package labyrinth.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import labyrinth.core.FailureReason;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.core.ZoneCheck;
import labyrinth.core.ZoneKind;

/**
 * Decides a failure report's request on the model at the state the report prints
 * (CLI.md, {@code explain}): each node's zones are laid out and decided by the allocator
 * ({@link NodeDecision}); the request fails when it fails on every node. A failure says what it
 * would have taken (the fewest pages short, or the block missing); a success lists what the model
 * leaves out that the report shows ({@link LeftOut}). A mask the model cannot read, or a report
 * without the numbers a decision needs, is not decided. Stateless and thread-safe.
 */
public final class Explainer {
    private Explainer() {
    }

    /**
     * @param maxPages the most pages a node's laid-out state may take ({@code --max-pages})
     * @throws labyrinth.core.MachineTooLargeException when a node's free pages need more
     */
    public static Explanation explain(FailureReport r, long maxPages) {
        List<String> notes = new ArrayList<>(LeftOut.readingNotes(r));
        List<String> missing = new ArrayList<>(r.problems());
        if (r.zones().isEmpty() && missing.isEmpty()) {
            missing.add("the report prints no zones (no Mem-Info)");
        }
        if (r.order() > Machine.MAX_MAX_ORDER) {
            missing.add("order " + r.order() + " is above the largest order the model takes (" + Machine.MAX_MAX_ORDER
                    + ")");
        }
        for (PrintedZone z : r.zones()) {
            if (!(0 <= z.min() && z.min() <= z.low() && z.low() <= z.high())) {
                missing.add(z.label() + " prints no usable watermarks (min " + z.min() + ", low " + z.low()
                        + ", high " + z.high() + ")");
            }
            if (z.freeByOrder() != null && z.freeByOrder().length > Machine.MAX_MAX_ORDER + 1) {
                missing.add(z.label() + " prints free blocks of " + z.freeByOrder().length + " orders, more than the"
                        + " model's " + (Machine.MAX_MAX_ORDER + 1));
            }
        }
        if (!missing.isEmpty()) {
            return undecided(r, Verdict.INCOMPLETE, String.join("; ", missing), notes);
        }
        if (!r.gfp().known()) {
            return undecided(r, Verdict.UNKNOWN_MASK, r.gfp().why(), notes);
        }
        List<String> columns = ReserveColumns.infer(r.zones());
        if (columns == null) {
            boolean printed = r.zones().stream().anyMatch(z -> z.lowmemReserve() != null);
            notes.add(printed ? "lowmem_reserve[] fits no known zone layout: every zone's reserve is taken as 0"
                    : "the report prints no lowmem_reserve[]: every zone's reserve is taken as 0");
        }
        List<NodeDecision> nodes = NodeDecision.decideAll(r, columns, false, maxPages);
        List<ZoneResult> zones = zoneResults(r, nodes);
        NodeDecision served = nodes.stream().filter(n -> n.servedBy() != null).findFirst().orElse(null);
        if (served != null) {
            notes.addAll(LeftOut.successNotes(r));
            String where = served.servedBy().label() + (served.node() == 0 ? "" : " of node " + served.node());
            return new Explanation(r, Verdict.SUCCEEDS, null, zones, -1,
                    "at the printed state the model would serve it from " + where, notes);
        }
        FailureReason reason = reason(nodes);
        long pagesShort = -1;
        String taken;
        if (reason == FailureReason.WATERMARK) {
            ZoneCheck least = leastShort(nodes);
            pagesShort = least.pagesShort();
            taken = pagesShort + (pagesShort == 1 ? " page" : " pages") + " short in " + label(nodes, least)
                    + ", which needs more than " + (least.floor() + least.lowmemReserve() + least.blockRest())
                    + " free";
        } else if (reason == FailureReason.FRAGMENTATION) {
            taken = fragmentation(nodes, r.order());
        } else {
            taken = noZone(r.gfp().mask());
        }
        notes.addAll(LeftOut.failureNotes(r, columns, maxPages));
        return new Explanation(r, Verdict.FAILS, reason, zones, pagesShort, taken, notes);
    }

    private static Explanation undecided(FailureReport r, Verdict v, String why, List<String> notes) {
        List<ZoneResult> zones = new ArrayList<>();
        for (PrintedZone z : r.zones()) {
            zones.add(new ZoneResult(z, null));
        }
        return new Explanation(r, v, null, zones, -1, why, notes);
    }

    /** The checked zones in the order tried, node by node, then every other printed zone. */
    private static List<ZoneResult> zoneResults(FailureReport r, List<NodeDecision> nodes) {
        List<ZoneResult> out = new ArrayList<>();
        List<PrintedZone> checked = new ArrayList<>();
        for (NodeDecision n : nodes) {
            for (ZoneCheck c : n.checks()) {
                PrintedZone z = n.printed(c);
                out.add(new ZoneResult(z, c));
                checked.add(z);
            }
        }
        for (PrintedZone z : r.zones()) {
            if (!checked.contains(z)) {
                out.add(new ZoneResult(z, null));
            }
        }
        return out;
    }

    private static FailureReason reason(List<NodeDecision> nodes) {
        boolean fragmentation = false;
        boolean anyZone = false;
        for (NodeDecision n : nodes) {
            FailureReason r = FailureReason.ofCode(n.result());
            fragmentation |= r == FailureReason.FRAGMENTATION;
            anyZone |= r != FailureReason.NO_ZONE;
        }
        return fragmentation ? FailureReason.FRAGMENTATION : anyZone ? FailureReason.WATERMARK : FailureReason.NO_ZONE;
    }

    private static ZoneCheck leastShort(List<NodeDecision> nodes) {
        ZoneCheck least = null;
        for (NodeDecision n : nodes) {
            for (ZoneCheck c : n.checks()) {
                if (!c.watermarkOk() && (least == null || c.pagesShort() < least.pagesShort())) {
                    least = c;
                }
            }
        }
        return least;
    }

    private static String label(List<NodeDecision> nodes, ZoneCheck c) {
        for (NodeDecision n : nodes) {
            if (n.checks().contains(c)) {
                return n.printed(c).label();
            }
        }
        return c.kind().label();
    }

    private static String fragmentation(List<NodeDecision> nodes, int order) {
        StringJoiner zones = new StringJoiner(", ");
        for (NodeDecision n : nodes) {
            for (ZoneCheck c : n.checks()) {
                if (c.watermarkOk() && !c.hasBlock()) {
                    zones.add(n.printed(c).label() + " (largest free order " + c.largestOrder() + ")");
                }
            }
        }
        return "no free block of order " + order + " or more in the zones that pass their watermarks: " + zones;
    }

    private static String noZone(long gfp) {
        ZoneKind highest = Gfp.highestZone(gfp);
        StringJoiner allowed = new StringJoiner(", ");
        for (int k = highest.ordinal(); k >= 0; k--) {
            allowed.add(ZoneKind.values()[k].label());
        }
        return "the request may use " + allowed + " and the report prints none of them";
    }
}
