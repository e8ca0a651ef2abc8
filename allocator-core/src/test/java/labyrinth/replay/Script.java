package labyrinth.replay;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.core.Machine;
import labyrinth.trace.Common;
import labyrinth.trace.Ctx;
import labyrinth.trace.Event;
import labyrinth.trace.ForwardingSource;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/** Builds a trace event by event for replay tests; events are numbered by position unless seq is set. */
final class Script {
    private final Header header;
    private final List<Event> events = new ArrayList<>();
    private long nextSeq = -1;

    Script(Scope scope, Machine machine) {
        header = new Header(scope, machine);
    }

    static Script complete(long pages) {
        return new Script(Scope.COMPLETE, Machine.ofPages(pages));
    }

    static Script window(long pages) {
        return new Script(Scope.WINDOW, Machine.ofPages(pages));
    }

    /** The next event carries this seq. */
    Script seq(long seq) {
        nextSeq = seq;
        return this;
    }

    private Common common(String owner, Ctx ctx, String site) {
        long number = nextSeq >= 0 ? nextSeq : events.size();
        Common c = new Common(number, nextSeq >= 0, events.size() + 1, 1, Common.NO_TIME, -1, ctx, owner, site,
                List.of());
        nextSeq = -1;
        return c;
    }

    Script alloc(String owner, int order, long gfp) {
        return alloc(owner, Ctx.TASK, order, gfp, Event.UNRECORDED);
    }

    Script alloc(String owner, Ctx ctx, int order, long gfp, long recorded) {
        events.add(new Event.Alloc(common(owner, ctx, "site:" + owner), order, gfp, null, recorded, null));
        return this;
    }

    Script free(String owner, long pfn) {
        return free(owner, pfn, Event.ABSENT);
    }

    Script free(String owner, long pfn, int order) {
        events.add(new Event.Free(common(owner, Ctx.TASK, null), pfn, order));
        return this;
    }

    Script access(String owner, long pfn) {
        events.add(new Event.Access(common(owner, Ctx.TASK, null), pfn, true));
        return this;
    }

    Script transfer(String owner, long pfn, String to) {
        events.add(new Event.Transfer(common(owner, Ctx.TASK, null), pfn, to));
        return this;
    }

    Script panic(String message, long cause) {
        events.add(new Event.Panic(common(null, Ctx.TASK, null), message, cause));
        return this;
    }

    Script mark(String label) {
        events.add(new Event.Mark(common(null, Ctx.TASK, null), label));
        return this;
    }

    /** A mark saying that the recorder lost {@code lost} events here ({@link Event.Mark#LOST_UNCOUNTED}: unsaid). */
    Script lost(String label, long lost) {
        events.add(new Event.Mark(common(null, Ctx.TASK, null), label, lost));
        return this;
    }

    List<Event> events() {
        return events;
    }

    Header header() {
        return header;
    }

    ReplayResult run() {
        return run(null);
    }

    ReplayResult run(Mode mode) {
        try {
            return Replays.run(source(), mode, Severity.ERROR, Allocator.DEFAULT_MAX_PAGES, Integer.MAX_VALUE);
        } catch (TraceException e) {
            throw new AssertionError(e);
        }
    }

    /** Replays the events as a trace that was cut short after the last of them. */
    ReplayResult runCut(boolean allowTruncated) {
        TraceSource.Truncation cut = new TraceSource.Truncation(events.size() - 1, events.size(), 1000);
        TraceSource source = new ForwardingSource(source()) {
            @Override
            public Truncation truncation() {
                return cut;
            }
        };
        try {
            return Replays.run(source, null, Severity.ERROR, Allocator.DEFAULT_MAX_PAGES, Integer.MAX_VALUE,
                    allowTruncated, ReplayObserver.NONE);
        } catch (TraceException e) {
            throw new AssertionError(e);
        }
    }

    TraceSource source() {
        return new ListSource("script", header, events);
    }
}
