package labyrinth.trace;

import java.util.List;
import java.util.function.Supplier;
import labyrinth.core.GfpNames;
import labyrinth.core.Machine;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneOrder;
import labyrinth.core.ZoneSpec;

/**
 * The rules of TRACE-FORMAT.md that hold whatever the encoding, written once: every codec decodes
 * a value and hands it here with a {@link Where}, so a broken rule reads the same in a JSON, JSON
 * Lines or binary trace ({@code "order" must be an integer from 0 to 10, found 11}); only the
 * location differs. The entry points an {@code fn} names are in {@link EntryPoints}.
 *
 * <p>Each check returns normally when the value keeps the rule and builds its message only when it
 * does not, in a method of its own: the checks stay small enough for the JIT to inline into a
 * codec's hot loop, and the hot path allocates nothing. Stateless; the previous event's {@code seq} and
 * {@code t} are the caller's to keep, because a codec remembers them only once the whole event is
 * accepted.
 */
public final class TraceRules {
    /** 2^52 pages: every page of a 64-bit physical address space of 4 KiB pages. */
    public static final long MAX_PAGES = 1L << 52;

    /** Where a codec read the value a rule judges: turns the rule's words into an error located there. */
    @FunctionalInterface
    public interface Where {
        TraceException at(String detail);
    }

    private TraceRules() {
    }

    /** {@code seq}, when given, strictly increases ({@code lastSeq} -1: none given yet). */
    public static void seq(long seq, long lastSeq, Where w) throws TraceException {
        if (seq <= lastSeq) {
            throw seqBroken(seq, lastSeq, w);
        }
    }

    private static TraceException seqBroken(long seq, long lastSeq, Where w) {
        return w.at("\"seq\" must be greater than the previous event's " + lastSeq + ", found " + seq);
    }

    /** {@code t} never decreases ({@code lastTime} {@link CommonFields#NO_TIME}: none given yet). */
    public static void time(long t, long lastTime, Where w) throws TraceException {
        if (t < lastTime && lastTime != CommonFields.NO_TIME) {
            throw timeBroken(t, lastTime, w);
        }
    }

    private static TraceException timeBroken(long t, long lastTime, Where w) {
        return w.at("\"t\" must not be less than the previous event's " + lastTime + ", found " + t);
    }

    /** An {@code order} (of an alloc or a free) lies in 0..maxOrder. */
    public static int order(long order, int maxOrder, Where w) throws TraceException {
        if (order < 0 || order > maxOrder) {
            throw orderBroken(order, maxOrder, w);
        }
        return (int) order;
    }

    private static TraceException orderBroken(long order, int maxOrder, Where w) {
        return w.at(orderMustBe(maxOrder) + ", found " + order);
    }

    /** The words of {@link #order}, for a codec whose value is not even an integer. */
    public static String orderMustBe(int maxOrder) {
        return "\"order\" must be an integer from 0 to " + maxOrder;
    }

    /**
     * A recorded alloc result ({@code pfn} >= 0) is the first page of a block inside the machine;
     * other pfns are left to the replay, which reports them as findings.
     *
     * @param fromAddr whether the codec resolved the pfn from an {@code addr} (the message names that key)
     */
    public static void allocBlock(long pfn, int order, Machine machine, boolean fromAddr, Where w)
            throws TraceException {
        if (pfn < 0) {
            return; // not recorded, or a recorded failure
        }
        long end = machine.endPfn();
        if (pfn >= end || pfn + (1L << order) > end) {
            throw blockOutside(pfn, order, end, fromAddr, w);
        }
    }

    private static TraceException blockOutside(long pfn, int order, long end, boolean fromAddr, Where w) {
        String what = order == 0 ? "a page of the machine (0 to " + (end - 1) + ")"
                : "the first page of an order-" + order + " block inside the machine (pfns 0 to " + (end - 1) + ")";
        return w.at((fromAddr ? "\"addr\"" : "\"pfn\"") + " must be " + what + ", found "
                + (fromAddr ? "pfn " + pfn : Long.toString(pfn)));
    }

    /** An entry point that implies order 0 (see {@link EntryPoints}) is not given another order. */
    public static void orderAsImplied(String fn, int order, Where w) throws TraceException {
        if (order != 0) {
            throw w.at("\"order\" must be 0 as fn " + fn + " implies, found " + order);
        }
    }

    /**
     * An entry point's implied mask is not contradicted by a given one.
     *
     * @param found the given mask as the codec shows it (called only when the masks differ)
     */
    public static void gfpAsImplied(String fn, long gfp, long implied, GfpNames names,
                                    Supplier<String> found, Where w) throws TraceException {
        if (gfp != implied) {
            throw w.at("\"gfp\" must be " + names.names(implied) + " as fn " + fn + " implies, found " + found.get());
        }
    }

    /**
     * A zone may follow {@code before} (the zones read so far, in order): it ends by {@link
     * #MAX_PAGES}, names a kind not seen yet and above the previous zone's, and starts at or after
     * the previous zone's end ({@link ZoneOrder}).
     *
     * @param nameAt where the zone's {@code name} was read
     * @param startAt where its {@code startPfn} was read
     */
    public static void zone(List<ZoneSpec> before, ZoneKind kind, long start, long pages, Where nameAt, Where startAt)
            throws TraceException {
        if (start + pages > MAX_PAGES) {
            throw startAt.at("a zone must end by pfn " + MAX_PAGES + ", found one ending at " + (start + pages));
        }
        if (before.isEmpty()) {
            return;
        }
        for (ZoneSpec z : before) {
            if (z.kind() == kind) {
                throw nameAt.at("\"name\" must name each zone at most once, found \"" + kind.label() + "\" again");
            }
        }
        ZoneSpec prev = before.get(before.size() - 1);
        if (!ZoneOrder.kindFollows(prev.kind(), kind)) {
            throw nameAt.at("\"name\" must be a zone above " + prev.kind().label()
                    + " (zones ascend DMA, DMA32, Normal), found \"" + kind.label() + "\"");
        }
        if (!ZoneOrder.clearOf(prev, start)) {
            throw startAt.at("\"startPfn\" must be at least " + prev.endPfn() + " (the end of "
                    + prev.kind().label() + ": zones ascend without overlapping), found " + start);
        }
    }
}
