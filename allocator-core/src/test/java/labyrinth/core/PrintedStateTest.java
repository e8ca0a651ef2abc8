package labyrinth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import labyrinth.testing.Seeds;
import org.junit.jupiter.api.Test;

/** An allocator laid out in a printed state decides by its own rules; the numbers of real reports. */
class PrintedStateTest {
    private static final long WATERMARK = FailureReason.WATERMARK.code();
    private static final long FRAGMENTATION = FailureReason.FRAGMENTATION.code();

    private static PrintedState.Zone zone(ZoneKind kind, long free, long min, Map<ZoneKind, Long> reserve,
                                          long... blocks) {
        return new PrintedState.Zone(kind, free, new Watermarks(min, min, min), reserve,
                blocks.length == 0 ? null : blocks);
    }

    private static Allocator allocator(PrintedState.Zone... zones) {
        return PrintedState.allocator(List.of(zones), 4096, 10, Allocator.DEFAULT_MAX_PAGES);
    }

    /**
     * Linux 6.19 kswapd0 report (Chris Bainbridge, 2026-02-22): the Mem-Info converted from kB to
     * 4 KiB pages. Normal 19848 free against min 20077; DMA32 13046 free keeps 9127 back from
     * Normal requests: 13046 <= 3965 + 9127 = 13092, 47 pages short.
     */
    private static Allocator linux619() {
        return allocator(
                zone(ZoneKind.DMA, 3329, 21, Map.of(ZoneKind.DMA32, 2862L, ZoneKind.NORMAL, 11990L),
                        1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2),
                zone(ZoneKind.DMA32, 13046, 3965, Map.of(ZoneKind.NORMAL, 9127L),
                        3, 5, 5, 8, 11, 15, 11, 9, 9, 0, 8),
                zone(ZoneKind.NORMAL, 19848, 20077, Map.of(),
                        1024, 534, 409, 1301, 154, 39, 14, 1, 2, 1, 0));
    }

    @Test
    void theLinux619ReportFailsFortySevenPagesShortInDma32() {
        Allocator a = linux619();
        long nofs = Gfp.parse("GFP_NOFS|__GFP_COMP|__GFP_NOMEMALLOC");
        List<ZoneCheck> checks = ZoneChecks.of(a, 0, nofs);
        assertThat(checks).extracting(ZoneCheck::kind).containsExactly(ZoneKind.NORMAL, ZoneKind.DMA32, ZoneKind.DMA);
        assertThat(checks).extracting(ZoneCheck::floorName).containsOnly("min");
        ZoneCheck normal = checks.get(0);
        assertThat(normal.free()).isEqualTo(19848);
        assertThat(normal.floor()).isEqualTo(20077);
        assertThat(normal.pagesShort()).isEqualTo(230);
        ZoneCheck dma32 = checks.get(1);
        assertThat(dma32.free()).isEqualTo(13046);
        assertThat(dma32.floor() + dma32.lowmemReserve()).isEqualTo(3965 + 9127).isEqualTo(13092);
        assertThat(dma32.pagesShort()).isEqualTo(47);
        assertThat(checks.get(2).lowmemReserve()).isEqualTo(11990);
        assertThat(a.allocate(0, nofs)).isEqualTo(WATERMARK);
        Invariants.check(a);
    }

    @Test
    void theSameStateServesAnAtomicRequestFromNormal() {
        // GFP_ATOMIC's floor in Normal is 20077 - 10038 = 10039, less a quarter: 7530 < 19848
        Allocator a = linux619();
        List<ZoneCheck> checks = ZoneChecks.of(a, 0, Gfp.GFP_ATOMIC);
        assertThat(checks).extracting(ZoneCheck::floorName).containsOnly("atomic floor");
        assertThat(checks.get(0).floor()).isEqualTo(7530);
        assertThat(checks.get(0).passes()).isTrue();
        assertThat(checks.get(1).floor()).isEqualTo(1488); // DMA32: 3965 - 1982 = 1983, less a quarter
        long pfn = a.allocate(0, Gfp.GFP_ATOMIC);
        assertThat(pfn).isNotNegative();
        assertThat(a.zoneKind(a.zoneOf(pfn))).isEqualTo(ZoneKind.NORMAL);
    }

    @Test
    void freeBlocksPerOrderAreLaidOutAsPrintedAndNothingMerges() {
        Allocator a = linux619();
        // DMA's buddy list holds exactly its 3329 free pages: laid out as printed
        long[] dma = {1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2};
        for (int k = 0; k <= 10; k++) {
            assertThat(a.freeBlocks(0, k)).as("DMA order %d", k).isEqualTo(dma[k]);
        }
        // Normal's lists hold 19896 pages, its counter 19848: 48 order-0 blocks go, the rest stays
        long[] normal = {976, 534, 409, 1301, 154, 39, 14, 1, 2, 1, 0};
        for (int k = 0; k <= 10; k++) {
            assertThat(a.freeBlocks(2, k)).as("Normal order %d", k).isEqualTo(normal[k]);
        }
        assertThat(a.freePages(0)).isEqualTo(3329);
        assertThat(a.freePages(1)).isEqualTo(13046);
        assertThat(a.freePages(2)).isEqualTo(19848);
        Invariants.check(a);
    }

    @Test
    void missingPagesBecomeOrderZeroBlocksAndSurplusLeavesTheLowestOrdersFirst() {
        // the buddy lists hold 4 + 2*2 + 8 = 16 pages
        long[] printed = {4, 2, 0, 1};
        assertThat(PrintedState.blocks(zone(ZoneKind.NORMAL, 19, 0, Map.of(), printed), 3))
                .containsExactly(7, 2, 0, 1);
        assertThat(PrintedState.blocks(zone(ZoneKind.NORMAL, 11, 0, Map.of(), printed), 3))
                .containsExactly(1, 1, 0, 1); // 4 order-0 blocks go, then an order-1 block is split: 1 page kept
        assertThat(PrintedState.blocks(zone(ZoneKind.NORMAL, 9, 0, Map.of(), printed), 3))
                .containsExactly(1, 0, 0, 1); // the last order-1 block split: one page kept
        assertThat(PrintedState.blocks(zone(ZoneKind.NORMAL, 3, 0, Map.of(), printed), 3))
                .containsExactly(1, 1, 0, 0); // the order-3 block split: 3 of its 8 pages kept
    }

    @Test
    void withoutBlocksPerOrderTheFreePagesAreCarvedIntoTheLargestBlocks() {
        assertThat(PrintedState.blocks(zone(ZoneKind.NORMAL, 2 * 1024 + 5, 0, Map.of()), 10))
                .containsExactly(1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2);
    }

    @Test
    void aZoneThatPassesItsWatermarkWithoutABlockBigEnoughFailsForFragmentation() {
        Allocator a = allocator(zone(ZoneKind.NORMAL, 500, 100, Map.of(), 300, 100));
        List<ZoneCheck> checks = ZoneChecks.of(a, 2, Gfp.GFP_KERNEL);
        assertThat(checks.get(0).watermarkOk()).isTrue();
        assertThat(checks.get(0).hasBlock()).isFalse();
        assertThat(checks.get(0).largestOrder()).isEqualTo(1);
        assertThat(a.allocate(2, Gfp.GFP_KERNEL)).isEqualTo(FRAGMENTATION);
    }

    @Test
    void aZoneWithNoFreePageStillHasItsWatermarks() {
        Allocator a = allocator(zone(ZoneKind.NORMAL, 0, 10, Map.of(), 0, 0, 0));
        assertThat(a.freePages(0)).isZero();
        assertThat(ZoneChecks.of(a, 0, Gfp.GFP_KERNEL).get(0).pagesShort()).isEqualTo(11);
        Invariants.check(a);
    }

    @Test
    void aLayoutPastTheLimitIsRefusedWithTheLimitNamed() {
        assertThatThrownBy(() -> PrintedState.allocator(List.of(zone(ZoneKind.NORMAL, 1 << 20, 0, Map.of())),
                4096, 10, 1000))
                .isInstanceOf(MachineTooLargeException.class).hasMessageContaining("limit of 1000 pages");
    }

    @Test
    void randomPrintedStatesAreLaidOutExactly() {
        for (long seed : Seeds.range(1, 300)) {
            RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            int maxOrder = r.nextInt(0, 12);
            long[] blocks = new long[maxOrder + 1];
            long sum = 0;
            for (int k = 0; k <= maxOrder; k++) {
                blocks[k] = r.nextInt(3) == 0 ? 0 : r.nextLong(0, 40);
                sum += blocks[k] << k;
            }
            long free = Math.max(0, sum + r.nextLong(-sum / 3 - 1, sum / 3 + 2));
            PrintedState.Zone z = zone(ZoneKind.NORMAL, free, 0, Map.of(), blocks);
            Allocator a = PrintedState.allocator(List.of(z), 4096, maxOrder, Allocator.DEFAULT_MAX_PAGES);
            String where = Seeds.describe(seed);
            Invariants.check(a);
            assertThat(a.freePages(0)).as(where).isEqualTo(free);
            long[] expected = PrintedState.blocks(z, maxOrder);
            for (int k = 0; k <= maxOrder; k++) {
                assertThat(a.freeBlocks(0, k)).as(where + " order " + k).isEqualTo(expected[k]);
            }
            if (sum == free) {
                assertThat(expected).as(where).containsExactly(blocks);
            }
        }
    }
}
