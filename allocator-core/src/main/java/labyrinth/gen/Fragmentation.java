package labyrinth.gen;

import java.util.function.Consumer;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * {@code fragmentation}: memory is filled page by page, every other page is freed, and then
 * high-order requests (orders 2 to 4) fail with reason {@code fragmentation}: half the memory is
 * free, but no two free pages are buddies. Then everything is freed. Exactly {@code events} events.
 *
 * <p>The fill goes down to the last page the way a real box gets there: user memory
 * (GFP_HIGHUSER_MOVABLE) until the model refuses it at the min watermark, then atomic skbs from
 * softirq (GFP_ATOMIC) down to the atomic floor, then kswapd0 with {@code __GFP_MEMALLOC}, which
 * ignores watermarks, takes the rest. Refused requests of the fill leave no event. The fill is
 * therefore {@code pages} order-0 allocations, the pressure points fire on the way, and after
 * freeing the odd pfns every free page is alone.
 *
 * <p>Sizing: {@link #pagesFor} is the largest power of two (128 or more) with room for the fill,
 * the two rounds of frees, four marks and at least a quarter of the events as requests.
 */
final class Fragmentation implements Scenario {
    @Override
    public String name() {
        return "fragmentation";
    }

    @Override
    public String description() {
        return "fill memory with single pages, free every other one, then order-2..4 requests fail with reason"
                + " fragmentation; everything freed at the end; exactly --events events";
    }

    @Override
    public long minEvents() {
        return 400;
    }

    static long pagesFor(long events) {
        return ScenarioRules.powerOfTwoIn((events * 3 / 4 - 4) / 2, 128, ScenarioRules.GiB_PAGES);
    }

    @Override
    public Header header(long seed, long events) {
        return ScenarioRules.header(this, seed, events, Machine.ofPages(pagesFor(events)));
    }

    private static Cast cast() {
        Cast c = new Cast();
        c.add("pid:812/postgres", Context.TASK, Context.TASK, -1, Gfp.GFP_HIGHUSER_MOVABLE, null, 0,
                "do_anonymous_page+0x128/0x5e0", "zap_pte_range+0x2b8/0x8c0", "handle_mm_fault+0xe0/0x2f0", null);
        c.add("napi", Context.SOFTIRQ, Context.SOFTIRQ, 2, Gfp.GFP_ATOMIC, null, 0, "napi_alloc_skb+0x54/0x1a0",
                "napi_consume_skb+0x4c/0x100", "napi_gro_receive+0x160/0x200", null);
        c.add("kswapd0", Context.TASK, Context.TASK, 0, Gfp.GFP_KERNEL | Gfp.MEMALLOC, null, 0, "swap_writepage+0x3c/0x90",
                "end_swap_bio_write+0x58/0xe0", "shrink_folio_list+0x5d4/0xe70", null);
        // the high-order requesters
        c.add("pid:4410/bash", Context.TASK, Context.TASK, -1, Gfp.GFP_KERNEL_ACCOUNT, null, 2,
                "alloc_thread_stack_node+0x4c/0x1b0", null, null, null);
        c.add("eth0-rx", Context.SOFTIRQ, Context.SOFTIRQ, 2, Gfp.GFP_ATOMIC | Gfp.COMP, null, 2,
                "page_pool_alloc_pages+0x30/0x60", null, null, null);
        c.add("kworker/u16:2", Context.TASK, Context.TASK, -1, Gfp.GFP_KERNEL | Gfp.COMP, null, 3,
                "__kmalloc_large_node+0x7c/0x170", null, null, null);
        c.add("amdgpu", Context.TASK, Context.TASK, -1, Gfp.GFP_KERNEL | Gfp.COMP | Gfp.NORETRY, null, 4,
                "ttm_pool_alloc_page+0x44/0x180", null, null, null);
        return c;
    }

    @Override
    public void generate(long seed, long events, Consumer<? super Event> out) {
        Header header = header(seed, events);
        Emitter e = new Emitter(header, new Rng(seed), cast(), 2000, out);
        Rng rng = e.rng;
        Cast c = e.cast;
        long pages = e.model.machine().totalPages();

        e.mark("fragmentation: fill " + pages + " pages one by one");
        Actor[] fillers = {c.byOwner("pid:812/postgres"), c.byOwner("napi"), c.byOwner("kswapd0")};
        for (Actor a : fillers) {
            while (e.tryAlloc(a, a.allocCtx(), 0, a.gfp(), null, a.allocSite(), 0) >= 0) {
                // every grant is an event; the first refusal hands over to the next filler
            }
        }
        if (e.model.freePages() != 0) {
            throw new IllegalStateException("fill left " + e.model.freePages() + " pages free");
        }

        e.mark("fragmentation: free every other page");
        for (long pfn = 1; pfn < pages; pfn += 2) {
            e.freeByOwner(pfn, rng.perMille(500));
        }

        long teardown = pages / 2 + 1;
        e.mark("fragmentation: " + pages / 2 + " pages free, none of them buddies; high-order requests");
        Actor[] requesters = {c.byOwner("pid:4410/bash"), c.byOwner("eth0-rx"), c.byOwner("kworker/u16:2"),
                c.byOwner("amdgpu")};
        while (e.seq() < events - teardown) {
            if (rng.perMille(700)) {
                Actor a = rng.pick(requesters);
                int order = 2 + rng.below(a.maxOrder() - 1);
                e.alloc(a, a.allocCtx(), order, a.gfp(), null, a.allocSite(), 0);
            } else {
                long pfn = 2L * rng.below((int) (pages / 2)); // the even pages are still held
                Actor owner = c.get(e.pool.owner(pfn));
                e.access(owner, owner.useCtx(), pfn, rng.perMille(500), owner.useSite());
            }
        }

        e.mark("fragmentation: teardown");
        for (long pfn = 0; pfn < pages; pfn += 2) {
            e.freeByOwner(pfn, rng.perMille(500));
        }
    }
}
