package labyrinth.cli.repl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import labyrinth.replay.BlockView;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingListener;
import labyrinth.replay.ReplayObserver;
import labyrinth.replay.ReplayView;
import labyrinth.replay.Replayer;
import labyrinth.trace.Event;

/**
 * What the REPL's first pass keeps while {@link labyrinth.replay.ReplayLoop} replays the trace once:
 * each event in the {@link EventStore} with what it acted on and the kinds it found, the findings
 * with their positions, the marks, and the checkpoints, thinned to stay evenly spread (see
 * {@link SeekableReplay}). Positions count events: the event at store index {@code i} reaches
 * position {@code i + 1}.
 *
 * <p>Not thread-safe: one per first pass.
 */
final class FirstPass implements ReplayObserver, FindingListener {
    private final EventStore store;
    private final int maxFindings;
    private final long maxCheckpoints;
    private final List<Finding> findings = new ArrayList<>();
    private long[] findingPositions = new long[1024];
    private long dropped;
    private final List<Replayer> checkpoints = new ArrayList<>();
    private final List<Long> checkpointPositions = new ArrayList<>();
    private long spacing;
    private long nextCheckpoint;
    private final List<SeekableReplay.MarkAt> marks = new ArrayList<>();
    private boolean ascending = true;
    private long lastNumber = Long.MIN_VALUE;
    private Replayer scout;
    private long position;
    private int kinds;
    private long extHead;
    private int extOrder;

    /**
     * @param maxFindings findings kept (the rest are only counted)
     * @param maxCheckpoints most checkpoints kept, the start's included
     * @param spacing events between checkpoints until thinning widens it
     */
    FirstPass(EventStore store, int maxFindings, long maxCheckpoints, long spacing) {
        this.store = store;
        this.maxFindings = maxFindings;
        this.maxCheckpoints = maxCheckpoints;
        this.spacing = Math.max(1, spacing);
        this.nextCheckpoint = this.spacing;
    }

    /** Watches {@code replayer}, whose findings come here, from its start (the first checkpoint). */
    void start(Replayer replayer) {
        scout = replayer;
        checkpoints.add(replayer.copy(SeekableReplay.IGNORE));
        checkpointPositions.add(0L);
    }

    @Override
    public void onFinding(Finding f) {
        kinds |= 1 << f.kind().ordinal();
        if (findings.size() < maxFindings) {
            if (findings.size() == findingPositions.length) {
                findingPositions = Arrays.copyOf(findingPositions, findings.size() * 2);
            }
            findingPositions[findings.size()] = position;
            findings.add(f);
        } else {
            dropped++;
        }
    }

    /** What the event acts on, looked up before it changes the ledger. */
    @Override
    public void beforeEvent(ReplayView state, Event e) {
        extHead = -1;
        extOrder = 0;
        if (e instanceof Event.Free f) {
            BlockView b = f.pfn() >= 0 ? state.block(f.pfn()) : null;
            boolean whole = b != null && b.head() == f.pfn();
            extHead = whole ? b.head() : f.pfn();
            extOrder = whole ? b.order() : 0;
        } else if (e instanceof Event.Transfer t) {
            BlockView b = state.block(t.pfn());
            extHead = b != null ? b.head() : t.pfn();
            extOrder = b != null ? b.order() : 0;
        } else if (e instanceof Event.Access a) {
            extHead = a.pfn();
        }
        kinds = 0;
        position++;
    }

    @Override
    public void afterEvent(ReplayView state, Event e) {
        record(state, e);
    }

    @Override
    public void afterIgnored(ReplayView state, Event e) {
        record(state, e); // still an event of the trace, with its position
    }

    private void record(ReplayView state, Event e) {
        if (e instanceof Event.Alloc a) {
            extHead = state.lastAllocated();
            extOrder = extHead >= 0 ? a.order() : 0;
        } else if (e instanceof Event.Mark m) {
            marks.add(new SeekableReplay.MarkAt(m.label(), position, e.number()));
        }
        store.append(e, extHead, extOrder, kinds);
        ascending &= e.number() > lastNumber;
        lastNumber = e.number();
        if (position == nextCheckpoint) {
            checkpoint();
        }
    }

    private void checkpoint() {
        checkpoints.add(scout.copy(SeekableReplay.IGNORE));
        checkpointPositions.add(position);
        if (checkpoints.size() > maxCheckpoints) {
            // drop the checkpoint whose neighbours are closest (never the start)
            int drop = 1;
            long best = Long.MAX_VALUE;
            for (int i = 1; i < checkpoints.size(); i++) {
                long next = i + 1 < checkpoints.size() ? checkpointPositions.get(i + 1) : position + spacing;
                long gap = next - checkpointPositions.get(i - 1);
                if (gap < best) {
                    best = gap;
                    drop = i;
                }
            }
            checkpoints.remove(drop);
            checkpointPositions.remove(drop);
            spacing = Math.max(spacing, position / (maxCheckpoints - 1));
        }
        nextCheckpoint = position + spacing;
    }

    List<Replayer> checkpoints() {
        return checkpoints;
    }

    long[] checkpointPositions() {
        long[] a = new long[checkpointPositions.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = checkpointPositions.get(i);
        }
        return a;
    }

    List<Finding> findings() {
        return findings;
    }

    /** The position of each kept finding, in order. */
    long[] findingPositions() {
        return Arrays.copyOf(findingPositions, findings.size());
    }

    long droppedFindings() {
        return dropped;
    }

    List<SeekableReplay.MarkAt> marks() {
        return List.copyOf(marks);
    }

    /** Whether event numbers ascended all through, so a number is found by bisection. */
    boolean ascending() {
        return ascending;
    }
}
