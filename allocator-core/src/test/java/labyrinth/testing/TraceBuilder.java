package labyrinth.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.replay.Mode;
import labyrinth.replay.ReplayObserver;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replayer;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.ForwardingSource;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * The one way tests build a trace in code, event by event, for every module (allocator-core's
 * test-jar). Events are numbered by position, on line = position + 1, column 1, with no time or
 * cpu, in task context; an allocation's site is {@code site:OWNER}. {@link #seq}, {@link #ctx} and
 * {@link #site} change only the next event. {@link #recorded()} makes it look like a recorder's
 * capture instead: every event carries its seq, a time and cpu 0, and each allocation records the
 * pfn the model gives it ({@link #lastPfn()}), found by a shadow replay.
 *
 * <p>Nulls: owners, sites and labels may be null where the event model allows. Not thread-safe.
 */
public final class TraceBuilder {
    private final Header header;
    private final List<Event> events = new ArrayList<>();
    private String name = "test.json";
    private Replayer shadow;
    private long lastPfn = Event.UNRECORDED;
    private long nextSeq = -1;
    private Context nextCtx;
    private String nextSite;

    public TraceBuilder(Header header) {
        this.header = header;
    }

    /** A complete trace on one Normal zone of {@code pages} pages. */
    public static TraceBuilder complete(long pages) {
        return new TraceBuilder(new Header(Scope.COMPLETE, Machine.ofPages(pages)));
    }

    /** A window trace (recording started late) on one Normal zone of {@code pages} pages. */
    public static TraceBuilder window(long pages) {
        return new TraceBuilder(new Header(Scope.WINDOW, Machine.ofPages(pages)));
    }

    /** The file name findings and sources carry; {@code test.json} unless set. */
    public TraceBuilder named(String fileName) {
        this.name = fileName;
        return this;
    }

    /** From here on, events look recorded: seq, time and cpu given, allocations with the model's result. */
    public TraceBuilder recorded() {
        if (!events.isEmpty()) {
            throw new IllegalStateException("recorded() must come before the first event, found "
                    + events.size() + " events");
        }
        shadow = new Replayer(header, Mode.SIMULATE, Allocator.DEFAULT_MAX_PAGES, f -> { });
        return this;
    }

    /** The next event carries this seq. */
    public TraceBuilder seq(long seq) {
        nextSeq = seq;
        return this;
    }

    /** The next event runs in this context. */
    public TraceBuilder ctx(Context ctx) {
        nextCtx = ctx;
        return this;
    }

    /** The next event names this call site (an allocation's default is {@code site:OWNER}). */
    public TraceBuilder site(String site) {
        nextSite = site;
        return this;
    }

    private CommonFields common(String owner, String defaultSite) {
        int n = events.size();
        Context ctx = nextCtx != null ? nextCtx : Context.TASK;
        String site = nextSite != null ? nextSite : defaultSite;
        CommonFields c;
        if (shadow != null) {
            c = new CommonFields(nextSeq >= 0 ? nextSeq : n, true, n + 1, 1, 1000L * n, 0, ctx, owner, site, List.of());
        } else {
            c = new CommonFields(nextSeq >= 0 ? nextSeq : n, nextSeq >= 0, n + 1, 1, CommonFields.NO_TIME, -1, ctx, owner, site,
                    List.of());
        }
        nextSeq = -1;
        nextCtx = null;
        nextSite = null;
        return c;
    }

    /** Adds an event made elsewhere (a random workload, a hand-made oddity). */
    public TraceBuilder add(Event e) {
        events.add(e);
        if (shadow != null) {
            shadow.apply(e);
        }
        return this;
    }

    public TraceBuilder alloc(String owner, int order, long gfp) {
        return alloc(owner, order, gfp, Event.UNRECORDED);
    }

    /** An allocation in {@code ctx} recording {@code recorded} as its result. */
    public TraceBuilder alloc(String owner, Context ctx, int order, long gfp, long recorded) {
        return ctx(ctx).alloc(owner, order, gfp, recorded);
    }

    /** An allocation recording {@code recorded} as its result; a recorded builder records the model's instead. */
    public TraceBuilder alloc(String owner, int order, long gfp, long recorded) {
        CommonFields c = common(owner, "site:" + owner);
        if (shadow == null) {
            return add(new Event.Alloc(c, order, gfp, null, recorded, null));
        }
        Replayer probe = shadow.copy(f -> { });
        probe.apply(new Event.Alloc(c, order, gfp, null, Event.UNRECORDED, null));
        lastPfn = probe.lastAllocated();
        return add(new Event.Alloc(c, order, gfp, null, lastPfn >= 0 ? lastPfn : Event.NULL_PFN, null));
    }

    /** The pfn the model gave the last allocation, or negative when it failed; recorded builders only. */
    public long lastPfn() {
        if (shadow == null) {
            throw new IllegalStateException("lastPfn() needs recorded(), found a builder without it");
        }
        return lastPfn;
    }

    public TraceBuilder free(String owner, long pfn) {
        return free(owner, pfn, Event.ABSENT);
    }

    public TraceBuilder free(String owner, long pfn, int order) {
        return add(new Event.Free(common(owner, null), pfn, order));
    }

    public TraceBuilder access(String owner, long pfn) {
        return add(new Event.Access(common(owner, null), pfn, true));
    }

    public TraceBuilder transfer(String owner, long pfn, String to) {
        return add(new Event.Transfer(common(owner, null), pfn, to));
    }

    public TraceBuilder panic(String message) {
        return panic(message, Event.ABSENT);
    }

    public TraceBuilder panic(String message, long cause) {
        return add(new Event.Panic(common(null, null), message, cause));
    }

    public TraceBuilder mark(String label) {
        return add(new Event.Mark(common(null, null), label));
    }

    /** A mark saying the recorder lost {@code lost} events here ({@link Event.Mark#LOST_UNCOUNTED}: unsaid). */
    public TraceBuilder lost(String label, long lost) {
        return add(new Event.Mark(common(null, null), label, lost));
    }

    public List<Event> events() {
        return events;
    }

    public Header header() {
        return header;
    }

    public int size() {
        return events.size();
    }

    public TraceSource source() {
        return new ListSource(name, header, events);
    }

    public ReplayResult run() {
        return run(null);
    }

    /** Replays the events as a file would give them; {@code mode} null for the header's. */
    public ReplayResult run(Mode mode) {
        return run(header, events, mode);
    }

    /** Replays {@code events} under {@code header}, as a file would give them. */
    public static ReplayResult run(Header header, List<Event> events, Mode mode) {
        try {
            return Replays.run(new ListSource("test.json", header, events), mode, Severity.ERROR,
                    Allocator.DEFAULT_MAX_PAGES, Integer.MAX_VALUE);
        } catch (TraceException e) {
            throw new AssertionError(e);
        }
    }

    /** Replays the events as a trace that was cut short after the last of them. */
    public ReplayResult runCut(boolean allowTruncated) {
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

    private static final String[] OWNERS = {"eth0-rx", "nvme0q1", "blk-mq", "kworker", "tcp"};
    private static final long[] GFPS = {Gfp.GFP_KERNEL, Gfp.GFP_ATOMIC, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE,
        Gfp.GFP_KERNEL | Gfp.NOWARN, Gfp.GFP_NOWAIT};

    /**
     * A random workload on DMA32 + Normal zones: mostly allocations and frees of live blocks (a
     * shadow replayer tells which), some accesses, transfers, stray frees, marks, in mixed contexts.
     */
    public static TraceBuilder random(RandomGenerator rnd, int n, long pages) {
        long half = pages / 2;
        Machine m = new Machine(4096, 6, List.of(new ZoneSpec(ZoneKind.DMA32, 0, half),
                new ZoneSpec(ZoneKind.NORMAL, half, pages - half)), Machine.DEFAULT_DIRECT_MAP_BASE);
        TraceBuilder t = new TraceBuilder(new Header(Scope.COMPLETE, m));
        Replayer shadow = new Replayer(t.header, Mode.SIMULATE, 1L << 24, f -> { });
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String owner = OWNERS[rnd.nextInt(OWNERS.length)];
            int r = rnd.nextInt(100);
            Event e;
            Context ctx = rnd.nextInt(10) == 0 ? Context.HARDIRQ : Context.TASK;
            t.ctx(ctx);
            if (r < 45 || live.isEmpty()) {
                int order = rnd.nextInt(10) < 7 ? 0 : rnd.nextInt(4);
                e = new Event.Alloc(t.common(owner, "site" + rnd.nextInt(3)), order,
                        GFPS[rnd.nextInt(GFPS.length)], null, Event.UNRECORDED, null);
            } else if (r < 80) {
                long pfn = live.remove(rnd.nextInt(live.size()));
                String who = rnd.nextInt(8) == 0 ? OWNERS[rnd.nextInt(OWNERS.length)]
                        : shadow.view().block(pfn) != null ? shadow.view().block(pfn).owner() : owner;
                e = new Event.Free(t.common(who, null), pfn, Event.ABSENT);
            } else if (r < 88) {
                e = new Event.Access(t.common(owner, null), rnd.nextLong(pages), rnd.nextBoolean());
            } else if (r < 93) {
                long pfn = live.get(rnd.nextInt(live.size()));
                e = new Event.Transfer(t.common(owner, null), pfn, OWNERS[rnd.nextInt(OWNERS.length)]);
            } else if (r < 97) {
                e = new Event.Free(t.common(owner, null), rnd.nextLong(pages), Event.ABSENT);
            } else {
                t.ctx(Context.TASK);
                e = new Event.Mark(t.common(null, null), "m" + i);
            }
            t.add(e);
            shadow.apply(e);
            if (e instanceof Event.Alloc && shadow.lastAllocated() >= 0) {
                live.add(shadow.lastAllocated());
            }
        }
        return t;
    }
}
