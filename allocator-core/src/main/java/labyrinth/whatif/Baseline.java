package labyrinth.whatif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import labyrinth.replay.BlockView;
import labyrinth.replay.Finding;
import labyrinth.replay.Holding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Mode;
import labyrinth.replay.ReplayObserver;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.ReplayView;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * The plain replay a what-if is compared with, and what the what-if needs from it: for the n-th
 * allocation of the trace, the block the replay gave it ({@code heads}, -1 for none), which is the
 * recorded block wherever the trace records one (after a divergence the replay follows the
 * recording) and the model's where it does not; and the blocks still held at its end (the trace never
 * frees them), grouped by owner and site, largest first.
 *
 * <p>Immutable once built.
 */
public final class Baseline {
    private final ReplayResult result;
    private final long[] heads;
    private final int[] orders;
    private final int[] groupOf;
    private final List<Holding> groups;
    private final Primary primary;

    /**
     * The failure a fix must remove: the reproduced panic's trigger, else the first warning or error
     * {@code alloc-failure}; {@code panic} says which.
     */
    public record Primary(long event, long line, boolean panic, String message) {
    }

    private Baseline(ReplayResult result, long[] heads, int[] orders, int[] groupOf, List<Holding> groups) {
        this.result = result;
        this.heads = heads;
        this.orders = orders;
        this.groupOf = groupOf;
        this.groups = List.copyOf(groups);
        this.primary = primaryOf(result);
    }

    /** Replays {@code source} in simulate mode, with the model deciding every allocation it can. */
    public static Baseline run(TraceSource source, Severity failOn, long maxPages, int maxFindings,
                               boolean allowTruncated) throws TraceException {
        LongList heads = new LongList();
        LongList numbers = new LongList();
        LongList orders = new LongList();
        ReplayView[] seen = new ReplayView[1];
        ReplayObserver observer = new ReplayObserver() {
            @Override
            public void onFinding(Finding finding) {
            }

            @Override
            public void afterEvent(ReplayView state, Event event) {
                seen[0] = state;
                if (event instanceof Event.Alloc a) {
                    heads.add(state.lastAllocated());
                    numbers.add(a.number());
                    orders.add(a.order());
                }
            }
        };
        ReplayResult result = Replays.run(source, Mode.SIMULATE, failOn, maxPages, maxFindings, allowTruncated,
                observer);
        long[] h = new long[heads.size()];
        int[] o = new int[heads.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = heads.get(i);
            o[i] = (int) orders.get(i);
        }
        int[] groupOf = new int[h.length];
        Arrays.fill(groupOf, -1);
        List<Holding> groups = seen[0] == null ? List.of() : seen[0].holders(Integer.MAX_VALUE);
        if (seen[0] != null) {
            for (BlockView b : seen[0].liveBlocks()) {
                int i = numbers.indexOf(b.allocEvent());
                if (i >= 0 && h[i] == b.head()) {
                    groupOf[i] = groupIndex(groups, b.owner(), b.site());
                }
            }
        }
        return new Baseline(result, h, o, groupOf, groups);
    }

    private static int groupIndex(List<Holding> groups, String owner, String site) {
        for (int g = 0; g < groups.size(); g++) {
            if (java.util.Objects.equals(groups.get(g).owner(), owner)
                    && java.util.Objects.equals(groups.get(g).site(), site)) {
                return g;
            }
        }
        return -1;
    }

    private static Primary primaryOf(ReplayResult r) {
        if (r.panic() != null && r.panic().reproduced() && r.panic().trigger() >= 0) {
            Finding t = r.panic().triggerFinding();
            return new Primary(r.panic().trigger(), t == null ? 0 : t.line(), true,
                    "panic \"" + r.panic().message() + "\" (trigger: event " + r.panic().trigger() + ")");
        }
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.ALLOC_FAILURE && f.severity().atLeast(Severity.WARNING)) {
                return new Primary(f.event(), f.line(), false, f.message());
            }
        }
        return null;
    }

    public ReplayResult result() {
        return result;
    }

    /** Allocations the replay saw (applied), in trace order. */
    int allocations() {
        return heads.length;
    }

    /** The block the replay gave allocation {@code i}, or -1 (it failed, or was never applied). */
    long head(int i) {
        return i < heads.length ? heads[i] : -1;
    }

    int order(int i) {
        return orders[i];
    }

    /** The leak group of allocation {@code i} when its block was never freed, else -1. */
    int groupOf(int i) {
        return i < groupOf.length ? groupOf[i] : -1;
    }

    /** Blocks never freed, by owner and site, most pages first. */
    public List<Holding> leakGroups() {
        return groups;
    }

    /** The failure a fix must remove, or null when the replay has none. */
    public Primary primary() {
        return primary;
    }

    /** Events whose warning-or-error {@code alloc-failure} the replay shows, ascending. */
    List<Finding> failures() {
        List<Finding> list = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.kind() == FindingKind.ALLOC_FAILURE) {
                list.add(f);
            }
        }
        return list;
    }
}
