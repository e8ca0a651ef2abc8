package labyrinth.stats;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.replay.Finding;
import labyrinth.replay.Holding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.ReplayObserver;
import labyrinth.replay.Severity;
import labyrinth.replay.ReplayView;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;

/**
 * Records how memory evolves over a replay, in bounded space, for the HTML report and
 * {@code stats}: after each event it samples pages in use, free pages in all zones and per zone,
 * free blocks per zone and order, free pages in blocks of at least each order (what decides an
 * order-k request), the event's timestamp, and pages held by each of the first {@link #MAX_OWNERS}
 * owners into shared {@link MinMaxBuckets}. Owners beyond that cap are not tracked one by one; their pages
 * show as the difference between pages in use and the tracked owners' pages.
 *
 * <p>It counts every finding by kind as the replay makes it (none left out by {@code --max-findings}),
 * as a running total per kind ({@link #findingSeries}), so a chart can say how many fell in each
 * bucket; findings made after the last event (leaks) are counted in {@link #findingsAfterEvents}.
 *
 * <p>At the first failed allocation it also keeps who held the memory, by owner and site
 * ({@link #holdersAt}), for the report's exhaustion snapshot (a panic's verdict has its own); only
 * the first, since grouping every live block at each of thousands of failures would cost more than
 * the replay.
 *
 * <p>The machine's fixed facts (zones, their sizes, watermarks and atomic floors) are taken at
 * the first event. Read the accessors after the replay. Not thread-safe: one per trace.
 */
public final class MemorySeries implements ReplayObserver {
    /** Buckets per series: two extremes each, so at most 2 000 points per line. */
    public static final int DEFAULT_BUCKETS = 1000;
    /** Owners tracked one by one (the order they first appear in). */
    public static final int MAX_OWNERS = 64;

    /** Owner and site groups kept per failure snapshot. */
    public static final int HOLDERS = 12;

    private static final int USED = 0;
    private static final int TOTAL_FREE = 1;
    private static final int TIME = 2;

    private final MinMaxBuckets buckets;
    private int zones = -1;
    private int maxOrder;
    private ZoneKind[] kinds;
    private long[] zonePages;
    private Watermarks[] watermarks;
    private long[] atomicFloors;
    private int[] freeSeries;
    private int[][] orderSeries;
    private int[][] atLeastSeries;
    private boolean timed = true;
    private long lastTime = 0;
    private boolean failed;
    private final int[] kindSeries = new int[FindingKind.values().length];
    private final long[] kindCounts = new long[FindingKind.values().length];
    private final long[] kindCountsSampled = new long[FindingKind.values().length];
    private final Severity[] kindSeverity = new Severity[FindingKind.values().length];
    private long firstFailure = -1;
    private List<Holding> firstHolders = List.of();
    private final List<String> ownerNames = new ArrayList<>();
    private final List<Integer> ownerSeries = new ArrayList<>();
    private int ownersSeen;
    private long[] values = new long[0];

    public MemorySeries() {
        this(DEFAULT_BUCKETS);
    }

    public MemorySeries(int capacity) {
        buckets = new MinMaxBuckets(capacity);
        buckets.addSeries();
        buckets.addSeries();
        buckets.addSeries();
        java.util.Arrays.fill(kindSeries, -1);
    }

    @Override
    public void onFinding(Finding finding) {
        failed |= finding.kind() == FindingKind.ALLOC_FAILURE;
        int k = finding.kind().ordinal();
        if (kindSeries[k] < 0) {
            kindSeries[k] = buckets.addSeries();
        }
        kindCounts[k]++;
        if (kindSeverity[k] == null || finding.severity().compareTo(kindSeverity[k]) > 0) {
            kindSeverity[k] = finding.severity();
        }
    }

    @Override
    public void afterEvent(ReplayView state, Event event) {
        Allocator a = state.allocator();
        if (zones < 0) {
            start(a);
        }
        int owners = state.ownerCount();
        ownersSeen = owners;
        while (ownerNames.size() < Math.min(owners, MAX_OWNERS)) {
            ownerNames.add(state.ownerName(ownerNames.size()));
            ownerSeries.add(buckets.addSeries());
        }
        if (values.length < buckets.seriesCount()) {
            values = new long[buckets.seriesCount()];
        }
        values[USED] = state.usedPages();
        long free = 0;
        for (int z = 0; z < zones; z++) {
            long f = a.freePages(z);
            free += f;
            values[freeSeries[z]] = f;
            long atLeast = 0;
            for (int k = maxOrder; k >= 0; k--) {
                long blocks = a.freeBlocks(z, k);
                values[orderSeries[z][k]] = blocks;
                atLeast += blocks << k;
                values[atLeastSeries[z][k]] = atLeast;
            }
        }
        values[TOTAL_FREE] = free;
        long t = event.common().time();
        if (t == CommonFields.NO_TIME) {
            timed = false;
        } else {
            lastTime = t;
        }
        values[TIME] = lastTime;
        for (int k = 0; k < kindSeries.length; k++) {
            if (kindSeries[k] >= 0) {
                values[kindSeries[k]] = kindCounts[k];
                kindCountsSampled[k] = kindCounts[k];
            }
        }
        for (int i = 0; i < ownerSeries.size(); i++) {
            values[ownerSeries.get(i)] = state.ownerPages(i);
        }
        buckets.sample(event.number(), values);
        if (failed && firstFailure < 0) {
            firstFailure = event.number();
            firstHolders = state.holders(HOLDERS);
        }
        failed = false;
    }

    private void start(Allocator a) {
        zones = a.zoneCount();
        maxOrder = a.machine().maxOrder();
        kinds = new ZoneKind[zones];
        zonePages = new long[zones];
        watermarks = new Watermarks[zones];
        atomicFloors = new long[zones];
        freeSeries = new int[zones];
        orderSeries = new int[zones][maxOrder + 1];
        atLeastSeries = new int[zones][maxOrder + 1];
        for (int z = 0; z < zones; z++) {
            kinds[z] = a.zoneKind(z);
            zonePages[z] = a.machine().zones().get(z).pages();
            watermarks[z] = a.watermarks(z);
            atomicFloors[z] = a.atomicFloor(z);
            freeSeries[z] = buckets.addSeries();
        }
        for (int z = 0; z < zones; z++) {
            for (int k = 0; k <= maxOrder; k++) {
                orderSeries[z][k] = buckets.addSeries();
                atLeastSeries[z][k] = buckets.addSeries();
            }
        }
    }

    /** The samples; series indexes come from the accessors below. */
    public MinMaxBuckets buckets() {
        return buckets;
    }

    /** Whether any event was recorded (an empty trace records none, and has no zone facts). */
    public boolean isEmpty() {
        return buckets.samples() == 0;
    }

    public int zoneCount() {
        return Math.max(zones, 0);
    }

    public int maxOrder() {
        return maxOrder;
    }

    public ZoneKind zoneKind(int z) {
        return kinds[z];
    }

    public long zonePages(int z) {
        return zonePages[z];
    }

    public Watermarks watermarks(int z) {
        return watermarks[z];
    }

    /** The free level below which even {@code GFP_ATOMIC} fails in {@code z}. */
    public long atomicFloor(int z) {
        return atomicFloors[z];
    }

    /** Series of pages in live blocks. */
    public int usedSeries() {
        return USED;
    }

    /** Series of free pages in all zones together. */
    public int totalFreeSeries() {
        return TOTAL_FREE;
    }

    public int freeSeries(int z) {
        return freeSeries[z];
    }

    /** Series of free blocks of exactly {@code order} in zone {@code z}. */
    public int orderSeries(int z, int order) {
        return orderSeries[z][order];
    }

    /** Series of free pages in {@code z} in blocks of {@code order} or more: what an order-k request can use. */
    public int atLeastSeries(int z, int order) {
        return atLeastSeries[z][order];
    }

    /** Whether every event carried a timestamp, so {@link #timeSeries} is a clock. */
    public boolean timed() {
        return timed && !isEmpty();
    }

    /** Series of the events' timestamps (ns); meaningful only when {@link #timed}. */
    public int timeSeries() {
        return TIME;
    }

    /**
     * Who held the memory, by owner and site (most pages first, at most {@link #HOLDERS}), right after
     * failed allocation {@code event} when that was the first failure; else null.
     */
    public List<Holding> holdersAt(long event) {
        return event == firstFailure ? firstHolders : null;
    }

    /**
     * The running total of findings of {@code kind} after each event (its bucket's {@code max} less
     * the previous bucket's is how many fell in it), or -1 when the replay made none.
     */
    public int findingSeries(FindingKind kind) {
        return kindSeries[kind.ordinal()];
    }

    /** Findings of {@code kind} made after the last event (leaks, found at the end). */
    public long findingsAfterEvents(FindingKind kind) {
        return kindCounts[kind.ordinal()] - kindCountsSampled[kind.ordinal()];
    }

    /** Findings of {@code kind} the replay made, none left out. */
    public long findings(FindingKind kind) {
        return kindCounts[kind.ordinal()];
    }

    /** The worst severity among the findings of {@code kind}, or null when there were none. */
    public Severity severity(FindingKind kind) {
        return kindSeverity[kind.ordinal()];
    }

    /** Owners tracked one by one, in the order they first appeared (a name is never null). */
    public List<String> ownerNames() {
        return List.copyOf(ownerNames);
    }

    /** The series of pages held by tracked owner {@code i} (an index into {@link #ownerNames}). */
    public int ownerSeries(int i) {
        return ownerSeries.get(i);
    }

    /** Owners seen in the trace but not tracked one by one (beyond {@link #MAX_OWNERS}). */
    public int untrackedOwners() {
        return Math.max(0, ownersSeen - ownerNames.size());
    }
}
