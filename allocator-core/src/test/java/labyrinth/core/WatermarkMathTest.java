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

    private static Machine pages(long pages) {
        return Machine.ofPages(pages);
    }

    @Test
    void oneZoneOf1024PagesGets64And80And96() {
        assertThat(WatermarkMath.bootMinFreeKbytes(1024, 4096)).isEqualTo(256);
        // THP is on by default, but 4 MiB is below 512 MiB (and the cap would be (1024 - 96) / 20 = 46 pages)
        assertThat(WatermarkMath.minFreeKbytes(pages(1024))).isEqualTo(256);
        assertThat(WatermarkMath.thpRecommendedPages(pages(1024), 256)).as("46 pages = 184 KiB").isEqualTo(46);
        Allocator a = new Allocator(pages(1024));
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(64, 80, 96));
    }

    @Test
    void onePageShortOf512MiBIsNotRaisedAnd512MiBIs() {
        assertThat(new Allocator(pages(131071)).watermarks(0)).isEqualTo(new Watermarks(724, 905, 1086));
        assertThat(new Allocator(pages(131072)).watermarks(0)).isEqualTo(new Watermarks(5632, 7040, 8448));
    }

    @Test
    void oneGibibyteGets1024And1286And1548WithoutThpAnd5632And7040And8448WithIt() {
        Machine noThp = pages(262144).withTransparentHugepages(false);
        assertThat(WatermarkMath.minFreeKbytes(noThp)).isEqualTo(4096);
        assertThat(new Allocator(noThp).watermarks(0)).isEqualTo(new Watermarks(1024, 1286, 1548));
        Machine thp = pages(262144);
        assertThat(thp.transparentHugepages()).as("the default").isTrue();
        assertThat(WatermarkMath.minFreeKbytes(thp)).isEqualTo(22528);
        assertThat(new Allocator(thp).watermarks(0)).isEqualTo(new Watermarks(5632, 7040, 8448));
    }

    @Test
    void sixteenGibibyteX86WithThreeZonesGetsTheMinFreeKbytesSeenOnSuchMachines() {
        Machine m = machine(10, zone(ZoneKind.DMA, 0, 4096), zone(ZoneKind.DMA32, 4096, 520192),
                zone(ZoneKind.NORMAL, 524288, 3670016));
        assertThat(m.totalPages()).isEqualTo(16L << 30 >> 12);
        // 512-page pageblocks * 3 zones * 11 = 16896 pages, below 5% of what lies above the boot highs
        assertThat(WatermarkMath.minFreeKbytes(m)).isEqualTo(67584);
        assertThat(WatermarkMath.bootMinFreeKbytes(m.totalPages(), 4096)).isEqualTo(16384);
    }

    @Test
    void twoZonesOfAMillionPagesMatchLinux612WorkedExample() {
        assertThat(WatermarkMath.bootMinFreeKbytes(2_000_000, 4096)).isEqualTo(11313);
        Machine m = machine(10, zone(ZoneKind.DMA32, 0, 1_000_000), zone(ZoneKind.NORMAL, 1_000_000, 1_000_000))
                .withTransparentHugepages(false);
        assertThat(WatermarkMath.minFreeKbytes(m)).isEqualTo(11313);
        assertThat(WatermarkMath.mulDiv(11313, 1024, 4096)).as("pages_min").isEqualTo(2828);
        Allocator a = new Allocator(m);
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(1414, 2414, 3414));
        assertThat(a.watermarks(1)).isEqualTo(new Watermarks(1414, 2414, 3414));
        assertThat(a.lowmemReserve(0, ZoneKind.NORMAL)).isEqualTo(3906);
        assertThat(a.lowmemReserve(0, ZoneKind.DMA32)).isZero();
        assertThat(a.lowmemReserve(1, ZoneKind.NORMAL)).isZero();
    }

    @Test
    void theThpRaiseIsCappedAtAFifthOfATenthOfTheMemoryAboveTheBootHighs() {
        // 2 zones * 512 * 11 = 11264 pages wanted; the boot highs are 32 and 1051, so the buffer is
        // (4096 - 32) + (126976 - 1051) = 129989 pages and 5% of it is 6499 pages = 25996 KiB
        Machine m = machine(10, zone(ZoneKind.DMA, 0, 4096), zone(ZoneKind.DMA32, 4096, 126976));
        assertThat(WatermarkMath.minFreeKbytes(m)).isEqualTo(25996);
    }

    @Test
    void thePageblockIsCappedByMaxOrder() {
        // maxOrder 8: 256-page pageblocks, 256 * 11 = 2816 pages = 11264 KiB
        Machine m = machine(8, zone(ZoneKind.NORMAL, 0, 262144));
        assertThat(WatermarkMath.minFreeKbytes(m)).isEqualTo(11264);
        assertThat(new Allocator(m).watermarks(0)).isEqualTo(new Watermarks(2816, 3520, 4224));
    }

    @Test
    void givenMinFreeKbytesIsUsedAsItIsAndKhugepagedRaisesNothing() {
        Machine m = pages(262144).withMinFreeKbytes(4096);
        assertThat(WatermarkMath.minFreeKbytes(m)).isEqualTo(4096);
        assertThat(new Allocator(m).watermarks(0)).isEqualTo(new Watermarks(1024, 1286, 1548));
        assertThat(new Allocator(pages(1024).withMinFreeKbytes(0)).watermarks(0)).isEqualTo(new Watermarks(0, 1, 2));
    }

    @Test
    void theScaleFactorSetsTheStepAboveAQuarterOfMin() {
        Machine m = pages(262144).withTransparentHugepages(false).withWatermarkScaleFactor(100);
        // step = max(1024 / 4, 262144 * 100 / 10000) = 2621
        assertThat(new Allocator(m).watermarks(0)).isEqualTo(new Watermarks(1024, 3645, 6266));
        // the factor also moves the boot highs that khugepaged's buffer is measured from: high =
        // 1024 + 2 * 78643, so 5% of (262144 - 158310) = 5191 pages = 20764 KiB caps the raise
        Machine big = pages(262144).withWatermarkScaleFactor(3000);
        assertThat(WatermarkMath.minFreeKbytes(big)).isEqualTo(20764);
    }

    @Test
    void onTinyMachinesThe128KiBFloorGivesMin32() {
        assertThat(new Allocator(pages(64)).watermarks(0)).isEqualTo(new Watermarks(32, 40, 48));
        assertThat(new Allocator(pages(1)).watermarks(0)).isEqualTo(new Watermarks(32, 40, 48));
    }

    @Test
    void rxStormMachineOf256PagesGets32And40And48() {
        Allocator a = new Allocator(machine(8, zone(ZoneKind.NORMAL, 0, 256)));
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(32, 40, 48));
    }

    @Test
    void minFreeKbytesIsClampedTo128And262144() {
        assertThat(WatermarkMath.bootMinFreeKbytes(16, 4096)).isEqualTo(128);
        assertThat(WatermarkMath.bootMinFreeKbytes(1L << 32, 4096)).isEqualTo(262144);
        // the page size enters through lowmem_kb and pages_min
        assertThat(WatermarkMath.zoneWatermarks(WatermarkMath.bootMinFreeKbytes(1024, 65536), 1024, 1024, 65536, 10)
                .min()).isEqualTo(1024 * 1024 / 65536);
        assertThat(WatermarkMath.bootMinFreeKbytes(1024, 512)).isEqualTo(128); // 512 KiB of 512-byte pages
    }

    @Test
    void givenWatermarksAreUsedAsTheyAreAndTheBufferStillUsesBootHighs() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA32, 0, 512, 8, 10, 12), zone(ZoneKind.NORMAL, 512, 512)));
        assertThat(a.watermarks(0)).isEqualTo(new Watermarks(8, 10, 12));
        // the default of the other zone still uses the pages of all zones
        assertThat(a.watermarks(1)).isEqualTo(WatermarkMath.zoneWatermarks(256, 512, 1024, 4096, 10));
        Machine given = machine(10, zone(ZoneKind.DMA32, 0, 131072, 100000, 110000, 120000),
                zone(ZoneKind.NORMAL, 131072, 131072));
        Machine computed = machine(10, zone(ZoneKind.DMA32, 0, 131072), zone(ZoneKind.NORMAL, 131072, 131072));
        assertThat(WatermarkMath.minFreeKbytes(given)).isEqualTo(WatermarkMath.minFreeKbytes(computed));
    }

    @Test
    void arithmeticStaysExactForTheLargestMachines() {
        assertThat(WatermarkMath.mulDiv(1L << 40, 1L << 40, 1L << 30)).isEqualTo(1L << 50);
        assertThat(WatermarkMath.mulDiv(7, 9, 2)).isEqualTo(31);
        Machine huge = Machine.ofPages(1L << 52).withMinFreeKbytes(Integer.MAX_VALUE).withWatermarkScaleFactor(3000);
        Watermarks w = WatermarkMath.watermarks(huge)[0];
        assertThat(w.min()).isEqualTo(WatermarkMath.mulDiv(Integer.MAX_VALUE, 1024, 4096));
        assertThat(w.low() - w.min()).isEqualTo((1L << 52) / 10000 * 3000 + (1L << 52) % 10000 * 3000 / 10000);
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
