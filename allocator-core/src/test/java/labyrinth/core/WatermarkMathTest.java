package labyrinth.core;

import static labyrinth.core.Machines.machine;
import static labyrinth.core.Machines.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatermarkMathTest {

    @Test
    void oneZoneOf1024PagesGets64And80And96() {
        assertThat(WatermarkMath.minFreeKbytes(1024, 4096)).isEqualTo(256);
        Allocator a = new Allocator(Machine.ofPages(1024));
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(64, 80, 96));
    }

    @Test
    void oneZoneOfOneGibibyteGets1024And1286And1548() {
        assertThat(WatermarkMath.minFreeKbytes(262144, 4096)).isEqualTo(4096);
        Allocator a = new Allocator(Machine.ofPages(262144));
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(1024, 1286, 1548));
    }

    @Test
    void twoZonesOfAMillionPagesMatchLinux612WorkedExample() {
        assertThat(WatermarkMath.minFreeKbytes(2_000_000, 4096)).isEqualTo(11313);
        Allocator a = new Allocator(machine(10,
                zone(ZoneKind.DMA32, 0, 1_000_000), zone(ZoneKind.NORMAL, 1_000_000, 1_000_000)));
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(1414, 2414, 3414));
        assertThat(a.watermarks(1)).isEqualTo(new Watermarks(1414, 2414, 3414));
        assertThat(a.lowmemReserve(0, ZoneKind.NORMAL)).isEqualTo(3906);
        assertThat(a.lowmemReserve(0, ZoneKind.DMA32)).isZero();
        assertThat(a.lowmemReserve(1, ZoneKind.NORMAL)).isZero();
    }

    @Test
    void rxStormMachineOf256PagesGets32And40And48() {
        Allocator a = new Allocator(machine(8, zone(ZoneKind.NORMAL, 0, 256)));
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(32, 40, 48));
    }

    @Test
    void minFreeKbytesIsClampedTo128And262144() {
        assertThat(WatermarkMath.minFreeKbytes(16, 4096)).isEqualTo(128);
        assertThat(WatermarkMath.minFreeKbytes(1L << 32, 4096)).isEqualTo(262144);
        // the page size enters through lowmem_kb and pages_min
        assertThat(WatermarkMath.defaults(1024, 1024, 65536).min()).isEqualTo(1024 * 1024 / 65536);
    }

    @Test
    void givenWatermarksAreUsedAsTheyAre() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA32, 0, 512, 8, 10, 12), zone(ZoneKind.NORMAL, 512, 512)));
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(8, 10, 12));
        // the default of the other zone still uses the pages of all zones
        assertThat(a.watermarks(1)).isEqualTo(WatermarkMath.defaults(512, 1024, 4096));
    }

    @Test
    void integerSquareRootIsExactForLargeNumbers() {
        for (long r : new long[] {0, 1, 2, 11313, 3_037_000_499L}) {
            assertThat(WatermarkMath.isqrt(r * r)).isEqualTo(r);
            if (r > 0) {
                assertThat(WatermarkMath.isqrt(r * r - 1)).isEqualTo(r - 1);
            }
        }
    }

    @Test
    void lowmemReserveOfTheThreeZoneExample() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA, 0, 64), zone(ZoneKind.DMA32, 64, 960),
                zone(ZoneKind.NORMAL, 1024, 1024)));
        assertThat(a.lowmemReserve(1, ZoneKind.NORMAL)).isEqualTo(4);
        assertThat(a.lowmemReserve(0, ZoneKind.DMA32)).isEqualTo(3);
        assertThat(a.lowmemReserve(0, ZoneKind.NORMAL)).isEqualTo(7);
        assertThat(a.lowmemReserve(0, ZoneKind.DMA)).isZero();
        assertThat(a.lowmemReserve(1, ZoneKind.DMA32)).isZero();
        assertThat(a.lowmemReserve(2, ZoneKind.NORMAL)).isZero();
    }

    @Test
    void lowmemReserveSkipsZonesTheMachineLacks() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA, 0, 64), zone(ZoneKind.NORMAL, 1024, 1024)));
        assertThat(a.lowmemReserve(0, ZoneKind.DMA32)).isZero();
        assertThat(a.lowmemReserve(0, ZoneKind.NORMAL)).isEqualTo(4);
    }

    @Test
    void lowmemReserveEntriesOfTheTraceOverrideTheDefault() {
        ZoneSpec dma = new ZoneSpec(ZoneKind.DMA, 0, 64, null, Map.of(ZoneKind.NORMAL, 100L));
        Allocator a = new Allocator(machine(10, dma, zone(ZoneKind.DMA32, 64, 960), zone(ZoneKind.NORMAL, 1024, 1024)));
        assertThat(a.lowmemReserve(0, ZoneKind.NORMAL)).isEqualTo(100);
        assertThat(a.lowmemReserve(0, ZoneKind.DMA32)).isEqualTo(3);
    }

    @Test
    void lowmemReserveOverrideMustNameAHigherZone() {
        ZoneSpec dma32 = new ZoneSpec(ZoneKind.DMA32, 0, 64, null, Map.of(ZoneKind.DMA, 1L));
        assertThatThrownBy(() -> new Allocator(machine(10, dma32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lowmemReserve of zone DMA32 must name higher zones with values >= 0, found DMA: 1");
    }

    @ParameterizedTest(name = "{0} has floor {1} at min 100")
    @CsvSource({
        "GFP_KERNEL, 100", "GFP_NOWAIT, 100", "GFP_KERNEL|__GFP_HIGH, 50", "GFP_ATOMIC, 38",
        "GFP_ATOMIC|__GFP_NOMEMALLOC, 50",
    })
    void slowPathFloorsAtMin100(String gfp, long floor) {
        assertThat(WatermarkMath.floor(100, WatermarkMath.slowPathFlags(Gfp.parse(gfp)))).isEqualTo(floor);
    }

    @Test
    void atomicFloorAtMin32Is12() {
        assertThat(WatermarkMath.floor(32, WatermarkMath.slowPathFlags(Gfp.GFP_ATOMIC))).isEqualTo(12);
    }

    @Test
    void memallocGetsItsOwnPassUnlessNomemallocAndTheSlowPathKeepsItsWatermark() {
        assertThat(WatermarkMath.memallocPass(Gfp.GFP_ATOMIC | Gfp.MEMALLOC)).isTrue();
        assertThat(WatermarkMath.memallocPass(Gfp.GFP_KERNEL | Gfp.MEMALLOC | Gfp.NOMEMALLOC)).isFalse();
        assertThat(WatermarkMath.memallocPass(Gfp.GFP_ATOMIC)).isFalse();
        assertThat(WatermarkMath.slowPathFlags(Gfp.GFP_ATOMIC | Gfp.MEMALLOC))
                .isEqualTo(WatermarkMath.MIN_RESERVE | WatermarkMath.NON_BLOCK);
    }

    @ParameterizedTest(name = "{0} order {1}: {2}")
    @CsvSource({
        "GFP_KERNEL|__GFP_NOFAIL, 0, 4", "GFP_KERNEL|__GFP_NOFAIL, 3, 4", "GFP_NOFS|__GFP_NOFAIL, 0, 4",
        "GFP_HIGHUSER_MOVABLE|__GFP_NOFAIL, 0, 4", "GFP_KERNEL|__GFP_NOFAIL, 4, 1",
        "GFP_KERNEL|__GFP_NOFAIL|__GFP_NORETRY, 0, 1", "GFP_KERNEL|__GFP_NOFAIL|__GFP_RETRY_MAYFAIL, 0, 1",
        "GFP_KERNEL|__GFP_NOFAIL|__GFP_THISNODE, 0, 1", "GFP_KERNEL|__GFP_NOFAIL|__GFP_DMA32, 0, 1",
        "GFP_KERNEL|__GFP_NOFAIL|__GFP_DMA32|__GFP_HIGHMEM, 0, 1",
        "GFP_ATOMIC|__GFP_NOFAIL, 0, -1", "GFP_NOWAIT|__GFP_NOFAIL, 0, -1", "GFP_KERNEL, 0, -1",
    })
    void nofailLastPassIgnoresWatermarksWhereLinuxReachesTheOomKillerElseMinReserve(String gfp, int order,
                                                                                    int flags) {
        assertThat(WatermarkMath.nofailFlags(Gfp.parse(gfp), order)).isEqualTo(flags);
    }
}
