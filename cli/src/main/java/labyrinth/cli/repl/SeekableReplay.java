package labyrinth.cli.repl;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingListener;
import labyrinth.replay.Mode;
import labyrinth.replay.Outcome;
import labyrinth.replay.ReplayFailure;
import labyrinth.replay.ReplayLoop;
import labyrinth.replay.ReplayView;
import labyrinth.replay.Replayer;
import labyrinth.replay.Severity;
import labyrinth.trace.Header;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * A trace the REPL can stand anywhere in. Positions count applied events: 0 is before the first,
 * {@code size()} after the last. One first pass ({@link FirstPass}) replays the whole trace, writing
 * the events to an {@link EventStore} and keeping findings and {@link Replayer#copy checkpoints}; {@link #seek}
 * then restores the nearest checkpoint at or before the target (unless the current state is
 * nearer) and replays forward from the store, so a state reached backwards is the very state
 * reached forwards.
 *
 * <p>Checkpoints are as many as the heap budget allows (each costs about the ledger and allocator
 * arrays, 88 bytes a page; the budget is 60% of the maximum heap), but by default at
 * most {@value #MAX_CHECKPOINTS}, and spread evenly: the first pass takes one every {@code spacing}
 * events; when there are too many it drops the one whose neighbours are closest and widens the
 * spacing to the average gap, so a seek replays about {@code size / count} events at most.
 *
 * <p>Why at most {@value #MAX_CHECKPOINTS}, from {@value #DEFAULT_SPACING} events apart: every
 * checkpoint taken is a copy of the whole state (23 MB for a 1 GiB machine), and the ones dropped
 * later were copied for nothing. With the heap's budget alone, a first pass over 10 million events
 * in a 6 GB heap took ~800 copies and spent 40% of its CPU in the garbage collector
 * (docs/performance.md); {@value #MAX_CHECKPOINTS} evenly spread checkpoints already keep a seek
 * on such a trace to replaying about 300 000 events, well inside the 200 ms a goto may take.
 *
 * <p>Not thread-safe: one per session; {@link #cancel} may be called from another thread.
 */
final class SeekableReplay implements Closeable {
    /**
     * @param checkpointBudget heap bytes the checkpoints may take (0: a share of the maximum heap)
     * @param initialSpacing events between checkpoints before any doubling
     * @param maxCheckpoints most checkpoints kept, whatever the budget allows (at least 4)
     * @param maxFindings findings kept for views (the rest only show in the records' kind masks)
     */
    record Options(Mode mode, long maxPages, long checkpointBudget, int initialSpacing, int maxCheckpoints,
                   int maxFindings) {
        static Options defaults(Mode mode, long maxPages) {
            return new Options(mode, maxPages, 0, DEFAULT_SPACING, MAX_CHECKPOINTS, 100_000);
        }
    }

    static final int MAX_CHECKPOINTS = 32;
    static final int DEFAULT_SPACING = 65_536;

    /** A mark event: its label and the position just after it. */
    record MarkAt(String label, long position, long event) {
    }

    static final FindingListener IGNORE = f -> { };
    /**
     * Bytes per page a checkpoint costs: the ledger's 72 (a long and a record of 8 longs) plus the
     * allocator's bitmaps and free lists, which came to about 31 when the ledger's share was 54 (85
     * measured on a 262144-page machine: live heap after a full GC over checkpoint count).
     */
    private static final long BYTES_PER_PAGE = 106;

    private final String name;
    private final Header header;
    private final Mode mode;
    private final EventStore store;
    private final List<Replayer> checkpoints;
    private final long[] checkpointPositions;
    private final List<Finding> findings;
    private final long[] findingPositions;
    private final long droppedFindings;
    private final List<MarkAt> marks;
    private final boolean ascending;
    private final TraceSource.Truncation truncation;
    private final Outcome outcome;
    private Replayer current;
    private long position;
    private volatile boolean cancelled;

    private SeekableReplay(String name, Header header, Mode mode, EventStore store, FirstPass pass,
                           TraceSource.Truncation truncation, Outcome outcome) {
        this.name = name;
        this.header = header;
        this.mode = mode;
        this.store = store;
        this.checkpoints = pass.checkpoints();
        this.checkpointPositions = pass.checkpointPositions();
        this.findings = pass.findings();
        this.findingPositions = pass.findingPositions();
        this.droppedFindings = pass.droppedFindings();
        this.marks = pass.marks();
        this.ascending = pass.ascending();
        this.truncation = truncation;
        this.outcome = outcome;
        this.current = checkpoints.get(0).copy(IGNORE);
    }

    /**
     * Reads and replays the whole trace once, through the same loop as {@code replay}
     * ({@link ReplayLoop}); the timeline then stands at position 0.
     *
     * @throws ReplayFailure when the replay fails unexpectedly (a bug), naming the event
     */
    static SeekableReplay load(TraceSource source, Options options) throws TraceException, IOException {
        Header header = source.header();
        Mode mode = options.mode() != null ? options.mode() : Replayer.defaultMode(header.scope());
        Replayer.checkSize(header.machine(), options.maxPages()); // before the store takes a file
        EventStore store = new EventStore();
        try {
            FirstPass pass = new FirstPass(store, options.maxFindings(), maxCheckpoints(header, options),
                    options.initialSpacing());
            Replayer scout = new Replayer(header, mode, options.maxPages(), pass);
            pass.start(scout);
            ReplayLoop.run(source, scout, pass);
            store.seal();
            return new SeekableReplay(source.name(), header, mode, store, pass, source.truncation(),
                    scout.outcome(Severity.ERROR));
        } catch (TraceException | RuntimeException | Error ex) {
            store.close();
            throw ex;
        }
    }

    /** As many as the budget allows, at least 4, at most the options' count. */
    private static long maxCheckpoints(Header header, Options options) {
        long pages = header.machine().endPfn();
        long budget = options.checkpointBudget() > 0 ? options.checkpointBudget()
                : Math.max(32L << 20, Runtime.getRuntime().maxMemory() * 6 / 10);
        // a replayer also carries fixed costs (interners, finding indexes, zone objects): 64 KiB is generous
        return Math.max(4, Math.min(options.maxCheckpoints(), budget / (pages * BYTES_PER_PAGE + (64 << 10))));
    }

    String name() {
        return name;
    }

    Header header() {
        return header;
    }

    Mode mode() {
        return mode;
    }

    EventStore store() {
        return store;
    }

    long size() {
        return store.size();
    }

    long position() {
        return position;
    }

    /** The widest stretch a seek may replay. */
    long spacing() {
        long widest = size() - checkpointPositions[checkpointPositions.length - 1];
        for (int i = 1; i < checkpointPositions.length; i++) {
            widest = Math.max(widest, checkpointPositions[i] - checkpointPositions[i - 1]);
        }
        return widest;
    }

    int checkpointCount() {
        return checkpoints.size();
    }

    TraceSource.Truncation truncation() {
        return truncation;
    }

    List<MarkAt> marks() {
        return marks;
    }

    /** The state at the current position. */
    ReplayView state() {
        return current.view();
    }

    /** Moves to {@code target} (0..size), replaying from the nearest checkpoint or from here. */
    void seek(long target) {
        if (target < 0 || target > size()) {
            throw new IllegalArgumentException("position " + target + " is outside 0.." + size());
        }
        int k = java.util.Arrays.binarySearch(checkpointPositions, target);
        if (k < 0) {
            k = -k - 2;
        }
        long from = checkpointPositions[k];
        if (target < position || position < from) {
            current = checkpoints.get(k).copy(IGNORE);
            position = from;
        }
        while (position < target) {
            current.apply(store.event(position));
            position++;
        }
    }

    /**
     * The position just after event {@code number}, or -1 when no event has that number.
     */
    long positionOf(long number) {
        long n = size();
        if (ascending) {
            long lo = 0;
            long hi = n - 1;
            while (lo <= hi) {
                long mid = (lo + hi) >>> 1;
                long v = store.number(mid);
                if (v < number) {
                    lo = mid + 1;
                } else if (v > number) {
                    hi = mid - 1;
                } else {
                    return mid + 1;
                }
            }
            return -1;
        }
        for (long i = 0; i < n; i++) {
            if (store.number(i) == number) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Findings of the events up to the current position (the end's leaks at the end only). */
    List<Finding> findingsSoFar() {
        int hi = upperBound(position);
        return findings.subList(0, hi);
    }

    /** Findings of the event just applied (the position's own event). */
    List<Finding> findingsHere() {
        return findingsAt(position);
    }

    /** Findings of the event whose application reaches {@code pos} (store index {@code pos - 1}). */
    List<Finding> findingsAt(long pos) {
        return findings.subList(upperBound(pos - 1), upperBound(pos));
    }

    /** The findings the first pass kept, of the whole trace. */
    List<Finding> findingsAll() {
        return findings;
    }

    /** Findings of the whole trace, kept or not. */
    long findingsInTrace() {
        return findings.size() + droppedFindings;
    }

    /** The first pass's verdict, as {@code replay} with the default {@code --fail-on error} gives it. */
    Outcome outcome() {
        return outcome;
    }

    private int upperBound(long pos) {
        int lo = 0;
        int hi = findings.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (findingPositions[mid] <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Findings the first pass did not keep (over {@code maxFindings}). */
    long droppedFindings() {
        return droppedFindings;
    }

    boolean allFindingsKept() {
        return droppedFindings == 0;
    }

    void cancel() {
        cancelled = true;
    }

    /** Clears and returns the cancel flag. */
    boolean takeCancel() {
        boolean c = cancelled;
        cancelled = false;
        return c;
    }

    boolean cancelRequested() {
        return cancelled;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
