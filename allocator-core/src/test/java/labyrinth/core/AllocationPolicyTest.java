package labyrinth.core;

import static labyrinth.core.Machines.drainTo;
import static labyrinth.core.Machines.machine;
import static labyrinth.core.Machines.normal;
import static labyrinth.core.Machines.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fast path, slow path, reserves, NOFAIL, zone fallback and failure reasons. */
class AllocationPolicyTest {
    private static final long WATERMARK = FailureReason.WATERMARK.code();
    private static final long FRAGMENTATION = FailureReason.FRAGMENTATION.code();
    private static final long NO_ZONE = FailureReason.NO_ZONE.code();

    @ParameterizedTest(name = "{0}: succeeds with {1} free, fails with {2}")
    @CsvSource({
        "GFP_KERNEL, 101, 100", "GFP_NOWAIT, 101, 100", "GFP_KERNEL|__GFP_HIGH, 51, 50",
        "GFP_ATOMIC, 39, 38", "GFP_ATOMIC|__GFP_EXCLUSIVE, 39, 38",
    })
    void orderZeroSucceedsJustAboveTheFloorAndFailsAtIt(String gfp, long ok, long fails) {
        long mask = Gfp.parse(gfp);
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, ok);
        assertThat(a.allocate(0, mask)).isGreaterThanOrEqualTo(0);
        assertThat(a.freePages()).isEqualTo(fails);
        assertThat(a.allocate(0, mask)).isEqualTo(WATERMARK);
        assertThat(a.freePages()).isEqualTo(fails);
    }

    @Test
    void atomicFailureIsExplainedWithItsFloor() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 38);
        assertThat(a.allocate(0, Gfp.GFP_ATOMIC)).isEqualTo(WATERMARK);
        assertThat(a.explainFailure(0, Gfp.GFP_ATOMIC)).isEqualTo("Normal free 38 <= atomic floor 38 (min 100)");
        assertThat(a.explainFailure(0, Gfp.GFP_KERNEL)).isEqualTo("Normal free 38 <= min 100");
        assertThat(a.explainFailure(0, Gfp.GFP_KERNEL | Gfp.HIGH))
                .isEqualTo("Normal free 38 <= high-priority floor 50 (min 100)");
    }

    @Test
    void higherOrderCountsOnlyPagesBeyondTheBlock() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 108);
        assertThat(a.allocate(3, Gfp.GFP_KERNEL)).isGreaterThanOrEqualTo(0); // 108 - 7 = 101 > 100
        a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 107);
        assertThat(a.allocate(3, Gfp.GFP_KERNEL)).isEqualTo(WATERMARK); // 107 - 7 = 100
        assertThat(a.explainFailure(3, Gfp.GFP_KERNEL)).isEqualTo("Normal free 100 (107 - 7 for order 3) <= min 100");
    }

    @Test
    void fastPathUsesLowAndOnlyTheSlowPathWakesKswapd() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 126);
        assertThat(a.allocate(0, Gfp.GFP_KERNEL)).isGreaterThanOrEqualTo(0);
        assertThat(a.lastWokeKswapd()).isFalse();
        assertThat(a.allocate(0, Gfp.GFP_KERNEL)).isGreaterThanOrEqualTo(0); // 125 is not > low
        assertThat(a.lastWokeKswapd()).isTrue();
        long withoutKswapd = Gfp.GFP_KERNEL & ~Gfp.KSWAPD_RECLAIM;
        assertThat(a.allocate(0, withoutKswapd)).isGreaterThanOrEqualTo(0);
        assertThat(a.lastWokeKswapd()).isFalse();
    }

    @Test
    void memallocIgnoresWatermarksButStillNeedsABlock() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 1);
        long memalloc = Gfp.GFP_ATOMIC | Gfp.MEMALLOC;
        assertThat(a.allocate(0, memalloc | Gfp.NOMEMALLOC)).isEqualTo(WATERMARK);
        assertThat(a.allocate(0, memalloc)).isZero(); // drainTo claims from the top, leaving pfn 0
        assertThat(a.freePages()).isZero();
        assertThat(a.allocate(0, memalloc)).isEqualTo(WATERMARK);
        assertThat(a.explainFailure(0, memalloc)).isEqualTo("Normal has no free pages (watermarks ignored)");
    }

    @Test
    void memallocTakesALowerZoneThatPassesItsMinBeforeEmptyingAReserve() {
        // ALLOCATOR-MODEL.md step 3: the memalloc pass comes only after the slow path failed in every zone
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA32, 0, 1024, 100, 125, 150),
                zone(ZoneKind.NORMAL, 1024, 1024, 100, 125, 150)));
        drainTo(a, 1, 30);
        drainTo(a, 0, 200);
        long memalloc = Gfp.GFP_ATOMIC | Gfp.MEMALLOC;
        assertThat(a.allocate(0, memalloc)).isBetween(0L, 1023L);
        assertThat(a.lastZone()).as("DMA32 passes its atomic floor + lowmem reserve 4").isZero();
        assertThat(a.freePages(1)).isEqualTo(30);
        // once DMA32 fails too, the pass without watermarks starts at Normal again
        drainTo(a, 0, 42);
        assertThat(a.allocate(0, memalloc)).isGreaterThanOrEqualTo(1024L);
        assertThat(a.lastZone()).isEqualTo(1);
        assertThat(a.freePages(1)).isEqualTo(29);
    }

    @Test
    void sleepingNofailThatWouldReachTheOomKillerIgnoresWatermarks() {
        // ALLOCATOR-MODEL.md: GFP_KERNEL|__GFP_NOFAIL with 40 free pages and min 100 succeeds
        long nofail = Gfp.GFP_KERNEL | Gfp.NOFAIL;
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 40);
        assertThat(a.allocate(0, Gfp.GFP_KERNEL)).isEqualTo(WATERMARK);
        assertThat(a.allocate(0, nofail)).isGreaterThanOrEqualTo(0);
        assertThat(a.allocate(3, nofail)).as("order 3 still reaches the OOM killer").isGreaterThanOrEqualTo(0);
        drainTo(a, 0, 0);
        assertThat(a.allocate(0, nofail)).isEqualTo(WATERMARK);
        assertThat(a.explainFailure(0, nofail)).isEqualTo("Normal has no free pages (watermarks ignored)");
    }

    @ParameterizedTest(name = "{0} order {1}: only the min reserve")
    @CsvSource({
        "GFP_KERNEL|__GFP_NOFAIL|__GFP_NORETRY, 0", "GFP_KERNEL|__GFP_NOFAIL|__GFP_RETRY_MAYFAIL, 0",
        "GFP_KERNEL|__GFP_NOFAIL|__GFP_THISNODE, 0", "GFP_KERNEL|__GFP_NOFAIL, 4",
        "GFP_KERNEL|__GFP_NOFAIL|__GFP_DMA32, 0", "GFP_KERNEL|__GFP_NOFAIL|__GFP_DMA, 0",
    })
    void sleepingNofailThatLeavesBeforeTheOomStepGetsTheMinReserveAtMin(String gfp, int order) {
        long mask = Gfp.parse(gfp);
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA, 0, 1024, 100, 125, 150),
                zone(ZoneKind.DMA32, 1024, 1024, 100, 125, 150), zone(ZoneKind.NORMAL, 2048, 1024, 100, 125, 150)));
        int zone = Gfp.highestZone(mask).ordinal();
        for (int z = 0; z < 3; z++) {
            drainTo(a, z, z == zone ? 51 + (1L << order) - 1 : 0);
        }
        assertThat(a.allocate(order, Gfp.GFP_KERNEL | (mask & (Gfp.DMA | Gfp.DMA32)))).isEqualTo(WATERMARK);
        long pfn = a.allocate(order, mask);
        assertThat(pfn).as("floor 50: 51 free passes").isGreaterThanOrEqualTo(0);
        a.free(pfn, order);
        drainTo(a, zone, 50 + (1L << order) - 1);
        assertThat(a.allocate(order, mask)).isEqualTo(WATERMARK);
        String free = order == 0 ? "free 50" : "free 50 (" + (50 + (1 << order) - 1) + " - " + ((1 << order) - 1)
                + " for order " + order + ")";
        assertThat(a.explainFailure(order, mask)).startsWith(Gfp.highestZone(mask).label() + " " + free
                + " <= __GFP_NOFAIL floor 50");
    }

    @Test
    void nofailThatMayNotSleepGetsNothingMore() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 60);
        // both have the slow-path floor min 100; only the sleeping one gets the last pass (floor 50)
        assertThat(a.allocate(0, Gfp.GFP_NOWAIT | Gfp.NOFAIL)).isEqualTo(WATERMARK);
        assertThat(a.allocate(0, Gfp.GFP_NOIO | Gfp.NOFAIL)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void zonesJsonScenarioFallsBackRespectsTheReserveAndHasNoDmaZone() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA32, 0, 512, 8, 10, 12),
                zone(ZoneKind.NORMAL, 512, 512, 8, 10, 12)));
        assertThat(a.lowmemReserve(0, ZoneKind.NORMAL)).isEqualTo(2);
        assertThat(a.allocate(9, Gfp.GFP_KERNEL)).isEqualTo(WATERMARK);
        assertThat(a.explainFailure(9, Gfp.GFP_KERNEL))
                .isEqualTo("Normal free 1 (512 - 511 for order 9) <= min 8; "
                        + "DMA32 free 1 (512 - 511 for order 9) <= min 8 + lowmem reserve 2");
        assertThat(a.allocate(8, Gfp.GFP_KERNEL)).isEqualTo(512);
        assertThat(a.allocate(7, Gfp.GFP_KERNEL)).isEqualTo(768);
        assertThat(a.allocate(6, Gfp.GFP_KERNEL)).isEqualTo(896);
        assertThat(a.allocate(5, Gfp.GFP_KERNEL)).isEqualTo(960);
        assertThat(a.allocate(4, Gfp.GFP_KERNEL)).isEqualTo(992);
        assertThat(a.lastZone()).isEqualTo(1);
        // Normal: 16 - 7 = 9 is not > low 10, so the fast path falls back to DMA32 (505 > 10 + 2)
        assertThat(a.allocate(3, Gfp.GFP_KERNEL)).isEqualTo(0);
        assertThat(a.lastZone()).isEqualTo(0);
        assertThat(a.lastWokeKswapd()).isFalse();
        assertThat(a.allocate(2, Gfp.GFP_KERNEL)).isEqualTo(1008);
        assertThat(a.allocate(0, Gfp.GFP_KERNEL | Gfp.DMA)).isEqualTo(NO_ZONE);
        assertThat(a.explainFailure(0, Gfp.GFP_KERNEL | Gfp.DMA))
                .isEqualTo("the request may use only DMA and this machine has no DMA zone");
        assertThat(a.allocate(0, Gfp.GFP_ATOMIC | Gfp.DMA32)).isEqualTo(8);
        assertThat(a.lastZone()).isEqualTo(0);
        assertThat(a.machine().totalPages() - a.freePages()).isEqualTo(509);
    }

    @Test
    void lowmemReserveKeepsALowerZoneFromHigherRequestsOnly() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA32, 0, 512, 8, 10, 12),
                zone(ZoneKind.NORMAL, 512, 512, 8, 10, 12)));
        drainTo(a, 1, 0);
        drainTo(a, 0, 11);
        // Normal requests need free > 8 + 2 in DMA32 even in the slow path ...
        assertThat(a.allocate(0, Gfp.GFP_KERNEL)).isGreaterThanOrEqualTo(0);
        assertThat(a.allocate(0, Gfp.GFP_KERNEL)).isEqualTo(WATERMARK);
        assertThat(a.explainFailure(0, Gfp.GFP_KERNEL))
                .isEqualTo("Normal free 0 <= min 8; DMA32 free 10 <= min 8 + lowmem reserve 2");
        // ... while DMA32 requests only need free > 8
        assertThat(a.allocate(0, Gfp.GFP_KERNEL | Gfp.DMA32)).isGreaterThanOrEqualTo(0);
        assertThat(a.lastZone()).isZero();
    }

    @Test
    void dma32RequestFallsBackToDmaAndNeverToNormal() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA, 0, 64, 0, 0, 0),
                zone(ZoneKind.DMA32, 64, 64, 0, 0, 0), zone(ZoneKind.NORMAL, 128, 128, 0, 0, 0)));
        drainTo(a, 1, 0);
        assertThat(a.allocate(0, Gfp.GFP_KERNEL | Gfp.DMA32)).isBetween(0L, 63L);
        assertThat(a.lastZone()).isZero();
        drainTo(a, 0, 0);
        assertThat(a.allocate(0, Gfp.GFP_KERNEL | Gfp.DMA32)).isEqualTo(WATERMARK);
        assertThat(a.freePages(2)).isEqualTo(128);
    }

    @Test
    void invalidZoneCombinationTakesFromDmaAlone() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA, 0, 64, 0, 0, 0),
                zone(ZoneKind.DMA32, 64, 64, 0, 0, 0), zone(ZoneKind.NORMAL, 128, 128, 0, 0, 0)));
        long invalid = Gfp.GFP_KERNEL | Gfp.DMA32 | Gfp.HIGHMEM;
        assertThat(a.allocate(0, invalid)).isZero();
        assertThat(a.lastZone()).isZero();
        drainTo(a, 0, 0);
        assertThat(a.allocate(0, invalid)).isEqualTo(WATERMARK);
        assertThat(a.explainFailure(0, invalid)).isEqualTo("DMA free 0 <= min 0");
        Allocator noDma = normal(64, 0, 0, 0);
        assertThat(noDma.allocate(0, invalid)).isEqualTo(NO_ZONE);
        assertThat(noDma.explainFailure(0, invalid))
                .isEqualTo("the request may use only DMA and this machine has no DMA zone");
    }

    @Test
    void dma32RequestOnANormalOnlyMachineHasNoZone() {
        Allocator a = normal(64, 0, 0, 0);
        assertThat(a.allocate(0, Gfp.GFP_KERNEL | Gfp.DMA32)).isEqualTo(NO_ZONE);
        assertThat(a.explainFailure(0, Gfp.GFP_KERNEL | Gfp.DMA32))
                .isEqualTo("the request may use DMA32, DMA and this machine has none of them");
        assertThat(a.freePages()).isEqualTo(64);
    }

    @Test
    void fragmentationJsonScenarioFailsForFragmentation() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.NORMAL, 0, 64, 2, 3, 4)));
        for (int i = 0; i < 60; i++) {
            assertThat(a.allocate(0, Gfp.GFP_KERNEL)).isEqualTo(i);
        }
        for (int pfn = 0; pfn < 60; pfn += 2) {
            a.free(pfn, 0);
        }
        assertThat(a.freePages()).isEqualTo(34);
        long thp = Gfp.GFP_KERNEL | Gfp.COMP;
        assertThat(a.allocate(3, thp)).isEqualTo(FRAGMENTATION);
        assertThat(a.explainFailure(3, thp))
                .isEqualTo("Normal has 34 free pages but no free block of order >= 3 (largest order 2)");
        for (int pfn = 1; pfn < 60; pfn += 2) {
            a.free(pfn, 0);
        }
        Invariants.checkInitialCarving(a);
    }

    @Test
    void scatteredPagesBelowTheWatermarkFailForWatermarkNotFragmentation() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.NORMAL, 0, 64, 30, 31, 32)));
        for (int i = 0; i < 64; i++) {
            a.allocate(0, Gfp.GFP_ATOMIC | Gfp.MEMALLOC);
        }
        for (int pfn = 0; pfn < 64; pfn += 2) {
            a.free(pfn, 0);
        }
        // 32 free, order 1: 32 - 1 = 31 > 30 passes but no pair is free -> fragmentation
        assertThat(a.allocate(1, Gfp.GFP_KERNEL)).isEqualTo(FRAGMENTATION);
        // order 2: 32 - 3 = 29 <= 30 fails the watermark first
        assertThat(a.allocate(2, Gfp.GFP_KERNEL)).isEqualTo(WATERMARK);
    }

    @Test
    void rxStormTheAtomicFloorOf12StopsThe245thAllocation() {
        Allocator a = new Allocator(machine(8, zone(ZoneKind.NORMAL, 0, 256)));
        long gfp = Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE;
        for (int n = 1; n <= 244; n++) {
            assertThat(a.allocate(0, gfp)).as("allocation %d", n).isEqualTo(n - 1);
            int expected = n == 216 ? Allocator.PRESSURE_LOW : n == 224 ? Allocator.PRESSURE_MIN : 0;
            assertThat(a.pressure()).as("pressure after allocation %d", n).isEqualTo(expected);
        }
        assertThat(a.freePages()).isEqualTo(12);
        assertThat(a.allocate(0, gfp)).isEqualTo(WATERMARK);
        assertThat(a.explainFailure(0, gfp)).isEqualTo("Normal free 12 <= atomic floor 12 (min 32)");
    }

    @Test
    void watermarksJsonScenario() {
        Allocator a = normal(1024, 100, 125, 150);
        long kernel = Gfp.GFP_KERNEL;
        assertThat(a.allocate(9, kernel)).isZero();
        assertThat(a.allocate(8, kernel)).isEqualTo(512);
        assertThat(a.allocate(7, kernel)).isEqualTo(768);
        for (int event = 3; event <= 30; event++) {
            assertThat(a.allocate(0, kernel)).as("event %d", event).isGreaterThanOrEqualTo(0);
            int expected = event == 5 ? Allocator.PRESSURE_LOW : event == 30 ? Allocator.PRESSURE_MIN : 0;
            assertThat(a.pressure()).as("pressure at event %d", event).isEqualTo(expected);
        }
        assertThat(a.allocate(0, kernel)).isEqualTo(WATERMARK); // event 31
        for (int event = 32; event <= 93; event++) {
            assertThat(a.allocate(0, Gfp.GFP_ATOMIC)).as("event %d", event).isGreaterThanOrEqualTo(0);
        }
        assertThat(a.allocate(0, Gfp.GFP_ATOMIC)).isEqualTo(WATERMARK); // 94
        assertThat(a.allocate(0, kernel | Gfp.HIGH)).isEqualTo(WATERMARK); // 95
        assertThat(a.allocate(0, Gfp.GFP_ATOMIC | Gfp.NOWARN)).isEqualTo(WATERMARK); // 96
        assertThat(a.allocate(0, Gfp.GFP_ATOMIC | Gfp.MEMALLOC)).isGreaterThanOrEqualTo(0); // 97
        assertThat(1024 - a.freePages()).isEqualTo(987);
    }

    @Test
    void pressurePointsFireOnceAndReArmOnlyAboveHigh() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 126);
        long p1 = a.allocate(0, Gfp.GFP_KERNEL);
        assertThat(a.pressure()).isEqualTo(Allocator.PRESSURE_LOW);
        long p2 = a.allocate(0, Gfp.GFP_KERNEL);
        assertThat(a.pressure()).isZero();
        a.free(p2, 0);
        a.free(p1, 0); // 126 free: above low, not above high
        a.allocate(0, Gfp.GFP_KERNEL);
        a.allocate(0, Gfp.GFP_KERNEL);
        assertThat(a.pressure()).as("still disarmed").isZero();
        drainTo(a, 0, 101);
        a.allocate(0, Gfp.GFP_KERNEL);
        assertThat(a.pressure()).isEqualTo(Allocator.PRESSURE_MIN);
        // free back to exactly high: not above it, stays disarmed
        freeUpTo(a, 150);
        drainTo(a, 0, 101);
        a.allocate(0, Gfp.GFP_KERNEL);
        assertThat(a.pressure()).isZero();
        freeUpTo(a, 151);
        drainTo(a, 0, 101);
        assertThat(a.pressure()).as("the claims on the way down fired low already").isZero();
        a.allocate(0, Gfp.GFP_KERNEL);
        assertThat(a.pressure()).isEqualTo(Allocator.PRESSURE_MIN);
    }

    @Test
    void anUndoneAllocationReArmsThePressurePointsItFired() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 126);
        long pfn = a.allocate(0, Gfp.GFP_KERNEL);
        assertThat(a.pressure()).isEqualTo(Allocator.PRESSURE_LOW);
        a.undoAllocation(pfn, 0);
        assertThat(a.pressure()).isZero();
        assertThat(a.freePages()).isEqualTo(126);
        assertThat(a.lastWokeKswapd()).as("the model did take the slow path").isFalse();
        a.allocate(0, Gfp.GFP_KERNEL);
        assertThat(a.pressure()).as("still armed").isEqualTo(Allocator.PRESSURE_LOW);
        assertThatThrownBy(() -> a.undoAllocation(pfn + 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimFiresPressurePointsToo() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 126);
        assertThat(a.claim(0, 0)).isTrue();
        assertThat(a.pressure()).isEqualTo(Allocator.PRESSURE_LOW);
        assertThat(a.lastZone()).isZero();
        assertThat(a.claim(1, 0)).isTrue();
        assertThat(a.pressure()).isZero();
    }

    @Test
    void lowAndMinCanFireTogether() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 200);
        // a watermark check keeps free at or above the mark it used, so only a request that skips
        // watermarks can fall from above low to below min in one step
        assertThat(a.allocate(7, Gfp.GFP_KERNEL)).isEqualTo(WATERMARK);
        assertThat(a.allocate(7, Gfp.GFP_ATOMIC | Gfp.MEMALLOC)).isGreaterThanOrEqualTo(0);
        assertThat(a.freePages()).isEqualTo(72);
        assertThat(a.pressure()).isEqualTo(Allocator.PRESSURE_LOW | Allocator.PRESSURE_MIN);
    }

    @Test
    void failedAllocationFiresNothingAndKeepsTheLastZone() {
        Allocator a = normal(1024, 100, 125, 150);
        drainTo(a, 0, 126);
        a.allocate(0, Gfp.GFP_KERNEL);
        drainTo(a, 0, 100);
        assertThat(a.allocate(0, Gfp.GFP_KERNEL)).isEqualTo(WATERMARK);
        assertThat(a.pressure()).isZero();
        assertThat(a.lastZone()).isZero();
    }

    @Test
    void explanationsForZonesThatPassTheWatermark() {
        Allocator a = normal(16, 0, 0, 0);
        a.claim(0, 2);
        a.claim(8, 2);
        long memalloc = Gfp.GFP_ATOMIC | Gfp.MEMALLOC;
        assertThat(a.allocate(4, memalloc)).isEqualTo(WATERMARK);
        assertThat(a.explainFailure(4, memalloc))
                .isEqualTo("Normal has 8 free pages, fewer than the 16 of an order-4 block (watermarks ignored)");
        assertThat(a.allocate(3, memalloc)).isEqualTo(FRAGMENTATION);
        assertThat(a.explainFailure(3, memalloc))
                .isEqualTo("Normal has 8 free pages but no free block of order >= 3 (largest order 2) (watermarks ignored)");
        assertThat(a.explainFailure(2, Gfp.GFP_KERNEL)).isEqualTo("Normal could serve it now: free 5 > min 0");
    }

    @Test
    void ordersOutsideZeroToMaxOrderAreRejected() {
        Allocator a = normal(1024, 0, 0, 0);
        assertThatThrownBy(() -> a.allocate(11, Gfp.GFP_KERNEL)).hasMessage("order must be from 0 to 10, found 11");
        assertThatThrownBy(() -> a.allocate(-1, Gfp.GFP_KERNEL)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void freeUpTo(Allocator a, long free) {
        for (long pfn = 0; a.freePages() < free; pfn++) {
            if (!a.isFree(pfn)) {
                a.free(pfn, 0);
            }
        }
    }
}
