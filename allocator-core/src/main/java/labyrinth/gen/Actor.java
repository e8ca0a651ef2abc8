package labyrinth.gen;

import labyrinth.trace.Context;

/**
 * Someone who allocates, touches, hands on and frees pages in a generated trace: an owner string
 * with the contexts it runs in, the mask it allocates with and its call sites. Immutable.
 *
 * @param id index in its {@link Cast}; the {@link Pool} stores owners as these ids
 * @param allocCtx context of its allocations; {@link Context#TASK} is the only one given a sleeping mask
 * @param useCtx context of its frees, accesses and transfers (an NVMe queue allocates in task
 *     context and completes, freeing, in hardirq)
 * @param cpu the CPU it is bound to (an IRQ's affinity), or -1 for any
 * @param gfp its usual mask; {@code __GFP_COMP} is added for orders above 0
 * @param fn a Labyrinth entry point that fixes order 0 and {@code gfp}, or null for a plain request
 * @param maxOrder the largest order it asks for
 */
record Actor(int id, String owner, Context allocCtx, Context useCtx, int cpu, long gfp, String fn, int maxOrder,
             String allocSite, String freeSite, String useSite, String xferSite) {
}
