package labyrinth.cli.repl;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.replay.Mode;
import labyrinth.replay.Replayer;
import labyrinth.trace.Common;
import labyrinth.trace.Ctx;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceSource;

/** Traces built in code for REPL tests: a fluent builder and seeded random workloads. */
final class Traces {
    private final Header header;
    private final List<Event> events = new ArrayList<>();

    Traces(Header header) {
        this.header = header;
    }

    static Traces complete(long pages) {
        return new Traces(new Header(Scope.COMPLETE, Machine.ofPages(pages)));
    }

    private Common common(String owner, Ctx ctx, String site) {
        int n = events.size();
        return new Common(n, false, n + 1, 1, Common.NO_TIME, -1, ctx, owner, site, List.of());
    }

    Traces alloc(String owner, int order, long gfp) {
        events.add(new Event.Alloc(common(owner, Ctx.TASK, "site:" + owner), order, gfp, null, Event.UNRECORDED,
                null));
        return this;
    }

    Traces free(String owner, long pfn) {
        events.add(new Event.Free(common(owner, Ctx.TASK, null), pfn, Event.ABSENT));
        return this;
    }

    Traces access(String owner, long pfn) {
        events.add(new Event.Access(common(owner, Ctx.TASK, null), pfn, true));
        return this;
    }

    Traces transfer(String owner, long pfn, String to) {
        events.add(new Event.Transfer(common(owner, Ctx.TASK, null), pfn, to));
        return this;
    }

    Traces mark(String label) {
        events.add(new Event.Mark(common(null, Ctx.TASK, null), label));
        return this;
    }

    Traces panic(String message) {
        events.add(new Event.Panic(common(null, Ctx.TASK, null), message, Event.ABSENT));
        return this;
    }

    int size() {
        return events.size();
    }

    TraceSource source() {
        return source("test.json", header, events);
    }

    static TraceSource source(String name, Header header, List<Event> events) {
        return new ListSource(name, header, events);
    }

    private static final String[] OWNERS = {"eth0-rx", "nvme0q1", "blk-mq", "kworker", "tcp"};
    private static final long[] GFPS = {Gfp.GFP_KERNEL, Gfp.GFP_ATOMIC, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE,
        Gfp.GFP_KERNEL | Gfp.NOWARN, Gfp.GFP_NOWAIT};

    /**
     * A random workload on DMA32 + Normal zones: mostly allocations and frees of live blocks (a
     * shadow replayer tells which), some accesses, transfers, stray frees, marks, in mixed contexts.
     */
    static Traces random(RandomGenerator rnd, int n, long pages) {
        long half = pages / 2;
        Machine m = new Machine(4096, 6, List.of(new ZoneSpec(ZoneKind.DMA32, 0, half),
                new ZoneSpec(ZoneKind.NORMAL, half, pages - half)), Machine.DEFAULT_DIRECT_MAP_BASE);
        Traces t = new Traces(new Header(Scope.COMPLETE, m));
        Replayer shadow = new Replayer(t.header, Mode.SIMULATE, 1L << 24, f -> { });
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String owner = OWNERS[rnd.nextInt(OWNERS.length)];
            int r = rnd.nextInt(100);
            Event e;
            Ctx ctx = rnd.nextInt(10) == 0 ? Ctx.HARDIRQ : Ctx.TASK;
            if (r < 45 || live.isEmpty()) {
                int order = rnd.nextInt(10) < 7 ? 0 : rnd.nextInt(4);
                e = new Event.Alloc(t.common(owner, ctx, "site" + rnd.nextInt(3)), order,
                        GFPS[rnd.nextInt(GFPS.length)], null, Event.UNRECORDED, null);
            } else if (r < 80) {
                long pfn = live.remove(rnd.nextInt(live.size()));
                String who = rnd.nextInt(8) == 0 ? OWNERS[rnd.nextInt(OWNERS.length)]
                        : shadow.block(pfn) != null ? shadow.block(pfn).owner() : owner;
                e = new Event.Free(t.common(who, ctx, null), pfn, Event.ABSENT);
            } else if (r < 88) {
                e = new Event.Access(t.common(owner, ctx, null), rnd.nextLong(pages), rnd.nextBoolean());
            } else if (r < 93) {
                long pfn = live.get(rnd.nextInt(live.size()));
                e = new Event.Transfer(t.common(owner, ctx, null), pfn, OWNERS[rnd.nextInt(OWNERS.length)]);
            } else if (r < 97) {
                e = new Event.Free(t.common(owner, ctx, null), rnd.nextLong(pages), Event.ABSENT);
            } else {
                e = new Event.Mark(t.common(null, Ctx.TASK, null), "m" + i);
            }
            t.events.add(e);
            shadow.apply(e);
            if (e instanceof Event.Alloc && shadow.lastAllocated() >= 0) {
                live.add(shadow.lastAllocated());
            }
        }
        return t;
    }

    /** A worked example of the contracts, from the test resources' {@code examples/}. */
    static Path example(String name) {
        URL url = Traces.class.getResource("/examples/" + name);
        if (url == null) {
            throw new IllegalStateException("expected the test resource examples/" + name + ", found nothing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
