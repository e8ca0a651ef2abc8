package labyrinth.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.ReplayObserver;
import labyrinth.replay.ReplayView;
import labyrinth.trace.Event;
import labyrinth.trace.Op;

/**
 * Counts over a replay for {@code labyrinth stats}: events per op, owner and site, allocations per
 * gfp mask and order, failed allocations per reason. Owners, sites and masks are counted in
 * {@link BoundedCounter}s, so memory stays bounded for any trace.
 *
 * <p>Events without an owner or site are counted under the empty string. Read after the replay.
 * Not thread-safe: one per trace.
 */
public final class TraceStats implements ReplayObserver {
    /** Distinct owners, sites and masks counted one by one. */
    public static final int MAX_KEYS = 10_000;

    private final EnumMap<Op, long[]> ops = new EnumMap<>(Op.class);
    private final BoundedCounter<String> owners = new BoundedCounter<>(MAX_KEYS);
    private final BoundedCounter<String> sites = new BoundedCounter<>(MAX_KEYS);
    private final BoundedCounter<Long> gfps = new BoundedCounter<>(MAX_KEYS);
    private long[] orders = new long[0];
    private final Map<String, Long> failuresByReason = new TreeMap<>();
    private long events;
    private ReplayView state;

    public TraceStats() {
        for (Op op : Op.values()) {
            ops.put(op, new long[1]);
        }
    }

    @Override
    public void onFinding(Finding finding) {
        if (finding.kind() == FindingKind.ALLOC_FAILURE) {
            failuresByReason.merge(finding.reason() == null ? "" : finding.reason().label(), 1L, Long::sum);
        }
    }

    @Override
    public void afterEvent(ReplayView state, Event event) {
        events++;
        this.state = state;
        ops.get(event.op())[0]++;
        String owner = event.common().owner();
        String site = event.common().site();
        owners.add(owner == null ? "" : owner);
        sites.add(site == null ? "" : site);
        if (event instanceof Event.Alloc a) {
            gfps.add(a.gfp());
            if (a.order() >= orders.length) {
                orders = java.util.Arrays.copyOf(orders, a.order() + 1);
            }
            orders[a.order()]++;
        }
    }

    /** Pages held at the end by each owner, most first (ties by name); empty when no event was applied. */
    public java.util.List<labyrinth.replay.Holding> heldByOwner() {
        return state == null ? java.util.List.of() : state.topOwners(Integer.MAX_VALUE);
    }

    /** Pages held at the end in blocks allocated without an owner. */
    public long heldUnowned() {
        if (state == null) {
            return 0;
        }
        long owned = 0;
        for (int id = 0; id < state.ownerCount(); id++) {
            owned += state.ownerPages(id);
        }
        return state.usedPages() - owned;
    }

    /** Events counted (those the replay applied). */
    public long events() {
        return events;
    }

    public long count(Op op) {
        return ops.get(op)[0];
    }

    /** Events per owner ({@code ""}: none named). */
    public BoundedCounter<String> owners() {
        return owners;
    }

    /** Events per site ({@code ""}: none named). */
    public BoundedCounter<String> sites() {
        return sites;
    }

    /** Allocations per gfp mask. */
    public BoundedCounter<Long> gfps() {
        return gfps;
    }

    /** Allocations of {@code order}. */
    public long allocsOfOrder(int order) {
        return order < orders.length ? orders[order] : 0;
    }

    /** One past the highest order allocated. */
    public int orderCount() {
        return orders.length;
    }

    /** Failed allocations per reason ({@code watermark}, {@code fragmentation}, ...), by name. */
    public Map<String, Long> failuresByReason() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(failuresByReason));
    }
}
