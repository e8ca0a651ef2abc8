package labyrinth.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import labyrinth.core.Gfp;
import labyrinth.replay.FailureCause;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Outcome;
import labyrinth.testing.Seeds;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Op;
import org.junit.jupiter.api.Test;

/** Replays of generated traces in simulate mode: what each scenario promises, and never a divergence. */
class ScenarioReplayTest {
    private static final long[] SIZES = {500, 1500, 7000};

    @Test
    void replayingAnyGenOutputNeverDiverges() {
        long seeds = 0;
        for (Scenario s : Scenarios.all()) {
            for (long n : SIZES) {
                for (long seed : Seeds.range(100, 12)) {
                    Gen.Replay r = Gen.replay(s, seed, n);
                    String what = s.name() + " --seed " + seed + " --events " + n;
                    assertThat(r.count(FindingKind.DIVERGENCE)).as("divergences of %s", what).isZero();
                    assertThat(r.count(FindingKind.TRACE_GAP)).as("trace gaps of %s", what).isZero();
                    assertThat(r.outcome()).as("outcome of %s", what).isNotIn(Outcome.DIVERGED,
                            Outcome.PANIC_NOT_REPRODUCED);
                    seeds++;
                }
            }
        }
        assertThat(seeds).isEqualTo(4 * SIZES.length * Seeds.range(100, 12).length);
    }

    // ---- rx-storm ----

    @Test
    void rxStormAlwaysEndsInAReproducedRefillPanicNearTheRequestedSize() {
        long[] sizes = {200, 201, 257, 999, 2047, 2048, 4096, 12345, 40000};
        for (long n : sizes) {
            for (long seed : Seeds.range(1, 25)) {
                String what = "rx-storm --seed " + seed + " --events " + n;
                Gen.Replay r = Gen.replay(new RxStorm(), seed, n);
                assertThat(r.outcome()).as(what).isEqualTo(Outcome.PANIC_REPRODUCED);
                assertThat(r.events()).as("events of %s", what).isBetween(n * 8 / 10, n + 8);
                Event.Panic panic = (Event.Panic) r.last();
                Event.Alloc trigger = (Event.Alloc) r.beforeLast();
                assertThat(panic.message()).isEqualTo("eth0: RX ring refill failed");
                assertThat(panic.cause()).as(what).isEqualTo(trigger.number());
                assertThat(trigger.pfn()).as(what).isEqualTo(Event.NULL_PFN);
                assertThat(trigger.common().owner()).isEqualTo("eth0-rx");
                assertThat(trigger.common().ctx()).isEqualTo(Context.HARDIRQ);
                assertThat(trigger.common().site()).isEqualTo("rx_refill+0x4c/0x120");
                assertThat(trigger.fn()).isEqualTo("labyrinth_void_alloc_page_gfp_atomic_exclusive");
                assertThat(r.summary().failures()).as("only the refill fails in %s", what).isEqualTo(1);
                assertThat(r.panic().trigger()).isEqualTo(trigger.number());
                assertThat(r.panic().reproduced()).isTrue();
                Finding failure = r.findings().stream().filter(f -> f.kind() == FindingKind.ALLOC_FAILURE).findFirst()
                        .orElseThrow();
                assertThat(failure.reason()).isEqualTo(FailureCause.WATERMARK);
                assertThat(failure.event()).isEqualTo(trigger.number());
            }
        }
    }

    @Test
    void rxStormHandsPagesOnFreesMostAndLeaksSomeWithBackgroundTraffic() {
        List<Event> events = Gen.events(new RxStorm(), 5, 20000);
        Set<String> rxTargets = new HashSet<>();
        Set<String> freers = new HashSet<>();
        Set<String> allocators = new HashSet<>();
        long rxAllocs = 0;
        for (Event e : events) {
            String owner = e.common().owner();
            if (e instanceof Event.Transfer t && owner.equals("eth0-rx")) {
                rxTargets.add(t.to());
            } else if (e instanceof Event.Free) {
                freers.add(owner);
            } else if (e instanceof Event.Alloc a) {
                allocators.add(owner);
                if (owner.equals("eth0-rx")) {
                    rxAllocs++;
                    assertThat(a.common().ctx()).isEqualTo(Context.HARDIRQ);
                } else {
                    assertThat(a.common().ctx()).isEqualTo(Context.TASK);
                    assertThat(Gfp.maySleep(a.gfp())).isTrue(); // the GFP_KERNEL family
                }
            }
        }
        assertThat(rxTargets).containsExactly("napi");
        assertThat(freers).contains("napi", "tcp").doesNotContain("eth0-rx");
        assertThat(allocators).contains("eth0-rx").hasSizeGreaterThan(2);
        // a machine of 64 pages per 2048 events: 576 pages here, most of which the leak eats
        assertThat(RxStorm.pagesFor(20000)).isEqualTo(512);
        assertThat(rxAllocs).isGreaterThan(2000);
    }

    @Test
    void rxStormSizesItsMachineInPowersOfTwoTimes64() {
        assertThat(RxStorm.pagesFor(200)).isEqualTo(64);
        assertThat(RxStorm.pagesFor(4095)).isEqualTo(64);
        assertThat(RxStorm.pagesFor(4096)).isEqualTo(128);
        assertThat(RxStorm.pagesFor(1_000_000)).isEqualTo(64 * 256);
        assertThat(RxStorm.pagesFor(Long.MAX_VALUE / 2)).isEqualTo(262144);
    }

    // ---- steady ----

    @Test
    void steadyIsCleanWithExactlyNEventsOfEveryOpAndContext() {
        for (long n : new long[] {100, 101, 3000, 20000}) {
            for (long seed : Seeds.range(1, 4)) {
                String what = "steady --seed " + seed + " --events " + n;
                Gen.Replay r = Gen.replay(Workload.steady(), seed, n);
                assertThat(r.events()).as(what).isEqualTo(n);
                assertThat(r.findings()).as("findings of %s", what).isEmpty();
                assertThat(r.outcome()).isEqualTo(Outcome.CLEAN);
                assertThat(r.panic()).isNull();
                assertThat(r.summary().failures()).isZero();
            }
        }
        List<Event> events = Gen.events(Workload.steady(), 11, 20000);
        Set<Op> ops = events.stream().map(Event::op).collect(Collectors.toCollection(() -> EnumSet.noneOf(Op.class)));
        assertThat(ops).containsExactlyInAnyOrder(Op.ALLOC, Op.FREE, Op.ACCESS, Op.TRANSFER, Op.MARK);
        Set<Context> allocCtx = events.stream().filter(e -> e instanceof Event.Alloc).map(e -> e.common().ctx())
                .collect(Collectors.toSet());
        assertThat(allocCtx).containsExactlyInAnyOrder(Context.values());
        Set<String> owners = events.stream().map(e -> e.common().owner()).filter(o -> o != null)
                .collect(Collectors.toSet());
        assertThat(owners).hasSizeGreaterThanOrEqualTo(32);
        Set<Integer> orders = events.stream().filter(e -> e instanceof Event.Alloc).map(e -> ((Event.Alloc) e).order())
                .collect(Collectors.toSet());
        assertThat(orders).contains(0, 1, 2, 3, 4);
        for (Event e : events) {
            if (e instanceof Event.Alloc a && e.common().ctx() != Context.TASK) {
                assertThat(Gfp.maySleep(a.gfp())).as("event %d sleeps in %s", e.number(), e.common().ctx()).isFalse();
            }
        }
    }

    @Test
    void steadyHoldsTheLiveSetBetweenThirtyAndSixtyPercentOnABigMachine() {
        long n = 1_048_576;
        Gen.Replay r = Gen.replay(Workload.steady(), 2, n);
        long pages = r.header().machine().totalPages();
        assertThat(pages).isEqualTo(262144);
        assertThat(r.findings()).isEmpty();
        assertThat(r.summary().peakUsedPages()).isBetween(pages * 50 / 100, pages * 65 / 100);
    }

    // ---- fragmentation ----

    @Test
    void fragmentationFailsHighOrderRequestsForFragmentationOnly() {
        for (long n : new long[] {400, 1000, 9000}) {
            for (long seed : Seeds.range(1, 3)) {
                String what = "fragmentation --seed " + seed + " --events " + n;
                Gen.Replay r = Gen.replay(new Fragmentation(), seed, n);
                assertThat(r.events()).as(what).isEqualTo(n);
                List<Finding> failures = r.findings().stream().filter(f -> f.kind() == FindingKind.ALLOC_FAILURE).toList();
                assertThat(failures).as(what).hasSizeGreaterThanOrEqualTo((int) (n / 8));
                assertThat(failures).allSatisfy(f -> {
                    assertThat(f.reason()).isEqualTo(FailureCause.FRAGMENTATION);
                    assertThat(f.order()).isBetween(2, 4);
                });
                assertThat(r.summary().failures()).isEqualTo(failures.size());
                // half of memory is free when they fail
                Finding first = failures.get(0);
                assertThat(first.memory().zones().get(0).free()).isEqualTo(r.header().machine().totalPages() / 2);
                assertThat(r.count(FindingKind.LEAK)).isZero();
                assertThat(r.findings()).extracting(Finding::kind)
                        .containsOnly(FindingKind.ALLOC_FAILURE, FindingKind.WATERMARK_LOW, FindingKind.WATERMARK_MIN);
            }
        }
    }

    // ---- random ----

    @Test
    void randomHasExactlyNEventsAndFindingsOfManyKinds() {
        Set<FindingKind> union = EnumSet.noneOf(FindingKind.class);
        for (long seed : Seeds.range(1, 3)) {
            Gen.Replay r = Gen.replay(Workload.random(), seed, 5000);
            assertThat(r.events()).isEqualTo(5000);
            Set<FindingKind> kinds = r.findings().stream().map(Finding::kind).collect(Collectors.toSet());
            assertThat(kinds).as("kinds of random --seed %d", seed).hasSizeGreaterThanOrEqualTo(10);
            union.addAll(kinds);
        }
        assertThat(union).containsAll(EnumSet.of(FindingKind.ALLOC_FAILURE, FindingKind.SLEEP_IN_ATOMIC, FindingKind.DOUBLE_FREE,
                FindingKind.INVALID_FREE, FindingKind.ORDER_MISMATCH, FindingKind.FOREIGN_FREE, FindingKind.EXCLUSIVE_VIOLATION,
                FindingKind.USE_AFTER_FREE, FindingKind.FOREIGN_TRANSFER, FindingKind.LEAK, FindingKind.WATERMARK_LOW, FindingKind.WATERMARK_MIN));
        assertThat(union).doesNotContain(FindingKind.DIVERGENCE, FindingKind.TRACE_GAP, FindingKind.PANIC, FindingKind.UNKNOWN_FREE);
    }

    @Test
    void randomUsesEveryOpAndContext() {
        List<Event> events = Gen.events(Workload.random(), 4, 5000);
        assertThat(events.stream().map(Event::op).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Op.ALLOC, Op.FREE, Op.ACCESS, Op.TRANSFER, Op.MARK);
        assertThat(events.stream().map(e -> e.common().ctx()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Context.values());
    }
}
