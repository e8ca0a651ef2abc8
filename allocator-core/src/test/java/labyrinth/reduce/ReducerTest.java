package labyrinth.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.replay.PrimaryFailure;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Severity;
import labyrinth.replay.Signatures;
import labyrinth.trace.Ctx;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import org.junit.jupiter.api.Test;

class ReducerTest {
    private static final Reducer.Options OPTIONS = new Reducer.Options(null, Severity.ERROR, false,
            Allocator.DEFAULT_MAX_PAGES);
    private static final String[] OWNERS = {"kworker/u16:2", "jbd2", "napi", "tcp"};

    /** Background traffic: owners allocate and free their own pages at random; everything is freed at the end. */
    private static final class Noise {
        final TraceBuilder t;
        final Random rnd;
        final List<long[]> held = new ArrayList<>();

        Noise(TraceBuilder t, long seed) {
            this.t = t;
            this.rnd = new Random(seed);
        }

        void steps(int n) {
            for (int i = 0; i < n; i++) {
                int who = rnd.nextInt(OWNERS.length);
                if (held.isEmpty() || rnd.nextInt(3) > 0 && held.size() < 40) {
                    long pfn = t.alloc(OWNERS[who], "site" + who);
                    held.add(new long[] {pfn, who});
                } else {
                    long[] h = held.remove(rnd.nextInt(held.size()));
                    t.free(OWNERS[(int) h[1]], "free" + h[1], h[0]);
                }
            }
        }

        void drain() {
            for (long[] h : held) {
                t.free(OWNERS[(int) h[1]], "free" + h[1], h[0]);
            }
            held.clear();
        }
    }

    private static String primary(ReplayResult r) {
        PrimaryFailure p = Signatures.primary(r, Severity.ERROR);
        return p == null ? null : p.signature();
    }

    /**
     * Reduces, checks the signature survived, and that removing any single event of the result loses it;
     * and that progress was told after every try, the events left never growing.
     */
    private static Reducer.Result reduceAndCheck(TraceBuilder t) {
        String signature = primary(TraceBuilder.replay(t.header, t.events));
        assertThat(signature).isNotNull();
        long[] lastTries = {0};
        List<long[]> tried = new ArrayList<>();
        Reducer.Result r = Reducer.reduce("test", t.header, t.events, OPTIONS,
                Reducer.sameSignature(signature, Severity.ERROR), new Reducer.Progress() {
                    @Override
                    public void update(String pass, int events, long tries) {
                        lastTries[0] = tries;
                    }

                    @Override
                    public void tried(long tries, int events) {
                        tried.add(new long[] {tries, events});
                    }
                });
        assertThat(tried).hasSize((int) r.tries());
        for (int i = 0; i < tried.size(); i++) {
            assertThat(tried.get(i)[0]).isEqualTo(i + 1);
            assertThat(tried.get(i)[1]).isLessThanOrEqualTo(i == 0 ? t.size() : tried.get(i - 1)[1]);
        }
        assertThat(tried.get(tried.size() - 1)[1]).isEqualTo(r.reduced().events().size());
        List<Event> reduced = r.reduced().events();
        Header header = r.reduced().header();
        assertThat(primary(TraceBuilder.replay(header, reduced))).isEqualTo(signature);
        for (int i = 0; i < reduced.size(); i++) {
            List<Event> less = new ArrayList<>(reduced);
            less.remove(i);
            assertThat(primary(TraceBuilder.replay(header, less)))
                    .as("without event %d of %s", i, reduced).isNotEqualTo(signature);
        }
        assertThat(r.tries()).isEqualTo(lastTries[0]);
        assertThat(r.originalEvents()).isEqualTo(t.size());
        return r;
    }

    @Test
    void doubleFreeInNoiseShrinksToAllocFreeFree() {
        TraceBuilder t = new TraceBuilder(1024);
        Noise noise = new Noise(t, 1);
        noise.steps(150);
        long pfn = t.alloc("nvme0q3", "nvme_alloc_prp_list+0x5c");
        noise.steps(100);
        t.free("nvme0q3", "nvme_complete_rq+0x40", pfn);
        t.free("nvme0q3", "nvme_timeout+0x1c", pfn);
        noise.steps(50);
        noise.drain();
        Reducer.Result r = reduceAndCheck(t);
        assertThat(r.reduced().events()).extracting(e -> e.op().label()).containsExactly("alloc", "free", "free");
        assertThat(r.reduced().header().machine().totalPages()).as("enough for GFP_KERNEL above the low watermark")
                .isLessThan(64);
        assertThat(r.reduced().events()).extracting(Event::number).containsExactly(0L, 1L, 2L);
    }

    @Test
    void pagesAreRetargetedToTheBlockTheReducedReplayHandsOut() {
        TraceBuilder t = new TraceBuilder(512);
        Noise noise = new Noise(t, 2);
        noise.steps(200);
        long pfn = t.alloc("eth0-rx", Ctx.HARDIRQ, "rx_refill", 2, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE);
        assertThat(pfn).isGreaterThan(0);
        noise.steps(50);
        t.access("dma-engine", pfn + 3);
        noise.steps(20);
        t.free("eth0-rx", "rx_clean", pfn);
        noise.drain();
        Reducer.Result r = reduceAndCheck(t);
        assertThat(r.reduced().events()).hasSize(2);
        Event access = r.reduced().events().get(1);
        assertThat(((Event.Access) access).pfn()).as("offset 3 into the block, now at pfn 0").isEqualTo(3);
    }

    @Test
    void useAfterFreeAndLeakReduceToTheirFewEvents() {
        TraceBuilder t = new TraceBuilder(256);
        Noise noise = new Noise(t, 3);
        noise.steps(100);
        long pfn = t.alloc("napi", Ctx.SOFTIRQ, "napi_alloc_skb", 0, Gfp.GFP_ATOMIC);
        noise.steps(10);
        t.free("napi", "napi_consume_skb", pfn);
        t.access("napi", pfn);
        noise.drain();
        // a use of a page that was never allocated has the same signature: one event is enough
        assertThat(reduceAndCheck(t).reduced().events()).extracting(e -> e.op().label()).containsExactly("access");

        TraceBuilder leak = new TraceBuilder(256);
        Noise n2 = new Noise(leak, 4);
        n2.steps(120);
        leak.alloc("driver", "probe+0x10");
        n2.steps(120);
        n2.drain();
        assertThat(reduceAndCheck(leak).reduced().events()).hasSize(1);
    }

    @Test
    void panicAfterExhaustionKeepsTheFailureAndRemapsTheCause() {
        TraceBuilder t = new TraceBuilder(256);
        Noise noise = new Noise(t, 5);
        long failed = -1;
        for (int round = 0; failed < 0; round++) {
            noise.steps(3);
            if (t.alloc("eth0-rx", Ctx.HARDIRQ, "rx_refill+0x4c", 0, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE) < 0) {
                failed = t.size() - 1;
            }
            assertThat(round).isLessThan(10_000);
        }
        t.panic("eth0: RX ring refill failed", failed);
        Reducer.Result r = reduceAndCheck(t);
        List<Event> events = r.reduced().events();
        assertThat(events.size()).isLessThan(t.size() / 10);
        Event.Panic panic = (Event.Panic) events.get(events.size() - 1);
        assertThat(panic.cause()).isEqualTo(events.size() - 2);
        assertThat(r.reduced().header().machine().totalPages()).isLessThan(256);
        assertThat(r.reduced().events()).allSatisfy(e -> assertThat(e.number()).isLessThan(events.size()));
    }

    @Test
    void refusesATraceThatDoesNotShowTheFailure() {
        TraceBuilder t = new TraceBuilder(64);
        new Noise(t, 6).steps(20);
        assertThatThrownBy(() -> Reducer.reduce("test", t.header, t.events, OPTIONS,
                Reducer.sameSignature("double-free x@y", Severity.ERROR), (p, e, n) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
