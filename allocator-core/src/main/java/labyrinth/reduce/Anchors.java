package labyrinth.reduce;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.replay.Mode;
import labyrinth.replay.Replayer;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * Ties every page an event names to the allocation that produced that page in the original trace,
 * so that a reduced trace can name the page the reduced replay hands out instead: when events are
 * removed the model gives later allocations other pfns, and a free of the old pfn would be a new,
 * unrelated bug. Computed once by replaying the original trace.
 *
 * <p>An event's anchor is {@code (alloc, offset)}: the index of the allocation whose block
 * holds (or, after it was freed, last held) the page, and the page's offset in that block. Pages
 * no allocation of the trace produced have no anchor and keep their literal pfn. A panic's
 * {@code cause} is kept as the index of the event it names. Immutable after construction.
 */
final class Anchors {
    static final int NONE = -1;

    private final int[] alloc;
    private final long[] offset;
    private final int[] cause;

    private Anchors(int n) {
        alloc = new int[n];
        offset = new long[n];
        cause = new int[n];
        java.util.Arrays.fill(alloc, NONE);
        java.util.Arrays.fill(cause, NONE);
    }

    private record Block(int index, long head, int order) {
        boolean holds(long pfn) {
            return pfn >= head && pfn < head + (1L << order);
        }
    }

    static Anchors of(Header header, List<Event> events, Mode mode, long maxPages) {
        Anchors a = new Anchors(events.size());
        Replayer replayer = new Replayer(header, mode, maxPages, f -> { });
        TreeMap<Long, Block> live = new TreeMap<>();
        TreeMap<Long, Block> freed = new TreeMap<>();
        Map<Long, Integer> indexByNumber = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            indexByNumber.put(e.number(), i);
            long pfn = pageOf(e);
            if (pfn >= 0) {
                Block b = find(live, pfn);
                if (b == null) {
                    b = find(freed, pfn);
                }
                if (b != null) {
                    a.alloc[i] = b.index;
                    a.offset[i] = pfn - b.head;
                }
            }
            if (e instanceof Event.Panic p && p.cause() != Event.ABSENT) {
                a.cause[i] = indexByNumber.getOrDefault(p.cause(), NONE);
            }
            if (!replayer.apply(e)) {
                break;
            }
            long head = replayer.lastAllocated();
            if (e instanceof Event.Alloc al && head >= 0) {
                evictOverlapping(live, head, al.order());
                live.put(head, new Block(i, head, al.order()));
            } else if (e instanceof Event.Free f && live.containsKey(f.pfn())) {
                freed.put(f.pfn(), live.remove(f.pfn()));
            }
        }
        return a;
    }

    /** A recorded block over live ones means their frees were lost (a trace gap): forget them. */
    private static void evictOverlapping(TreeMap<Long, Block> live, long head, int order) {
        Block below = find(live, head);
        if (below != null) {
            live.remove(below.head);
        }
        live.subMap(head, head + (1L << order)).clear();
    }

    private static Block find(TreeMap<Long, Block> blocks, long pfn) {
        Map.Entry<Long, Block> e = blocks.floorEntry(pfn);
        return e != null && e.getValue().holds(pfn) ? e.getValue() : null;
    }

    /** The page a free, access or transfer names; -1 for other events and frees of NULL. */
    static long pageOf(Event e) {
        if (e instanceof Event.Free f) {
            return f.pfn();
        } else if (e instanceof Event.Access a) {
            return a.pfn();
        } else if (e instanceof Event.Transfer t) {
            return t.pfn();
        }
        return -1;
    }

    /** Index of the allocation event {@code i} names a page of, or {@link #NONE}. */
    int alloc(int i) {
        return alloc[i];
    }

    long offset(int i) {
        return offset[i];
    }

    /** For a panic: index of the event its {@code cause} names, or {@link #NONE}. */
    int cause(int i) {
        return cause[i];
    }
}
