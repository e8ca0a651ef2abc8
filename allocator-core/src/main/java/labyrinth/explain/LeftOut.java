package labyrinth.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import labyrinth.core.Gfp;

/**
 * The notes of an explanation: how the report was read, and what the model leaves out
 * (ALLOCATOR-MODEL.md, "What the model leaves out") that the report itself shows, each said only
 * when the report shows it. Stateless.
 */
final class LeftOut {
    private LeftOut() {
    }

    /** Said whatever the verdict: the version, names the model ignores, zones it lacks. */
    static List<String> readingNotes(FailureReport r) {
        List<String> notes = new ArrayList<>();
        if (r.kernel() == null && r.gfp().known()) {
            notes.add("the log names no kernel version: the flag names are read as Linux 6.12 means them");
        }
        if (!r.gfp().ignored().isEmpty()) {
            notes.add("not in the model, no effect on the decision: " + String.join(", ", r.gfp().ignored()));
        }
        TreeSet<String> lacking = new TreeSet<>();
        for (PrintedZone z : r.zones()) {
            if (z.kind() == null) {
                lacking.add(z.name());
            }
        }
        if (!lacking.isEmpty()) {
            notes.add("zones the model lacks are shown but not checked: " + String.join(", ", lacking)
                    + (lacking.contains("HighMem") ? " (a __GFP_HIGHMEM request could also use HighMem)" : ""));
        }
        return notes;
    }

    /** What can make a request the model serves fail in the kernel, as far as the report shows it. */
    static List<String> successNotes(FailureReport r) {
        long gfp = r.gfp().mask();
        List<String> notes = new ArrayList<>();
        notes.add("the report prints the state after the kernel's last attempt and the reclaim before it:"
                + " pages freed since the failing check are counted here");
        if ((gfp & Gfp.NORETRY) != 0) {
            notes.add("__GFP_NORETRY: the kernel gave up after one round of reclaim and compaction");
        }
        for (PrintedZone z : r.zones()) {
            if (z.reservedHighatomic() > 0) {
                notes.add(z.label() + " keeps " + z.reservedHighatomic() + " pages as a high-atomic reserve"
                        + " (reserved_highatomic" + (z.freeHighatomic() > 0 ? ", " + z.freeHighatomic()
                        + " of them free" : "") + "), which Linux does not count as free for requests without"
                        + " reserves");
            }
            if (allHighatomic(z)) {
                notes.add("every free block of " + z.label() + " is in the high-atomic reserve (H), which only"
                        + " high-order atomic requests may take (kernels before 6.3 never give it to order 0)");
            }
            if (z.freeCma() > 0 && (gfp & Gfp.MOVABLE) == 0) {
                notes.add(z.freeCma() + " of " + z.label() + "'s free pages are CMA (free_cma), which only"
                        + " movable requests may use");
            }
            if (z.freePcp() > 0) {
                notes.add(z.freePcp() + " pages of " + z.label() + " sat on per-CPU lists (free_pcp): outside"
                        + " its free count, and a CPU takes only from its own list");
            }
            if (z.boost() > 0) {
                notes.add(z.label() + "'s printed watermarks include a boost of " + z.boost() + " pages");
            }
        }
        notes.addAll(placement(r));
        return notes;
    }

    /**
     * For a failure: the watermark boost when the request would pass without it (Linux raises a
     * zone's marks after fragmenting events until kswapd has reclaimed; the printed min includes it).
     */
    static List<String> failureNotes(FailureReport r, List<String> columns, long maxPages) {
        List<String> notes = new ArrayList<>();
        if (r.zones().stream().noneMatch(z -> z.kind() != null && z.boost() > 0)) {
            return notes;
        }
        for (NodeDecision n : NodeDecision.decideAll(r, columns, true, maxPages)) {
            if (n.servedBy() != null) {
                List<String> boosts = new ArrayList<>();
                for (PrintedZone z : n.zones()) {
                    if (z.boost() > 0) {
                        boosts.add(z.label() + " " + z.boost() + " pages");
                    }
                }
                notes.add("the printed min includes a watermark boost (" + String.join(", ", boosts)
                        + "); without it the model would serve the request from " + n.servedBy().label()
                        + (n.node() == 0 ? "" : " of node " + n.node()));
                break;
            }
        }
        return notes;
    }

    private static boolean allHighatomic(PrintedZone z) {
        if (z.typesByOrder() == null || z.buddyPages() <= 0) {
            return false;
        }
        long[] blocks = z.freeByOrder();
        for (int k = 0; k < blocks.length; k++) {
            if (blocks[k] > 0 && (k >= z.typesByOrder().size() || !z.typesByOrder().get(k).equals("H"))) {
                return false;
            }
        }
        return true;
    }

    /** A nodemask, a cpuset other than the root, or nodes outside mems_allowed. */
    private static List<String> placement(FailureReport r) {
        List<String> notes = new ArrayList<>();
        if (r.nodemask() != null && !r.nodemask().equals("(null)")) {
            notes.add("the request was limited to the nodes of nodemask=" + r.nodemask());
        }
        if (r.cpuset() != null && !r.cpuset().equals("/")) {
            notes.add("the task ran in cpuset " + r.cpuset() + (r.memsAllowed() == null ? ""
                    : " (mems_allowed=" + r.memsAllowed() + ")") + ", which may keep it off some nodes");
        } else if (r.memsAllowed() != null) {
            TreeSet<Integer> outside = new TreeSet<>();
            for (PrintedZone z : r.zones()) {
                if (!NodeList.contains(r.memsAllowed(), z.node())) {
                    outside.add(z.node());
                }
            }
            if (!outside.isEmpty()) {
                notes.add((outside.size() == 1 ? "node " : "nodes ") + String.join(", ",
                        outside.stream().map(String::valueOf).toList()) + " outside mems_allowed="
                        + r.memsAllowed());
            }
        }
        return notes;
    }
}
