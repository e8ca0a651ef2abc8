package labyrinth.gen;

import java.util.List;
import java.util.function.Consumer;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * Long mixed traffic of the {@link Cast#KERNEL} cast: {@code steady} (clean) and {@code random}
 * (with failures and every kind of ownership bug).
 *
 * <p>Algorithm: one event per step, exactly {@code events} in all. The op is drawn by weights that
 * pull the live pages towards a target fill, which rises and falls as a triangle wave over the
 * trace (steady 30–60 %, random 50–120 % of the machine, so that it runs out). With {@code R} events left and {@code B}
 * live blocks still to free, allocations stop once {@code 2B >= R - 1} and a free is forced when
 * {@code B == R}, so the last event leaves nothing held (random: nothing but the blocks it leaks on
 * purpose).
 *
 * <p>{@code steady} never lets the model refuse or reach a pressure point: an allocation is only
 * made while the zone keeps more than {@code high + pages/16} free pages after it, and a high-order
 * request the model refuses (fragmentation) is asked again as order 0 without a trace. Exclusive
 * blocks are touched only by their owners; only owners transfer and free.
 *
 * <p>{@code random} records whatever the model decides (failures included) on a machine with DMA,
 * DMA32 and Normal zones, adds random zone, reserve and warning modifiers, and about one step in
 * sixteen is a deliberate bug ({@link PlantedBugs}): double free, free of a never-allocated page, free inside a block,
 * order mismatch, foreign free, exclusive violation, use after free, foreign transfer, sleeping
 * allocation in atomic context; a few blocks are leaked.
 */
final class Workload implements Scenario {
    private final String name;
    private final String description;
    private final boolean chaos;

    private Workload(String name, String description, boolean chaos) {
        this.name = name;
        this.description = description;
        this.chaos = chaos;
    }

    static Workload steady() {
        return new Workload("steady", "balanced traffic of " + Cast.KERNEL.size() + " owners in every context,"
                + " 30-60% full, everything freed at the end: replays clean; exactly --events events", false);
    }

    static Workload random() {
        return new Workload("random", "every op and context with allocation failures and every kind of ownership"
                + " bug, never diverging; exactly --events events", true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long minEvents() {
        return chaos ? 500 : 100;
    }

    /**
     * Steady: the largest power of two {@code <= events / 4}, from 1024 to 262144 pages (1 GiB, from
     * about a million events on), so the fill can follow its wave and teardown fits in the trace. Random: a sixteenth of that, from 512 to 65536, so
     * each wave gets full enough to fail.
     */
    static long pagesFor(long events, boolean chaos) {
        return chaos ? ScenarioRules.powerOfTwoIn(events / 16, 512, 65536)
                : ScenarioRules.powerOfTwoIn(events / 4, 1024, ScenarioRules.GiB_PAGES);
    }

    @Override
    public Header header(long seed, long events) {
        long pages = pagesFor(events, chaos);
        Machine machine;
        if (chaos) {
            long dma = pages / 16;
            machine = new Machine(Machine.DEFAULT_PAGE_SIZE, Machine.DEFAULT_MAX_ORDER, List.of(
                    new ZoneSpec(ZoneKind.DMA, 0, dma),
                    new ZoneSpec(ZoneKind.DMA32, dma, pages / 2 - dma),
                    new ZoneSpec(ZoneKind.NORMAL, pages / 2, pages / 2)), Machine.DEFAULT_DIRECT_MAP_BASE);
        } else {
            machine = Machine.ofPages(pages);
        }
        return ScenarioRules.header(this, seed, events, machine);
    }

    @Override
    public void generate(long seed, long events, Consumer<? super Event> out) {
        Header header = header(seed, events);
        Emitter e = new Emitter(header, new Rng(seed), Cast.KERNEL, chaos ? 4000 : 2000, out);
        new Run(e, events).run();
    }

    private final class Run {
        private final Emitter e;
        private final Pool pool;
        private final Rng rng;
        private final Actor[] actors;
        private final Picks picks;
        private final PlantedBugs bugs;
        private final long events;
        private final long pages;
        private final int capOrder;
        private final long guard;
        private final long period;
        private long phase = -1;
        private boolean teardownMarked;
        private boolean leakPlanted;

        Run(Emitter e, long events) {
            this.e = e;
            this.pool = e.pool;
            this.rng = e.rng;
            this.actors = e.cast.all();
            this.picks = new Picks(e);
            this.bugs = new PlantedBugs(e, picks);
            this.events = events;
            this.pages = e.model.machine().totalPages();
            int maxOrder = e.model.machine().maxOrder();
            this.capOrder = Math.min(maxOrder, ScenarioRules.log2(pages / 64));
            this.guard = e.model.watermarks(e.model.zoneCount() - 1).high() + pages / 16;
            this.period = Math.max(2000, chaos ? events / 4 : events / 2);
        }

        void run() {
            e.mark(name + ": " + actors.length + " owners on " + pages + " pages, target fill "
                    + (chaos ? "50-120%" : "30-60%"));
            while (e.seq() < events) {
                step();
            }
        }

        private int fillPercent(long seq) {
            long x = seq % period;
            long half = period / 2;
            long tri = x < half ? x * 1000 / half : (period - x) * 1000 / half;
            // random aims past full memory at the top of each wave, so requests fail there
            int lo = chaos ? 50 : 30;
            int hi = chaos ? 120 : 60;
            return (int) (lo + (hi - lo) * tri / 1000);
        }

        private void step() {
            long left = events - e.seq();
            int owed = pool.freeable();
            if (owed >= left) {
                e.freeByOwner(picks.live(true), rng.perMille(500));
                return;
            }
            if (owed == 0 && left == 1) {
                e.mark(name + ": done");
                return;
            }
            boolean mayAlloc = owed <= left - 2 && 2L * owed < left - 1;
            if (!mayAlloc && !teardownMarked && e.seq() > events / 2) {
                teardownMarked = true;
                e.mark(name + ": teardown, " + owed + " blocks to free");
                return;
            }
            long p = e.seq() / (period / 2);
            if (p != phase && mayAlloc) {
                phase = p;
                e.mark(name + ": fill " + (p % 2 == 0 ? "rising" : "falling") + " towards "
                        + fillPercent(e.seq() + period / 2 - 1) + "%");
                return;
            }
            if (rng.perMille(1)) {
                e.mark(name + ": checkpoint at " + pool.livePages() + " live pages");
                return;
            }
            long deficit = pages * fillPercent(e.seq()) / 100 - pool.livePages();
            boolean below = deficit > 0;
            boolean farBelow = deficit > pages / 10;
            boolean any = pool.count() > 0;
            boolean pull = below && (chaos || farBelow); // catch up fast; random always overshoots
            int wAlloc = mayAlloc ? (pull ? 70 : below ? 36 : 18) : 0;
            int wFree = owed > 0 ? (mayAlloc ? (pull ? 10 : below ? 18 : 36) : 45) : 0;
            int wAccess = any ? 30 : 0;
            int wTransfer = any ? 10 : 0;
            int wBug = chaos ? 6 : 0;
            int r = rng.below(wAlloc + wFree + wAccess + wTransfer + wBug);
            if ((r -= wAlloc) < 0) {
                if (!alloc()) {
                    fallback(owed);
                }
            } else if ((r -= wFree) < 0) {
                e.freeByOwner(picks.live(true), rng.perMille(500));
            } else if ((r -= wAccess) < 0) {
                access();
            } else if ((r -= wTransfer) < 0) {
                transfer();
            } else if (!bugs.plant(mayAlloc)) {
                fallback(owed);
            }
        }

        /** Something harmless when the chosen op cannot be done. */
        private void fallback(int owed) {
            if (owed > 0) {
                e.freeByOwner(picks.live(true), true);
            } else if (pool.count() > 0) {
                access();
            } else {
                e.mark(name + ": idle");
            }
        }

        private int chooseOrder(Actor a) {
            int max = Math.min(a.maxOrder(), capOrder);
            if (a.fn() != null || max == 0) {
                return 0;
            }
            int x = rng.below(1000);
            int o = x < 800 ? 0 : x < 900 ? 1 : x < 950 ? 2 : x < 985 ? 3 : 4 + rng.below(6);
            return Math.min(o, max);
        }

        private boolean alloc() {
            Actor a = rng.pick(actors);
            int order = chooseOrder(a);
            if (!chaos) {
                long free = e.model.freePages();
                while (order > 0 && free - (1L << order) <= guard) {
                    order--;
                }
                if (free - 1 <= guard) {
                    return false;
                }
                long pfn = e.tryAlloc(a, a.allocCtx(), order, gfpFor(a, order), a.fn(), a.allocSite(), 0);
                if (pfn < 0 && order > 0) {
                    pfn = e.tryAlloc(a, a.allocCtx(), 0, a.gfp(), a.fn(), a.allocSite(), 0);
                }
                return pfn >= 0;
            }
            long gfp = gfpFor(a, order);
            String fn = a.fn();
            int x = rng.below(1000);
            long modifier = x < 80 ? Gfp.NOWARN : x < 150 ? Gfp.DMA32 : x < 170 ? Gfp.DMA : x < 190 ? Gfp.HIGH
                    : x < 200 && order <= 1 ? Gfp.NOFAIL : x < 205 ? Gfp.MEMALLOC : 0;
            if (modifier != 0) {
                gfp |= modifier;
                fn = null; // an entry point fixes the mask; a modified mask is a plain request
            }
            int flags = 0;
            if ((!leakPlanted && e.seq() >= 3) || rng.perMille(7)) {
                flags = Pool.LEAKY;
            }
            long pfn = e.alloc(a, a.allocCtx(), order, gfp, fn, a.allocSite(), flags);
            if (pfn >= 0 && flags != 0) {
                leakPlanted = true;
            }
            return true;
        }

        private long gfpFor(Actor a, int order) {
            return order > 0 ? a.gfp() | Gfp.COMP : a.gfp();
        }

        private void access() {
            long h = picks.live(false);
            long pfn = h + rng.below(1 << pool.order(h));
            Actor owner = e.cast.get(pool.owner(h));
            if (pool.exclusive(h) || rng.perMille(700)) {
                e.access(owner, owner.useCtx(), pfn, rng.perMille(600), owner.useSite());
            } else {
                Actor reader = picks.other(owner); // a shared block: anyone may read it
                e.access(reader, reader.useCtx(), pfn, false, reader.useSite());
            }
        }

        private void transfer() {
            long h = picks.live(false);
            long pfn = h + rng.below(1 << pool.order(h));
            Actor owner = e.cast.get(pool.owner(h));
            e.transfer(owner, owner.useCtx(), pfn, picks.other(owner), owner.xferSite());
        }

    }
}
