package labyrinth.format.ftrace;

import java.util.List;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;

/**
 * A page event read but not yet produced: a stack may still follow. Mutable; one per reader, refilled
 * for each event ({@link KmemEvents}), since an event is produced before the next is read.
 */
final class PendingEvent {
    long line;
    boolean alloc;
    String kind;
    int order;
    long gfp;
    String gfpUnparsed;
    long pfn;
    int cpu;
    long time;
    Context ctx;
    String owner;
    Layout layout;
    List<String> stack;

    /**
     * The event, numbered {@code number} and timed {@code time} ({@link CommonFields#NO_TIME}: untimed),
     * counted in {@code report}; its site comes from its stack ({@link Sites}).
     */
    Event toEvent(long number, long time, ImportReport report) {
        List<String> frames = stack == null ? List.of() : stack;
        if (!frames.isEmpty()) {
            report.stacks++;
        }
        CommonFields c = new CommonFields(number, false, line, 1, time, cpu, ctx, owner, Sites.siteOf(frames), frames);
        report.layouts[layout.ordinal()]++;
        if (alloc) {
            report.allocs++;
            if (pfn == Event.NULL_PFN) {
                report.failedAllocs++;
            } else if (pfn == Event.UNRECORDED) {
                report.unrecordedAllocs++;
            }
            return new Event.Alloc(c, order, gfp, null, pfn, gfpUnparsed);
        }
        switch (kind) {
            case "mm_page_free_direct" -> report.freesDirect++;
            case "mm_page_free" -> report.frees++;
            default -> report.freesBatched++;
        }
        return new Event.Free(c, pfn, order);
    }
}
