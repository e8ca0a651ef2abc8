package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;
import org.junit.jupiter.api.Test;

class ReplayerTest {
    private static final long ATOMIC_EXCL = Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE;

    private static List<Object> kinds(ReplayResult r) {
        List<Object> out = new ArrayList<>();
        for (Finding f : r.findings()) {
            out.add(f.event() + " " + f.kind().label() + " " + f.severity().label());
        }
        return out;
    }

    @Test
    void ownershipRulesMatchTheWorkedExample() {
        ReplayResult r = TraceBuilder.complete(1024)
                .alloc("eth0-rx", Context.HARDIRQ, 0, ATOMIC_EXCL, Event.UNRECORDED)
                .alloc("nvme0q1", 2, Gfp.GFP_KERNEL)
                .access("dma-engine", 0)
                .access("eth0-rx", 0)
                .access("blk-mq", 5)
                .transfer("blk-mq", 4, "blk-mq")
                .free("nvme0q1", 5)
                .free("kworker", 4, 1)
                .free("kworker", 4)
                .access("blk-mq", 6)
                .alloc("kworker", Context.ATOMIC, 0, Gfp.GFP_KERNEL, Event.UNRECORDED)
                .free("tcp", 0)
                .free("kworker", 1)
                .free(null, 900)
                .free(null, Event.NULL_PFN)
                .run();
        assertThat(kinds(r)).containsExactly(
                "2 exclusive-violation error", "5 foreign-transfer error", "6 invalid-free error",
                "7 foreign-free warning", "7 order-mismatch error", "8 double-free error",
                "9 use-after-free error", "10 sleep-in-atomic error", "11 foreign-free error",
                "13 invalid-free error");
        assertThat(r.summary()).extracting(Summary::events, Summary::allocs, Summary::frees, Summary::failures,
                Summary::peakUsedPages, Summary::peakEvent).containsExactly(15L, 3L, 7L, 0L, 5L, 1L);
        assertThat(r.outcome()).isEqualTo(Outcome.FINDINGS);
    }

    @Test
    void freeOfANonFirstPageOfABlockFreedSinceIsAnInvalidFreeNamingTheBlockAndItsFree() {
        ReplayResult r = TraceBuilder.complete(64).alloc("a", 2, Gfp.GFP_KERNEL).free("a", 0).free("a", 1).free("a", 0).run();
        assertThat(kinds(r)).containsExactly("2 invalid-free error", "3 double-free error");
        Finding f = r.findings().get(0);
        assertThat(f.message()).isEqualTo("free of pfn 1, inside the order-2 block at pfn 0, which was freed at event 1:"
                + " only a block's first page can be freed");
        assertThat(f.related()).extracting(Related::role, Related::event).containsExactly(tuple(Related.Role.ALLOC, 0L),
                tuple(Related.Role.FREE, 1L));
    }

    @Test
    void aWindowFreeOfAnUnseenBlockKnowsItsFirstPageToo() {
        ReplayResult r = TraceBuilder.window(64).free("a", 8, 1).free("a", 9).free("a", 8).run();
        assertThat(kinds(r)).containsExactly("0 unknown-free info", "1 invalid-free error", "2 double-free error");
        assertThat(r.findings().get(1).message()).startsWith("free of pfn 9, inside the order-1 block at pfn 8");
    }

    @Test
    void doubleFreeNotesNameTheAllocationAndTheFirstFree() {
        ReplayResult r = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).free("a", 0).run();
        Finding f = r.findings().get(0);
        assertThat(f.kind()).isEqualTo(FindingKind.DOUBLE_FREE);
        assertThat(f.related()).extracting(Related::role, Related::event)
                .containsExactly(tuple(Related.Role.ALLOC, 0L), tuple(Related.Role.FREE, 1L));
    }

    @Test
    void reusedExclusivePageTouchedByItsPreviousOwnerNamesThePreviousHolder() {
        ReplayResult r = TraceBuilder.complete(64)
                .alloc("a", Context.TASK, 0, Gfp.GFP_KERNEL | Gfp.EXCLUSIVE, Event.UNRECORDED)
                .free("a", 0)
                .alloc("b", Context.TASK, 0, Gfp.GFP_KERNEL | Gfp.EXCLUSIVE, Event.UNRECORDED)
                .access("a", 0)
                .free("b", 0)
                .run();
        Finding f = r.findings().get(0);
        assertThat(f.kind()).isEqualTo(FindingKind.EXCLUSIVE_VIOLATION);
        assertThat(f.related()).extracting(Related::role, Related::event)
                .containsExactly(tuple(Related.Role.ALLOC, 2L), tuple(Related.Role.PREVIOUS_OWNER, 0L), tuple(Related.Role.FREE, 1L));
    }

    @Test
    void eventsWithoutOwnerPassEveryOwnershipCheck() {
        ReplayResult r = TraceBuilder.complete(64)
                .alloc("a", Context.TASK, 0, Gfp.GFP_KERNEL | Gfp.EXCLUSIVE, Event.UNRECORDED)
                .access(null, 0)
                .transfer(null, 0, "b")
                .free(null, 0)
                .run();
        assertThat(r.findings()).isEmpty();
        assertThat(r.outcome()).isEqualTo(Outcome.CLEAN);
    }

    @Test
    void divergenceFollowsTheRecordingAndKeepsLaterEventsAligned() {
        ReplayResult r = TraceBuilder.complete(64)
                .alloc("a", Context.TASK, 0, Gfp.GFP_KERNEL, 0)
                .alloc("a", Context.TASK, 0, Gfp.GFP_KERNEL, 8)
                .free("a", 0)
                .free("a", 8)
                .run();
        assertThat(kinds(r)).containsExactly("1 divergence error");
        assertThat(r.findings().get(0).message()).contains("the replay got pfn 1, the recording got pfn 8");
        assertThat(r.outcome()).isEqualTo(Outcome.DIVERGED);
        assertThat(r.summary().peakUsedPages()).isEqualTo(2);
    }

    @Test
    void theModelsUndoneAllocationLeavesItsZonesPressurePointsArmed() {
        // Normal falls to its low mark with one page taken; the recording took a DMA32 page instead
        Machine m = new Machine(Machine.DEFAULT_PAGE_SIZE, 10, List.of(
                new ZoneSpec(ZoneKind.DMA32, 0, 256, new Watermarks(0, 0, 0), Map.of()),
                new ZoneSpec(ZoneKind.NORMAL, 256, 256, new Watermarks(10, 255, 256), Map.of())),
                Machine.DEFAULT_DIRECT_MAP_BASE);
        ReplayResult r = new TraceBuilder(new Header(Scope.COMPLETE, m))
                .alloc("a", Context.TASK, 0, Gfp.GFP_KERNEL, 0)
                .alloc("a", 0, Gfp.GFP_KERNEL)
                .run();
        assertThat(kinds(r)).containsExactly("0 divergence error", "0 leak error", "1 watermark-low info");
        assertThat(r.findings().get(2).message()).startsWith("Normal free 255 <= low 255 after order-0");
    }

    @Test
    void recordedFailureThatTheModelWouldGrantIsADivergenceAndAFailure() {
        ReplayResult r = TraceBuilder.complete(64).alloc("a", Context.TASK, 0, Gfp.GFP_KERNEL, Event.NULL_PFN).run();
        assertThat(kinds(r)).containsExactly("0 divergence error", "0 alloc-failure warning");
        assertThat(r.findings().get(1).reason()).isEqualTo(FailureCause.RECORDED);
        assertThat(r.summary().failures()).isEqualTo(1);
    }

    @Test
    void observeModeTakesRecordedResultsAndOverlapIsATraceGap() {
        ReplayResult r = TraceBuilder.complete(64)
                .alloc("a", Context.TASK, 2, Gfp.GFP_KERNEL, 4)
                .alloc("b", Context.TASK, 0, Gfp.GFP_KERNEL, 5)
                .free("b", 5)
                .run(Mode.OBSERVE);
        assertThat(kinds(r)).containsExactly("1 trace-gap warning");
        assertThat(r.findings().get(0).related()).extracting(Related::role, Related::event)
                .containsExactly(tuple(Related.Role.ALLOC, 0L));
        assertThat(r.findings()).noneMatch(f -> f.kind() == FindingKind.LEAK);
    }

    @Test
    void seqJumpIsATraceGap() {
        ReplayResult r = TraceBuilder.complete(64).seq(41).mark("x").seq(45).mark("y").run();
        assertThat(kinds(r)).containsExactly("45 trace-gap warning");
        assertThat(r.findings().get(0).message()).isEqualTo("seq jumped from 41 to 45: 3 events were lost");
    }

    @Test
    void aMarkSayingEventsWereLostIsATraceGapWhereItStands() {
        ReplayResult r = TraceBuilder.window(64)
                .alloc("a", 0, Gfp.GFP_KERNEL)
                .lost("CPU:2 [LOST 37 EVENTS]", 37)
                .mark("phase 2")
                .lost("CPU 3 buffer overrun", Event.Mark.LOST_UNCOUNTED)
                .run();
        assertThat(kinds(r)).containsExactly("0 leak info", "1 trace-gap warning", "3 trace-gap warning");
        assertThat(r.findings()).extracting(Finding::line, Finding::message).contains(
                tuple(2L, "the recorder lost 37 events here (\"CPU:2 [LOST 37 EVENTS]\"): allocations and frees"
                        + " may be missing"),
                tuple(4L, "the recorder lost events here (\"CPU 3 buffer overrun\"): allocations and frees may be"
                        + " missing"));
        assertThat(Signatures.primary(r, Severity.WARNING).signature()).isEqualTo("trace-gap");
        assertThat(r.outcome()).as("a warning, below --fail-on error").isEqualTo(Outcome.CLEAN);
    }

    @Test
    void windowScopeTreatsUnknownPagesGentlyButNotPagesFreedInside() {
        ReplayResult r = TraceBuilder.window(1024)
                .free("swapper", 300)
                .alloc("bash", Context.TASK, 0, Gfp.GFP_KERNEL, 500)
                .access("kworker", 77)
                .free("bash", 500)
                .access("bash", 500)
                .access("x", 300)
                .alloc("bash", Context.TASK, 1, Gfp.GFP_KERNEL, 640)
                .run();
        assertThat(r.mode()).isEqualTo(Mode.OBSERVE);
        assertThat(kinds(r)).containsExactly("0 unknown-free info", "4 use-after-free error",
                "5 use-after-free error", "6 leak info");
    }

    @Test
    void leaksAreGroupedByOwnerAndSiteAtTheEarliestAllocation() {
        ReplayResult r = TraceBuilder.complete(64)
                .alloc("a", 0, Gfp.GFP_KERNEL)
                .alloc("b", 1, Gfp.GFP_KERNEL)
                .alloc("a", 0, Gfp.GFP_KERNEL)
                .run();
        assertThat(r.findings()).extracting(Finding::event, Finding::owner, Finding::message).containsExactly(
                tuple(0L, "a", "2 pages in 2 blocks allocated by a at site:a never freed"),
                tuple(1L, "b", "2 pages in 1 block allocated by b at site:b never freed"));
    }

    @Test
    void panicIsReproducedWhenItsCauseFailsInTheReplay() {
        TraceBuilder s = TraceBuilder.complete(256);
        for (int i = 0; i < 250; i++) {
            s.alloc("eth0-rx", Context.HARDIRQ, 0, ATOMIC_EXCL, Event.UNRECORDED);
        }
        ReplayResult r = s.panic("eth0: RX ring refill failed", Event.ABSENT).mark("after").run();
        PanicVerdict p = r.panic();
        assertThat(p.reproduced()).isTrue();
        assertThat(p.trigger()).isEqualTo(249);
        assertThat(p.holders()).extracting(Holding::owner, Holding::pages).containsExactly(tuple("eth0-rx", 244L));
        assertThat(r.outcome()).isEqualTo(Outcome.PANIC_REPRODUCED);
        assertThat(r.summary().ignoredAfterPanic()).isEqualTo(1);
        assertThat(r.summary().failures()).isEqualTo(6);
        // fast path while free > low 40: allocations 217..250 took the slow path and woke kswapd
        assertThat(r.summary().kswapdWakes()).isEqualTo(34);
        assertThat(r.findings()).noneMatch(f -> f.kind() == FindingKind.LEAK);
    }

    @Test
    void panicIsNotReproducedWhenItsCauseSucceeds() {
        ReplayResult r = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).alloc("a", 0, Gfp.GFP_KERNEL)
                .panic("BUG: bad page state", 1).run();
        assertThat(r.panic().reproduced()).isFalse();
        assertThat(r.panic().trigger()).isEqualTo(1);
        assertThat(r.outcome()).isEqualTo(Outcome.PANIC_NOT_REPRODUCED);
        assertThat(kinds(r)).containsExactly("2 panic error");
    }

    @Test
    void panicAfterADivergenceIsNotReproduced() {
        ReplayResult r = TraceBuilder.complete(64)
                .alloc("a", Context.TASK, 0, Gfp.GFP_KERNEL, 3)
                .alloc("a", Context.ATOMIC, 0, Gfp.GFP_KERNEL, Event.UNRECORDED)
                .panic("boom", Event.ABSENT).run();
        assertThat(r.panic().trigger()).isEqualTo(1);
        assertThat(r.panic().reproduced()).isFalse();
        assertThat(r.panic().why()).contains("diverged");
    }

    @Test
    void pressurePointsFireOnceAndReArmAboveHigh() {
        // 1024 pages: default watermarks 64/80/96
        TraceBuilder s = TraceBuilder.complete(1024);
        for (int i = 0; i < 944; i++) {
            s.alloc("a", 0, Gfp.GFP_KERNEL | Gfp.HIGH);
        }
        for (int i = 0; i < 100; i++) {
            s.free("a", i);
        }
        for (int i = 0; i < 101; i++) {
            s.alloc("a", 0, Gfp.GFP_KERNEL);
        }
        ReplayResult r = s.run();
        assertThat(r.findings()).filteredOn(f -> f.kind() == FindingKind.WATERMARK_LOW).extracting(Finding::event)
                .containsExactly(943L, 1143L);
        assertThat(r.findings()).filteredOn(f -> f.kind() == FindingKind.WATERMARK_MIN).isEmpty();
        Finding low = r.findings().stream().filter(f -> f.kind() == FindingKind.WATERMARK_LOW).findFirst().orElseThrow();
        assertThat(low.memory().zones().get(0).free()).isEqualTo(80);
        assertThat(low.memory().topOwners()).extracting(Holding::owner, Holding::pages)
                .containsExactly(tuple("a", 944L));
    }

    @Test
    void aCopyReplaysIndependently() {
        TraceBuilder s = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).alloc("a", 0, Gfp.GFP_KERNEL);
        List<Finding> seen = new ArrayList<>();
        Replayer r = new Replayer(s.header(), Mode.SIMULATE, 1 << 20, seen::add);
        for (Event e : s.events()) {
            r.apply(e);
        }
        Replayer copy = r.copy(f -> { });
        copy.apply(new Event.Free(labyrinth.trace.CommonFields.at(2), 0, Event.ABSENT));
        copy.apply(new Event.Free(labyrinth.trace.CommonFields.at(3), 0, Event.ABSENT));
        assertThat(copy.summary().frees()).isEqualTo(2);
        assertThat(r.summary().frees()).isZero();
        assertThat(r.view().allocator().freePages()).isEqualTo(62);
        assertThat(copy.view().allocator().freePages()).isEqualTo(63);
        assertThat(seen).isEmpty();
    }

    @Test
    void aCopyHoldsEveryValueOfTheOriginal() throws Exception {
        TraceBuilder s = TraceBuilder.complete(64).alloc("a", 2, Gfp.GFP_KERNEL).alloc("b", 0, Gfp.GFP_KERNEL)
                .free("a", 0).free("a", 0);
        Replayer r = new Replayer(s.header(), Mode.SIMULATE, 1 << 20, f -> { });
        for (Event e : s.events()) {
            r.apply(e);
        }
        Replayer copy = r.copy(f -> { });
        // the REPL steps back by copying a checkpoint: what the last event allocated must survive it
        Replayer atAlloc = r.copy(f -> { });
        atAlloc.apply(new Event.Alloc(labyrinth.trace.CommonFields.at(4), 0, Gfp.GFP_KERNEL, null, Event.UNRECORDED,
                null));
        assertThat(atAlloc.copy(f -> { }).lastAllocated()).isEqualTo(atAlloc.lastAllocated()).isNotNegative();
        // every value by reflection, down through the parts (ledger, findings, rules, view), so a field
        // added later and left out of a copy fails here, and so does a part the copy shares with its original
        assertHoldsTheSame(r, copy, "replayer", java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static void assertHoldsTheSame(Object mine, Object copy, String path, java.util.Set<Object> seen)
            throws IllegalAccessException {
        if (!seen.add(mine)) {
            return;
        }
        for (Class<?> c = mine.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object a = f.get(mine);
                Object b = f.get(copy);
                String at = path + "." + f.getName();
                if (a == null || f.getType().isPrimitive() || a instanceof String || a instanceof Enum<?>
                        || a instanceof Record || a instanceof java.util.Map<?, ?> || a instanceof java.util.Collection<?>) {
                    assertThat(b).as(at).isEqualTo(a);
                } else if (a.getClass().isArray()) {
                    assertThat(java.util.Objects.deepEquals(a, b)).as(at).isTrue();
                } else if (a.getClass().isSynthetic() || a.getClass().getName().contains("$$Lambda")) {
                    assertThat(b).as(at + " is set in the copy").isNotNull(); // a listener or a gate
                } else {
                    assertThat(b).as(at + " is the copy's own").isNotNull().isNotSameAs(a);
                    if (a.getClass().getPackageName().equals("labyrinth.replay")) {
                        assertHoldsTheSame(a, b, at, seen);
                    }
                }
            }
        }
    }

    @Test
    void aCompleteTraceCutShortReportsWhatItHoldsAsInfoNotLeaks() {
        TraceBuilder s = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL);
        Replayer r = new Replayer(s.header(), Mode.SIMULATE, 1 << 20, f -> { });
        List<Finding> seen = new ArrayList<>();
        r = r.copy(seen::add);
        for (Event e : s.events()) {
            r.apply(e);
        }
        r.finish(true);
        assertThat(seen).extracting(Finding::kind, Finding::severity, Finding::message)
                .containsExactly(tuple(FindingKind.LEAK, Severity.INFO,
                        "1 page in 1 block allocated by a at site:a still held where the trace was cut short"));
    }
}
