package labyrinth.gen;

import labyrinth.core.Gfp;
import labyrinth.trace.Context;
import labyrinth.trace.Event;

/**
 * The deliberate bugs of the {@code random} workload ({@link Workload}): double free, free of a
 * never-allocated page, free inside a block, order mismatch, foreign free, exclusive violation, use
 * after free, foreign transfer, sleeping allocation in atomic context. Each is made against the
 * {@link Pool} as it stands, so it is the bug it claims to be. Not thread-safe.
 */
final class PlantedBugs {
    private final Emitter e;
    private final Pool pool;
    private final Rng rng;
    private final Actor[] actors;
    private final Picks picks;

    PlantedBugs(Emitter e, Picks picks) {
        this.e = e;
        this.pool = e.pool;
        this.rng = e.rng;
        this.actors = e.cast.all();
        this.picks = picks;
    }

    /**
     * One bug of a kind drawn at random; false when the pool offers it no target. {@code mayAlloc}:
     * whether the workload may still allocate (the sleeping allocation is one).
     */
    boolean plant(boolean mayAlloc) {
        switch (rng.below(9)) {
            case 0:
                return doubleFree();
            case 1:
                return neverAllocatedFree();
            case 2:
                return freeInsideBlock();
            case 3:
                return orderMismatch();
            case 4:
                return foreignFree();
            case 5:
                return exclusiveViolation();
            case 6:
                return useAfterFree();
            case 7:
                return foreignTransfer();
            default:
                return mayAlloc && sleepInAtomic();
        }
    }

    /** A recently released head that is still free: freed again by its last holder. */
    private boolean doubleFree() {
        int i = recentStillFree();
        if (i < 0) {
            return false;
        }
        Actor a = e.recentOwner(i);
        e.free(a, a.useCtx(), e.recentHead(i), Event.ABSENT, a.freeSite());
        return true;
    }

    /** Index of a randomly chosen recently released head that no live block covers again, or -1. */
    private int recentStillFree() {
        int n = e.recentCount();
        if (n == 0) {
            return -1;
        }
        int i = rng.below(n);
        return pool.headOf(e.recentHead(i)) >= 0 ? -1 : i;
    }

    /** A page no event has touched yet (the top of memory, which address order fills last). */
    private boolean neverAllocatedFree() {
        int end = pool.endPfn();
        for (int tries = 0; tries < 8; tries++) {
            long pfn = end - 1 - rng.below(Math.max(1, end / 8));
            if (pool.headOf(pfn) < 0 && !pool.everFreed(pfn)) {
                Actor a = rng.pick(actors);
                e.free(a, a.useCtx(), pfn, 0, a.freeSite());
                return true;
            }
        }
        return false;
    }

    private boolean freeInsideBlock() {
        for (int tries = 0; tries < 16 && pool.count() > 0; tries++) {
            long h = pool.head(rng.below(pool.count()));
            int size = 1 << pool.order(h);
            if (size > 1) {
                Actor owner = e.cast.get(pool.owner(h));
                e.free(owner, owner.useCtx(), h + 1 + rng.below(size - 1), Event.ABSENT, owner.freeSite());
                return true;
            }
        }
        return false;
    }

    private boolean orderMismatch() {
        if (pool.freeable() == 0) {
            return false;
        }
        long h = picks.live(true);
        int maxOrder = e.model.machine().maxOrder();
        int wrong = (pool.order(h) + 1 + rng.below(maxOrder)) % (maxOrder + 1);
        Actor owner = e.cast.get(pool.owner(h));
        e.free(owner, owner.useCtx(), h, wrong, owner.freeSite());
        return true;
    }

    private boolean foreignFree() {
        if (pool.freeable() == 0) {
            return false;
        }
        long h = picks.live(true);
        Actor stranger = picks.other(e.cast.get(pool.owner(h)));
        e.free(stranger, stranger.useCtx(), h, Event.ABSENT, stranger.freeSite());
        return true;
    }

    private boolean exclusiveViolation() {
        for (int tries = 0; tries < 32 && pool.count() > 0; tries++) {
            long h = pool.head(rng.below(pool.count()));
            if (pool.exclusive(h)) {
                Actor stranger = picks.other(e.cast.get(pool.owner(h)));
                e.access(stranger, stranger.useCtx(), h + rng.below(1 << pool.order(h)), rng.perMille(500),
                        stranger.useSite());
                return true;
            }
        }
        return false;
    }

    private boolean useAfterFree() {
        int i = recentStillFree();
        if (i < 0) {
            return false;
        }
        Actor a = e.recentOwner(i);
        e.access(a, a.useCtx(), e.recentHead(i), true, a.useSite());
        return true;
    }

    private boolean foreignTransfer() {
        if (pool.count() == 0) {
            return false;
        }
        long h = picks.live(false);
        Actor thief = picks.other(e.cast.get(pool.owner(h)));
        Actor to = rng.perMille(500) ? thief : picks.other(thief);
        e.transfer(thief, thief.useCtx(), h, to, thief.xferSite());
        return true;
    }

    /** A driver in atomic context calling the sleeping entry point. */
    private boolean sleepInAtomic() {
        Actor a;
        do {
            a = rng.pick(actors);
        } while (a.allocCtx() == Context.TASK);
        e.alloc(a, a.allocCtx(), 0, Gfp.GFP_KERNEL, Cast.KERNEL_FN, a.allocSite(), 0);
        return true;
    }
}
