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
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Context;
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
                    long pfn = t.site("site" + who).alloc(OWNERS[who], 0, Gfp.GFP_KERNEL).lastPfn();
                    held.add(new long[] {pfn, who});
                } else {
                    long[] h = held.remove(rnd.nextInt(held.size()));
                    t.site("free" + h[1]).free(OWNERS[(int) h[1]], h[0]);
                }
            }
        }

        void drain() {
            for (long[] h : held) {
                t.site("free" + h[1]).free(OWNERS[(int) h[1]], h[0]);
            }
            held.clear();
        }
    }

    private static ReplayResult replay(Header header, List<Event> events) {
        return TraceBuilder.run(header, events, null);
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
        String signature = primary(replay(t.header(), t.events()));
        assertThat(signature).isNotNull();
        long[] lastTries = {0};
        List<long[]> tried = new ArrayList<>();
        Reducer.Result r = Reducer.reduce("test", t.header(), t.events(), OPTIONS,
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
        assertThat(primary(replay(header, reduced))).isEqualTo(signature);
        for (int i = 0; i < reduced.size(); i++) {
            List<Event> less = new ArrayList<>(reduced);
            less.remove(i);
            assertThat(primary(replay(header, less)))
                    .as("without event %d of %s", i, reduced).isNotEqualTo(signature);
        }
        assertThat(r.tries()).isEqualTo(lastTries[0]);
        assertThat(r.originalEvents()).isEqualTo(t.size());
        return r;
    }

    @Test
    void doubleFreeInNoiseShrinksToAllocFreeFree() {
        TraceBuilder t = TraceBuilder.complete(1024).recorded();
        Noise noise = new Noise(t, 1);
        noise.steps(150);
        long pfn = t.site("nvme_alloc_prp_list+0x5c").alloc("nvme0q3", 0, Gfp.GFP_KERNEL).lastPfn();
        noise.steps(100);
        t.site("nvme_complete_rq+0x40").free("nvme0q3", pfn);
        t.site("nvme_timeout+0x1c").free("nvme0q3", pfn);
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
        TraceBuilder t = TraceBuilder.complete(512).recorded();
        Noise noise = new Noise(t, 2);
        noise.steps(200);
        long pfn = t.ctx(Context.HARDIRQ).site("rx_refill").alloc("eth0-rx", 2, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE)
                .lastPfn();
        assertThat(pfn).isGreaterThan(0);
        noise.steps(50);
        t.access("dma-engine", pfn + 3);
        noise.steps(20);
        t.site("rx_clean").free("eth0-rx", pfn);
        noise.drain();
        Reducer.Result r = reduceAndCheck(t);
        assertThat(r.reduced().events()).hasSize(2);
        Event access = r.reduced().events().get(1);
        assertThat(((Event.Access) access).pfn()).as("offset 3 into the block, now at pfn 0").isEqualTo(3);
    }

    @Test
    void useAfterFreeAndLeakReduceToTheirFewEvents() {
        TraceBuilder t = TraceBuilder.complete(256).recorded();
        Noise noise = new Noise(t, 3);
        noise.steps(100);
        long pfn = t.ctx(Context.SOFTIRQ).site("napi_alloc_skb").alloc("napi", 0, Gfp.GFP_ATOMIC).lastPfn();
        noise.steps(10);
        t.site("napi_consume_skb").free("napi", pfn);
        t.access("napi", pfn);
        noise.drain();
        // a use of a page that was never allocated has the same signature: one event is enough
        assertThat(reduceAndCheck(t).reduced().events()).extracting(e -> e.op().label()).containsExactly("access");

        TraceBuilder leak = TraceBuilder.complete(256).recorded();
        Noise n2 = new Noise(leak, 4);
        n2.steps(120);
        leak.site("probe+0x10").alloc("driver", 0, Gfp.GFP_KERNEL);
        n2.steps(120);
        n2.drain();
        assertThat(reduceAndCheck(leak).reduced().events()).hasSize(1);
    }

    @Test
    void panicAfterExhaustionKeepsTheFailureAndRemapsTheCause() {
        TraceBuilder t = TraceBuilder.complete(256).recorded();
        Noise noise = new Noise(t, 5);
        long failed = -1;
        for (int round = 0; failed < 0; round++) {
            noise.steps(3);
            t.ctx(Context.HARDIRQ).site("rx_refill+0x4c").alloc("eth0-rx", 0, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE);
            if (t.lastPfn() < 0) {
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
        TraceBuilder t = TraceBuilder.complete(64).recorded();
        new Noise(t, 6).steps(20);
        assertThatThrownBy(() -> Reducer.reduce("test", t.header(), t.events(), OPTIONS,
                Reducer.sameSignature("double-free x@y", Severity.ERROR), (p, e, n) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
