package labyrinth.reduce;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.replay.Mode;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replayer;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import labyrinth.trace.Common;
import labyrinth.trace.Ctx;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.Scope;

/** Builds traces event by event for reducer tests; every event carries seq, owner and site. */
final class TraceBuilder {
    final Header header;
    final List<Event> events = new ArrayList<>();
    private final Replayer shadow;

    TraceBuilder(long pages) {
        header = new Header(Scope.COMPLETE, Machine.ofPages(pages));
        shadow = new Replayer(header, Mode.SIMULATE, Allocator.DEFAULT_MAX_PAGES, f -> { });
    }

    private void add(Event e) {
        events.add(e);
        shadow.apply(e);
    }

    private Common common(String owner, Ctx ctx, String site) {
        int n = events.size();
        return new Common(n, true, n + 1, 1, 1000L * n, 0, ctx, owner, site, List.of());
    }

    /** An allocation recorded with the result the model gives it; returns that pfn, or -1 when it failed. */
    long alloc(String owner, Ctx ctx, String site, int order, long gfp) {
        Replayer probe = shadow.copy(f -> { });
        Event.Alloc unrecorded = new Event.Alloc(common(owner, ctx, site), order, gfp, null, Event.UNRECORDED, null);
        probe.apply(unrecorded);
        long pfn = probe.lastAllocated();
        add(new Event.Alloc(unrecorded.common(), order, gfp, null, pfn >= 0 ? pfn : Event.NULL_PFN, null));
        return pfn;
    }

    long alloc(String owner, String site) {
        return alloc(owner, Ctx.TASK, site, 0, Gfp.GFP_KERNEL);
    }

    TraceBuilder free(String owner, String site, long pfn) {
        add(new Event.Free(common(owner, Ctx.TASK, site), pfn, Event.ABSENT));
        return this;
    }

    TraceBuilder access(String owner, long pfn) {
        add(new Event.Access(common(owner, Ctx.TASK, null), pfn, true));
        return this;
    }

    TraceBuilder transfer(String owner, long pfn, String to) {
        add(new Event.Transfer(common(owner, Ctx.TASK, null), pfn, to));
        return this;
    }

    TraceBuilder panic(String message, long cause) {
        add(new Event.Panic(common(null, Ctx.TASK, null), message, cause));
        return this;
    }

    TraceBuilder mark(String label) {
        add(new Event.Mark(common(null, Ctx.TASK, null), label));
        return this;
    }

    int size() {
        return events.size();
    }

    /** Replays {@code events} as a file would give them. */
    static ReplayResult replay(Header header, List<Event> events) {
        try {
            return Replays.run(source(header, events), null, Severity.ERROR, Allocator.DEFAULT_MAX_PAGES,
                    Integer.MAX_VALUE);
        } catch (TraceException e) {
            throw new AssertionError(e);
        }
    }

    static TraceSource source(Header header, List<Event> events) {
        return new ListSource("trace", header, events);
    }
}
