package labyrinth.reduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import labyrinth.replay.Finding;
import labyrinth.replay.Mode;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replayer;
import labyrinth.replay.Severity;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * Builds and replays a candidate: a subset of the original events (by index) on a given machine.
 * In one pass it renumbers the events 0, 1, 2, ... (keeping whether they had {@code seq}, so no gap
 * appears), drops recorded results unless told to keep them, re-targets every page an event names
 * through its {@link Anchors anchor} to the block the replay gave that allocation, and points a
 * panic's {@code cause} at the renumbered event (or drops it when that event is gone). Not
 * thread-safe: one per reduction.
 */
final class Rebuild {
    private final String name;
    private final List<Event> original;
    private final Anchors anchors;
    private final Mode mode;
    private final Severity failOn;
    private final long maxPages;

    Rebuild(String name, List<Event> original, Anchors anchors, Mode mode, Severity failOn, long maxPages) {
        this.name = name;
        this.original = original;
        this.anchors = anchors;
        this.mode = mode;
        this.failOn = failOn;
        this.maxPages = maxPages;
    }

    /** @param kept indices into the original events, ascending */
    Candidate run(Header header, int[] kept, boolean keepRecorded) {
        List<Finding> findings = new ArrayList<>();
        Replayer replayer = new Replayer(header, mode, maxPages, findings::add);
        long[] heads = new long[kept.length];
        List<Event> events = new ArrayList<>(kept.length);
        for (int k = 0; k < kept.length; k++) {
            Event e = rewrite(original.get(kept[k]), kept, k, heads, keepRecorded);
            events.add(e);
            boolean applied = replayer.apply(e);
            heads[k] = applied ? replayer.lastAllocated() : -1;
        }
        replayer.finish();
        findings.sort(Comparator.comparingLong(Finding::event));
        ReplayResult result = new ReplayResult(name, header, mode, null, findings, 0, replayer.panic(),
                replayer.summary(), replayer.outcome(failOn), List.of());
        return new Candidate(header, events, result);
    }

    private Event rewrite(Event e, int[] kept, int k, long[] heads, boolean keepRecorded) {
        int i = kept[k];
        CommonFields c = e.common().numbered(k, e.common().seqGiven());
        long page = retarget(i, kept, k, heads);
        if (e instanceof Event.Alloc a) {
            return new Event.Alloc(c, a.order(), a.gfp(), a.fn(), keepRecorded ? a.pfn() : Event.UNRECORDED,
                    a.gfpUnparsed());
        } else if (e instanceof Event.Free f) {
            return new Event.Free(c, page, f.order());
        } else if (e instanceof Event.Access a) {
            return new Event.Access(c, page, a.write());
        } else if (e instanceof Event.Transfer t) {
            return new Event.Transfer(c, page, t.to());
        } else if (e instanceof Event.Panic p) {
            int cause = anchors.cause(i);
            int at = cause == Anchors.NONE ? -1 : Arrays.binarySearch(kept, 0, k, cause);
            return new Event.Panic(c, p.message(), at >= 0 ? at : Event.ABSENT);
        }
        Event.Mark m = (Event.Mark) e;
        return new Event.Mark(c, m.label(), m.lost());
    }

    /** The page event {@code i} names in the candidate: its anchor's new block, else the literal pfn. */
    private long retarget(int i, int[] kept, int k, long[] heads) {
        long literal = Anchors.pageOf(original.get(i));
        int alloc = anchors.alloc(i);
        if (alloc == Anchors.NONE) {
            return literal;
        }
        int at = Arrays.binarySearch(kept, 0, k, alloc);
        return at >= 0 && heads[at] >= 0 ? heads[at] + anchors.offset(i) : literal;
    }
}
