package labyrinth.gen;

import java.util.List;
import java.util.function.Consumer;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * Makes events and streams them, keeping the allocator model and the {@link Pool} exactly where a
 * simulate-mode replay of the events so far will be. That is the whole trick behind "gen output
 * never diverges": every {@code alloc} is decided by {@link Allocator#allocate} on the header's
 * machine, and every other event changes the model and the pool only the way the replay engine
 * changes its own (a free of a live block's head returns the allocated order whoever frees it and
 * whatever order it names; a transfer of a live block changes its owner even when the giver is not
 * its owner; everything else leaves memory alone).
 *
 * <p>A failed {@link Allocator#allocate} changes nothing in the model, so {@link #tryAlloc} may ask
 * the model and emit nothing when it refuses.
 *
 * <p>Events get {@code seq} 0, 1, ... and a strictly increasing {@code t} in ns. Not thread-safe:
 * one per generation.
 */
final class Emitter {
    static final int CPUS = 16;
    private static final long BOOT_NS = 1_000_000_000L;
    private static final int RECENT = 64;

    final Allocator model;
    final Pool pool;
    final Rng rng;
    final Cast cast;
    private final Consumer<? super Event> out;
    private final int maxGapNs;
    private long seq;
    private long time = BOOT_NS;
    /** Heads released lately and who held them, a ring: targets for double frees and uses after free. */
    private final long[] recentHead = new long[RECENT];
    private final int[] recentOwner = new int[RECENT];
    private long released;

    Emitter(Header header, Rng rng, Cast cast, int maxGapNs, Consumer<? super Event> out) {
        this.model = new Allocator(header.machine());
        this.pool = new Pool(header.machine().endPfn(), header.machine().maxOrder());
        this.rng = rng;
        this.cast = cast;
        this.maxGapNs = maxGapNs;
        this.out = out;
    }

    /** The {@code seq} of the next event, which is also the number of events emitted so far. */
    long seq() {
        return seq;
    }

    private CommonFields common(Actor a, Context ctx, String site) {
        time += 1 + rng.below(maxGapNs);
        int cpu = a == null ? -1 : a.cpu() >= 0 ? a.cpu() : rng.below(CPUS);
        return new CommonFields(seq, true, 0, 0, time, cpu, ctx, a == null ? null : a.owner(), site, List.of());
    }

    private void emit(Event e) {
        seq++;
        out.accept(e);
    }

    /**
     * An allocation the model decides; emitted whether it succeeds or not.
     *
     * @param flags {@link Pool#LEAKY} or 0; {@code __GFP_EXCLUSIVE} in {@code gfp} sets EXCLUSIVE
     * @return the pfn, or a negative failure code
     */
    long alloc(Actor a, Context ctx, int order, long gfp, String fn, String site, int flags) {
        long pfn = model.allocate(order, gfp);
        emitAlloc(a, ctx, order, gfp, fn, site, flags, pfn);
        return pfn;
    }

    /** An allocation emitted only when the model grants it; a refusal leaves no trace. */
    long tryAlloc(Actor a, Context ctx, int order, long gfp, String fn, String site, int flags) {
        long pfn = model.allocate(order, gfp);
        if (pfn >= 0) {
            emitAlloc(a, ctx, order, gfp, fn, site, flags, pfn);
        }
        return pfn;
    }

    private void emitAlloc(Actor a, Context ctx, int order, long gfp, String fn, String site, int flags, long pfn) {
        emit(new Event.Alloc(common(a, ctx, site), order, gfp, fn, pfn >= 0 ? pfn : Event.NULL_PFN, null));
        if (pfn >= 0) {
            pool.add(pfn, order, a.id(), flags | ((gfp & Gfp.EXCLUSIVE) != 0 ? Pool.EXCLUSIVE : 0));
        }
    }

    /** @param order the caller's order, or {@link Event#ABSENT} */
    void free(Actor a, Context ctx, long pfn, int order, String site) {
        emit(new Event.Free(common(a, ctx, site), pfn, order));
        if (pool.isHead(pfn)) {
            int slot = (int) (released++ % RECENT);
            recentHead[slot] = pfn;
            recentOwner[slot] = pool.owner(pfn);
            model.free(pfn, pool.order(pfn));
            pool.release(pfn);
        }
    }

    /** How many of the recently released heads {@link #recentHead} can name. */
    int recentCount() {
        return (int) Math.min(released, RECENT);
    }

    /** The {@code i}-th recently released head, {@code 0 <= i < recentCount()}; it may be live again. */
    long recentHead(int i) {
        return recentHead[i];
    }

    /** Who held {@link #recentHead}{@code (i)} when it was released. */
    Actor recentOwner(int i) {
        return cast.get(recentOwner[i]);
    }

    /** The owner frees its block the way it is meant to be freed, in its own context. */
    void freeByOwner(long head, boolean giveOrder) {
        Actor owner = cast.get(pool.owner(head));
        free(owner, owner.useCtx(), head, giveOrder ? pool.order(head) : Event.ABSENT, owner.freeSite());
    }

    void access(Actor a, Context ctx, long pfn, boolean write, String site) {
        emit(new Event.Access(common(a, ctx, site), pfn, write));
    }

    void transfer(Actor a, Context ctx, long pfn, Actor to, String site) {
        emit(new Event.Transfer(common(a, ctx, site), pfn, to.owner()));
        long head = pool.headOf(pfn);
        if (head >= 0) {
            pool.setOwner(head, to.id());
        }
    }

    void mark(String label) {
        emit(new Event.Mark(common(null, Context.TASK, null), label));
    }

    void panic(Actor a, Context ctx, String message, long cause) {
        emit(new Event.Panic(common(a, ctx, null), message, cause));
    }
}
