package labyrinth.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.gen.Scenario;
import labyrinth.gen.Scenarios;
import labyrinth.replay.FailureCause;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.Test;

class WhatIfTest {
    private static final long MAX = Allocator.DEFAULT_MAX_PAGES;
    private static final Set<FindingKind> OWNERSHIP = EnumSet.of(FindingKind.DOUBLE_FREE, FindingKind.INVALID_FREE, FindingKind.UNKNOWN_FREE,
            FindingKind.ORDER_MISMATCH, FindingKind.FOREIGN_FREE, FindingKind.EXCLUSIVE_VIOLATION, FindingKind.USE_AFTER_FREE,
            FindingKind.FOREIGN_TRANSFER, FindingKind.TRACE_GAP, FindingKind.LEAK);

    private static List<Event> gen(String scenario, long seed, long n) {
        List<Event> list = new ArrayList<>();
        Scenarios.byName(scenario).orElseThrow().generate(seed, n, list::add);
        return list;
    }

    private static ListSource source(String scenario, long seed, long n) {
        Scenario s = Scenarios.byName(scenario).orElseThrow();
        return new ListSource(scenario, s.header(seed, n), gen(scenario, seed, n));
    }

    private static Baseline baseline(ListSource s) throws TraceException {
        return Baseline.run(s, Severity.ERROR, MAX, 100_000, false);
    }

    private static WhatIfResult whatIf(Baseline b, ListSource s, Changes c) throws TraceException {
        return WhatIf.run(b, s, c, Severity.ERROR, MAX, 100_000, false);
    }

    private static ListSource again(ListSource s, String scenario, long seed, long n) {
        return source(scenario, seed, n);
    }

    // ---- properties over generated traces ----

    @Test
    void withoutChangesTheWhatIfIsTheReplay() throws TraceException {
        for (String scenario : List.of("steady", "random", "fragmentation", "rx-storm")) {
            for (long seed = 1; seed <= 4; seed++) {
                long n = 1500;
                Baseline b = baseline(source(scenario, seed, n));
                WhatIfResult w = whatIf(b, source(scenario, seed, n), Changes.NONE);
                String where = scenario + " seed " + seed;
                assertThat(b.result().summary().findingsByKind()).as(where).doesNotContainKey(FindingKind.DIVERGENCE);
                assertThat(w.result().findings()).as(where).isEqualTo(b.result().findings());
                assertThat(w.result().summary()).as(where).isEqualTo(b.result().summary());
                assertThat(w.result().panic()).as(where).isEqualTo(b.result().panic());
                assertThat(w.skipped() + w.dropped()).as(where).isZero();
            }
        }
    }

    @Test
    void addingMemoryToAtomicOnlyTracesNeverAddsAFailure() throws TraceException {
        long seed0 = System.nanoTime();
        RandomGenerator seeds = RandomGeneratorFactory.of("L64X128MixRandom").create(seed0);
        for (int round = 0; round < 40; round++) {
            long seed = seeds.nextLong();
            RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            AtomicTraces.Trace t = AtomicTraces.random(rng, 64 + rng.nextInt(192), 600);
            Baseline b = baseline(t.source());
            long add = 1 + rng.nextInt(300);
            WhatIfResult w = whatIf(b, t.source(), Changes.NONE.withAddPages(add));
            Comparison c = Comparison.of(b.result(), w.result());
            assertThat(c.appeared()).as("seed %d (rounds from %d), +%d pages", seed, seed0, add).isEmpty();
            assertThat(w.result().summary().failures()).as("seed %d, +%d pages", seed, add)
                    .isLessThanOrEqualTo(b.result().summary().failures());
        }
    }

    @Test
    void addingMemoryToACleanTraceAddsNoOwnershipFinding() throws TraceException {
        for (long seed = 1; seed <= 5; seed++) {
            ListSource s = source("steady", seed, 3000);
            Baseline b = baseline(s);
            assertThat(b.result().summary().findingsByKind().keySet()).as("seed " + seed).doesNotContainAnyElementsOf(OWNERSHIP);
            WhatIfResult w = whatIf(b, source("steady", seed, 3000), Changes.NONE.withAddPages(4096));
            assertThat(w.result().summary().findingsByKind().keySet()).as("seed " + seed)
                    .doesNotContainAnyElementsOf(OWNERSHIP);
            assertThat(w.skipped()).isZero();
        }
    }

    @Test
    void blocksPlacedElsewhereAreFollowedByTheirAllocation() throws TraceException {
        // recorded failures that the what-if serves shift every later block to other pfns: frees,
        // accesses and transfers of the recorded pfns must still reach the right blocks
        long seed0 = System.nanoTime();
        RandomGenerator seeds = RandomGeneratorFactory.of("L64X128MixRandom").create(seed0);
        int moved = 0;
        for (int round = 0; round < 30; round++) {
            long seed = seeds.nextLong();
            AtomicTraces.Trace t = AtomicTraces.random(RandomGeneratorFactory.of("L64X128MixRandom").create(seed), 64,
                    800);
            Baseline b = baseline(t.source());
            WhatIfResult w = whatIf(b, t.source(), Changes.NONE.withAddPages(16));
            Set<FindingKind> kinds = w.result().summary().findingsByKind().keySet();
            assertThat(kinds).as("seed %d (rounds from %d)", seed, seed0).doesNotContainAnyElementsOf(OWNERSHIP);
            moved += w.heldWhatIfOnly().isEmpty() ? 0 : 1;
        }
        assertThat(moved).as("rounds where the what-if got blocks the recording did not").isPositive();
    }

    @Test
    void fixingEveryLeakRemovesTheRxStormPanic() throws TraceException {
        for (long seed = 1; seed <= 20; seed++) {
            Baseline b = baseline(source("rx-storm", seed, 1000));
            assertThat(b.result().panic().reproduced()).as("seed " + seed).isTrue();
            Changes fixAll = new Changes(0, null, null, null, List.of(), true, Map.of());
            WhatIfResult w = whatIf(b, source("rx-storm", seed, 1000), fixAll);
            assertThat(w.panicAvoided()).as("seed " + seed).isTrue();
            assertThat(w.survived()).as("seed " + seed).isTrue();
            assertThat(w.dropped()).as("seed " + seed).isPositive();
            assertThat(w.result().summary().findingsByKind()).as("seed " + seed).doesNotContainKey(FindingKind.LEAK);
        }
    }

    // ---- each change ----

    @Test
    void addedMemoryGrowsTheHighestZoneAtItsTopAndRecomputesItsWatermarks() {
        Machine m = new Machine(4096, 10, List.of(new ZoneSpec(ZoneKind.DMA32, 0, 1000, new Watermarks(5, 6, 7), Map.of()),
                new ZoneSpec(ZoneKind.NORMAL, 1000, 1000, new Watermarks(10, 12, 14), Map.of())), Machine.DEFAULT_DIRECT_MAP_BASE);
        Machine grown = Changes.NONE.withAddPages(500).apply(m);
        assertThat(grown.zones().get(1).startPfn()).isEqualTo(1000);
        assertThat(grown.zones().get(1).pages()).isEqualTo(1500);
        assertThat(grown.zones().get(1).watermarks()).isNull();
        assertThat(grown.zones().get(0)).isEqualTo(m.zones().get(0));
        assertThat(new Allocator(grown).watermarks(1).min()).isGreaterThan(10);
    }

    @Test
    void aChangedSettingReplacesEveryGivenWatermark() {
        Machine m = new Machine(4096, 10, List.of(new ZoneSpec(ZoneKind.NORMAL, 0, 4096, new Watermarks(10, 12, 14),
                Map.of())), Machine.DEFAULT_DIRECT_MAP_BASE);
        Changes c = new Changes(0, 1024L, 200, false, List.of(), false, Map.of());
        Machine changed = c.apply(m);
        assertThat(changed.zones().get(0).watermarks()).isNull();
        assertThat(changed.minFreeKbytes()).isEqualTo(1024);
        assertThat(changed.watermarkScaleFactor()).isEqualTo(200);
        assertThat(changed.transparentHugepages()).isFalse();
        assertThat(new Allocator(changed).watermarks(0).min()).isEqualTo(256); // 1024 kB of 4 KiB pages
    }

    @Test
    void aCapFailsTheRequestPastItAtOnceWithReasonCap() throws TraceException {
        Machine machine = Machine.ofPages(1024);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(new Event.Alloc(AtomicTraces.common(i, "eth0-rx", Context.HARDIRQ), 0, Gfp.GFP_ATOMIC, null, i,
                    null));
        }
        Header h = new Header(Scope.COMPLETE, machine);
        Baseline b = baseline(new ListSource("t", h, events));
        Changes cap = new Changes(0, null, null, null, List.of(), false, Map.of("eth0-rx", 3L));
        WhatIfResult w = whatIf(b, new ListSource("t", h, events), cap);
        List<Finding> failures = w.result().findings().stream().filter(f -> f.kind() == FindingKind.ALLOC_FAILURE).toList();
        assertThat(failures).extracting(Finding::event).containsExactly(3L, 4L);
        assertThat(failures).extracting(Finding::reason).containsOnly(FailureCause.CAP);
        assertThat(w.result().summary().peakUsedPages()).isEqualTo(3);
    }

    @Test
    void aFixedLeakIsNeverAllocatedAndItsEventsAreDropped() throws TraceException {
        Machine machine = Machine.ofPages(1024);
        List<Event> events = List.of(
                new Event.Alloc(AtomicTraces.common(0, "a", Context.TASK), 0, Gfp.GFP_ATOMIC, null, 0, null),
                new Event.Alloc(AtomicTraces.common(1, "b", Context.TASK), 0, Gfp.GFP_ATOMIC, null, 1, null),
                new Event.Access(AtomicTraces.common(2, "a", Context.TASK), 0, true),
                new Event.Free(AtomicTraces.common(3, "b", Context.TASK), 1, 0));
        Header h = new Header(Scope.COMPLETE, machine);
        Baseline b = baseline(new ListSource("t", h, events));
        assertThat(b.result().summary().findingsByKind()).containsEntry(FindingKind.LEAK, 1L);
        WhatIfResult w = whatIf(b, new ListSource("t", h, events), Changes.NONE.withFix(LeakFix.parse("a")));
        assertThat(w.dropped()).isEqualTo(2);
        assertThat(w.result().summary().findingsByKind()).isEmpty();
        assertThat(w.result().summary().allocs()).isEqualTo(1);
        // the other owner's fix changes nothing
        WhatIfResult other = whatIf(b, new ListSource("t", h, events), Changes.NONE.withFix(LeakFix.parse("b@site:b")));
        assertThat(other.dropped()).isZero();
        assertThat(other.result().summary().findingsByKind()).containsEntry(FindingKind.LEAK, 1L);
    }

    @Test
    void blocksOnlyTheWhatIfGotAreHeldNotLeaked() throws TraceException {
        Machine machine = Machine.ofPages(64);
        List<Event> events = new ArrayList<>();
        // the recording failed this request (NULL); the what-if with more memory serves it
        Allocator model = new Allocator(machine);
        int n = 0;
        long pfn;
        while ((pfn = model.allocate(0, Gfp.GFP_ATOMIC)) >= 0) {
            events.add(new Event.Alloc(AtomicTraces.common(n++, "a", Context.HARDIRQ), 0, Gfp.GFP_ATOMIC, null, pfn, null));
        }
        events.add(new Event.Alloc(AtomicTraces.common(n++, "late", Context.HARDIRQ), 0, Gfp.GFP_ATOMIC, null,
                Event.NULL_PFN, null));
        for (int p = 0; p < n - 1; p++) {
            events.add(new Event.Free(AtomicTraces.common(n + p, "a", Context.HARDIRQ), p, 0));
        }
        Header h = new Header(Scope.COMPLETE, machine);
        Baseline b = baseline(new ListSource("t", h, events));
        assertThat(b.result().summary().failures()).isEqualTo(1);
        WhatIfResult w = whatIf(b, new ListSource("t", h, events), Changes.NONE.withAddPages(64));
        assertThat(w.result().summary().failures()).isZero();
        assertThat(w.heldWhatIfOnly()).singleElement().satisfies(hd -> {
            assertThat(hd.owner()).isEqualTo("late");
            assertThat(hd.pages()).isEqualTo(1);
        });
        assertThat(w.result().summary().findingsByKind()).doesNotContainKey(FindingKind.LEAK);
    }

    @Test
    void raisedWatermarksCountSleepingFailuresApart() throws TraceException {
        ListSource s = source("rx-storm", 7, 600);
        Baseline b = baseline(s);
        WhatIfResult w = whatIf(b, source("rx-storm", 7, 600), new Changes(0, 256L, null, null, List.of(), false,
                Map.of()));
        Comparison c = Comparison.of(b.result(), w.result());
        assertThat(c.sleepingAppeared()).isNotEmpty().allSatisfy(f -> assertThat(Gfp.maySleep(f.gfp())).isTrue());
        assertThat(c.appeared()).containsAll(c.sleepingAppeared());
        assertThat(c.atomicWhatIf()).isEqualTo(w.result().findings().stream()
                .filter(f -> f.kind() == FindingKind.ALLOC_FAILURE && !Gfp.maySleep(f.gfp())).count());
    }

    @Test
    void leakSearchTriesEachGroupLargestFirst() throws TraceException {
        Baseline b = baseline(source("rx-storm", 3, 800));
        List<LeakSearch.Verdict> verdicts = LeakSearch.run(b,
                fix -> !whatIf(b, source("rx-storm", 3, 800), Changes.NONE.withFix(fix)).primaryFails());
        assertThat(verdicts).hasSameSizeAs(b.leakGroups()).isNotEmpty();
        assertThat(verdicts).extracting(v -> v.group().pages()).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(verdicts.get(0).removesPrimary()).isTrue();
    }

    // ---- the memory search ----

    @Test
    void memorySearchFindsTheThresholdAndChecksItAtNAndNMinusOne() throws TraceException {
        List<Long> asked = new ArrayList<>();
        MemorySearch.Result r = MemorySearch.run(1 << 20, p -> {
            asked.add(p);
            return p >= 37;
        });
        assertThat(r.pages()).isEqualTo(37);
        assertThat(r.atN()).isTrue();
        assertThat(r.belowN()).isFalse();
        assertThat(r.monotonic()).isTrue();
        assertThat(asked).contains(37L, 36L).doesNotHaveDuplicates();
    }

    @Test
    void memorySearchSaysWhenTheOutcomeIsNotMonotonic() throws TraceException {
        // survives at 16 but fails at 24 and 20: the bisection lands on a boundary that is not the only one
        MemorySearch.Result r = MemorySearch.run(1 << 20, p -> p == 16 || p >= 30);
        assertThat(r.found()).isTrue();
        assertThat(r.atN()).isTrue();
        assertThat(r.belowN()).isFalse();
        assertThat(r.monotonic()).isFalse();
        assertThat(r.contradictions()).isNotEmpty();
    }

    @Test
    void memorySearchReportsWhenNoAmountHelps() throws TraceException {
        MemorySearch.Result r = MemorySearch.run(100, p -> false);
        assertThat(r.found()).isFalse();
        assertThat(r.probes()).containsKey(100L);
    }

    @Test
    void memorySearchOnTheRxStormAgreesWithSingleWhatIfs() throws TraceException {
        Baseline b = baseline(source("rx-storm", 5, 800));
        MemorySearch.Result r = MemorySearch.run(1 << 16,
                p -> whatIf(b, source("rx-storm", 5, 800), Changes.NONE.withAddPages(p)).survived());
        assertThat(r.found()).isTrue();
        assertThat(whatIf(b, source("rx-storm", 5, 800), Changes.NONE.withAddPages(r.pages())).survived()).isTrue();
        assertThat(whatIf(b, source("rx-storm", 5, 800), Changes.NONE.withAddPages(r.pages() - 1)).survived())
                .isFalse();
    }

    @Test
    void headroomIsTheLeastFreeAboveTheAtomicFloor() throws TraceException {
        Baseline b = baseline(source("rx-storm", 7, 600));
        var h = b.result().summary().headroom();
        assertThat(h).hasSize(1);
        Allocator fresh = new Allocator(b.result().header().machine());
        assertThat(h.get(0).floor()).isEqualTo(fresh.atomicFloor(0));
        assertThat(h.get(0).pages()).isEqualTo(h.get(0).free() - h.get(0).floor());
        assertThat(h.get(0).event()).isGreaterThanOrEqualTo(0);
        assertThat(Replays.SUMMARY_ONLY).isNegative();
    }
}
