package labyrinth.gen;

import java.util.function.Consumer;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * {@code rx-storm}: a NIC refills its RX ring with {@code labyrinth_void_alloc_page_gfp_atomic_exclusive}
 * from hardirq ({@code eth0-rx} at {@code rx_refill+0x4c/0x120}); received pages go to {@code napi},
 * then {@code tcp} (or are dropped), and are freed there; the error path of an RX descriptor leaks
 * its page. Light background traffic (GFP_KERNEL family, task context) allocates and frees. When the
 * atomic reserve is gone the refill fails, is recorded as a failure, and the driver panics with
 * {@code "eth0: RX ring refill failed"} naming that event as its cause; the trace ends there.
 *
 * <p>Sizing: {@link #pagesFor} gives 64 pages per 2048 events, a power of two from 64 up, so the
 * pages to exhaust are about 3% of the events. Pacing: with {@code R} events left before the
 * failure should come (at {@code seq = events - 2}) and {@code D} order-0 atomic allocations the
 * model still grants (free pages minus the GFP_ATOMIC floor), a received page leaks with
 * probability {@code min(1, 2D/R)}, which leans slow on purpose: once {@code D >= R} the storm
 * begins and every descriptor errors and leaks (one event, one page each), landing on the target. The trace always ends in the panic, since each storm step takes a page and nothing
 * is freed; it lands on {@code events} exactly unless traffic freed more than pacing expected.
 *
 * <p>Guarantee the tests check: for every seed and every {@code events >= 200}, the last two
 * events are the failing eth0-rx allocation and the panic, and no other allocation fails.
 */
final class RxStorm implements Scenario {
    static final String PANIC = "eth0: RX ring refill failed";
    private static final String NAME = "rx-storm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "eth0 refills its RX ring with atomic exclusive pages from hardirq while an error path leaks"
                + " some, until the refill fails and the driver panics: replays as panic-reproduced;"
                + " about --events events";
    }

    @Override
    public long minEvents() {
        return 200;
    }

    /** 64 pages per 2048 events, as a power of two: 64 pages up to 4095 events, 128 up to 8191, ... */
    static long pagesFor(long events) {
        return 64 * ScenarioRules.powerOfTwoIn(events / 2048, 1, ScenarioRules.GiB_PAGES / 64);
    }

    /** Descriptors in the RX ring: a sixteenth of memory, 8 to 512. */
    static int ringFor(long pages) {
        return (int) Math.max(8, Math.min(512, pages / 16));
    }

    @Override
    public Header header(long seed, long events) {
        return ScenarioRules.header(this, seed, events, Machine.ofPages(pagesFor(events)));
    }

    private static Cast cast() {
        Cast c = new Cast();
        c.add("eth0-rx", Context.HARDIRQ, Context.SOFTIRQ, 2, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE, Cast.RX_FN, 0,
                "rx_refill+0x4c/0x120", "rx_clean+0x1f0/0x2f0", "rx_clean+0x1b0/0x2f0", "rx_clean+0x98/0x2f0");
        c.add("napi", Context.SOFTIRQ, Context.SOFTIRQ, 2, Gfp.GFP_ATOMIC, null, 0, "napi_alloc_skb+0x54/0x1a0",
                "napi_consume_skb+0x4c/0x100", "napi_gro_receive+0x160/0x200", "napi_gro_receive+0x160/0x200");
        c.add("tcp", Context.SOFTIRQ, Context.TASK, -1, Gfp.GFP_ATOMIC, null, 0, "tcp_stream_alloc_skb+0x3c/0x1f0",
                "skb_release_data+0x13c/0x1a0", "tcp_recvmsg_locked+0x2e4/0x9a0", "tcp_queue_rcv+0x48/0x160");
        c.add("kworker/u16:2", Context.TASK, Context.TASK, -1, Gfp.GFP_KERNEL, null, 1, "process_one_work+0x1f4/0x3c0",
                "process_one_work+0x2a8/0x3c0", "worker_thread+0x11c/0x3f0", "queue_work_on+0x44/0x80");
        c.add("nvme0q3", Context.TASK, Context.HARDIRQ, 2, Gfp.GFP_NOIO, null, 1, "blk_mq_alloc_request+0x6c/0x1e0",
                "nvme_pci_complete_rq+0x7c/0x1a0", "nvme_irq+0x15c/0x2a0", "nvme_queue_rq+0x1a4/0x8e0");
        c.add("jbd2/nvme0n1p2-8", Context.TASK, Context.TASK, -1, Gfp.GFP_NOFS, null, 0,
                "jbd2_journal_commit_transaction+0x2dc/0x1a40", "jbd2_journal_commit_transaction+0xd14/0x1a40",
                "jbd2_journal_write_metadata_buffer+0x9c/0x3a0", "jbd2_journal_file_buffer+0x58/0xd0");
        c.add("pid:812/postgres", Context.TASK, Context.TASK, -1, Gfp.GFP_HIGHUSER_MOVABLE, null, 0,
                "do_anonymous_page+0x128/0x5e0", "zap_pte_range+0x2b8/0x8c0", "handle_mm_fault+0xe0/0x2f0",
                "shmem_add_to_page_cache+0x1b8/0x390");
        return c;
    }

    @Override
    public void generate(long seed, long events, Consumer<? super Event> out) {
        Header header = header(seed, events);
        Emitter e = new Emitter(header, new Rng(seed), cast(), 1500, out);
        new Run(e, events).run();
    }

    private static final class Run {
        private final Emitter e;
        private final Rng rng;
        private final long events;
        private final Actor rx;
        private final Actor napi;
        private final Actor tcp;
        private final Actor[] background;
        private final long floor;
        private final int ring;
        private final LongQueue rxRing = new LongQueue();
        private final LongQueue napiBacklog = new LongQueue();
        private final LongQueue tcpUnread = new LongQueue();
        private final LongQueue tcpRead = new LongQueue();
        private final LongQueue backgroundHeld = new LongQueue();
        private final int backgroundCap;
        private boolean storm;
        private boolean panicked;

        Run(Emitter e, long events) {
            this.e = e;
            this.rng = e.rng;
            this.events = events;
            Cast c = e.cast;
            rx = c.byOwner("eth0-rx");
            napi = c.byOwner("napi");
            tcp = c.byOwner("tcp");
            background = new Actor[] {c.byOwner("kworker/u16:2"), c.byOwner("nvme0q3"), c.byOwner("jbd2/nvme0n1p2-8"),
                    c.byOwner("pid:812/postgres")};
            // __zone_watermark_ok's floor for GFP_ATOMIC: min, less half (MIN_RESERVE), less a quarter (NON_BLOCK)
            long min = e.model.watermarks(0).min();
            long f = min - min / 2;
            floor = f - f / 4;
            long pages = e.model.machine().totalPages();
            ring = ringFor(pages);
            backgroundCap = (int) Math.max(4, pages / 32);
        }

        /** Order-0 GFP_ATOMIC allocations the model still grants. */
        private long grantable() {
            return e.model.freePages() - floor;
        }

        void run() {
            e.mark("eth0: link up, filling the RX ring (" + ring + " descriptors)");
            for (int i = 0; i < ring && !panicked; i++) {
                refill();
            }
            if (!panicked) {
                e.mark("eth0: receiving");
            }
            long guard = 4 * events + 64 * e.model.machine().totalPages() + 1000;
            while (!panicked) {
                if (e.seq() > guard) {
                    throw new IllegalStateException("rx-storm did not exhaust the atomic reserve in " + guard + " events");
                }
                step();
            }
        }

        private void step() {
            long left = events - 2 - e.seq();
            long d = grantable();
            if (d >= left) {
                if (!storm) {
                    storm = true;
                    e.mark("eth0: RX storm, every descriptor takes the error path");
                    return;
                }
                packet(true);
                return;
            }
            double leak = Math.min(1.0, 2.0 * d / Math.max(1, left));
            if (rng.perMille(1)) {
                e.mark("eth0: " + (e.model.machine().totalPages() - e.model.freePages()) + " pages in use");
                return;
            }
            // each stage drains faster than packets arrive, so the backlogs stay short
            int wPacket = 30;
            int wNapi = napiBacklog.isEmpty() ? 0 : 45;
            int wRead = tcpUnread.isEmpty() ? 0 : 45;
            int wFree = tcpRead.isEmpty() ? 0 : 45;
            int wBackground = leak < 0.5 ? 10 : 0;
            int r = rng.below(wPacket + wNapi + wRead + wFree + wBackground);
            if ((r -= wPacket) < 0) {
                packet(rng.chance(leak));
            } else if ((r -= wNapi) < 0) {
                long pfn = napiBacklog.poll();
                if (rng.perMille(880)) {
                    e.transfer(napi, napi.useCtx(), pfn, tcp, napi.xferSite());
                    tcpUnread.add(pfn);
                } else {
                    e.free(napi, napi.useCtx(), pfn, 0, napi.freeSite()); // dropped: bad checksum, no socket
                }
            } else if ((r -= wRead) < 0) {
                long pfn = tcpUnread.poll();
                e.access(tcp, tcp.useCtx(), pfn, false, tcp.useSite());
                tcpRead.add(pfn);
            } else if ((r -= wFree) < 0) {
                e.free(tcp, tcp.useCtx(), tcpRead.poll(), Event.ABSENT, tcp.freeSite());
            } else {
                backgroundStep(d);
            }
        }

        /** A packet lands in the descriptor at the head of the ring; the descriptor is refilled. */
        private void packet(boolean leak) {
            long pfn = rxRing.poll();
            if (leak) {
                // rx_clean's error path reads the status, then drops the descriptor without freeing its page
                if (!storm && rng.perMille(300)) {
                    e.access(rx, rx.useCtx(), pfn, false, rx.useSite());
                }
            } else {
                e.transfer(rx, rx.useCtx(), pfn, napi, rx.xferSite());
                napiBacklog.add(pfn);
            }
            refill();
        }

        private void refill() {
            long pfn = e.alloc(rx, rx.allocCtx(), 0, rx.gfp(), rx.fn(), rx.allocSite(), 0);
            if (pfn < 0) {
                e.panic(rx, rx.allocCtx(), PANIC, e.seq() - 1);
                panicked = true;
            } else {
                rxRing.add(pfn);
            }
        }

        private void backgroundStep(long grantable) {
            boolean grow = backgroundHeld.size() < backgroundCap && rng.perMille(520) && grantable > 16;
            if (grow) {
                Actor a = rng.pick(background);
                int order = a.maxOrder() > 0 && rng.perMille(200) ? 1 : 0;
                long gfp = order > 0 ? a.gfp() | Gfp.COMP : a.gfp();
                // reclaim would have made room in the recorded run; here a refusal just leaves no event
                long pfn = e.tryAlloc(a, a.allocCtx(), order, gfp, null, a.allocSite(), 0);
                if (pfn >= 0) {
                    backgroundHeld.add(pfn);
                    return;
                }
            }
            if (!backgroundHeld.isEmpty()) {
                long pfn = backgroundHeld.poll();
                if (rng.perMille(300)) {
                    Actor owner = e.cast.get(e.pool.owner(pfn));
                    e.access(owner, owner.useCtx(), pfn, true, owner.useSite());
                    backgroundHeld.add(pfn); // still held, now the newest
                } else {
                    e.freeByOwner(pfn, rng.perMille(500));
                }
            } else {
                packet(false);
            }
        }
    }
}
