package labyrinth.core;

import static labyrinth.core.Machines.machine;
import static labyrinth.core.Machines.normal;
import static labyrinth.core.Machines.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import labyrinth.core.Invariants.Block;
import org.junit.jupiter.api.Test;

/** Carving, take/split, return/merge and claim of the address-ordered buddy. */
class BuddyTest {
    private static final long ANY = Gfp.GFP_KERNEL;

    private static List<Block> blocks(long... pfnOrderPairs) {
        Block[] out = new Block[pfnOrderPairs.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Block(pfnOrderPairs[2 * i], (int) pfnOrderPairs[2 * i + 1]);
        }
        return List.of(out);
    }

    @Test
    void zoneOf1000PagesIsCarvedGreedily() {
        Allocator a = normal(1000, 0, 0, 0);
        assertThat(Invariants.freeBlocks(a))
                .isEqualTo(blocks(0, 9, 512, 8, 768, 7, 896, 6, 960, 5, 992, 3));
        assertThat(Invariants.initialCarving(a.machine())).isEqualTo(Invariants.freeBlocks(a));
        assertThat(a.snapshot().get(0).freeByOrder()).containsExactly(0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0);
    }

    @Test
    void zoneAtAnUnalignedPfnIsCarvedFromItsFirstPfn() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.NORMAL, 3, 29, 0, 0, 0)));
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(3, 0, 4, 2, 8, 3, 16, 4));
        Allocator b = new Allocator(machine(3, zone(ZoneKind.NORMAL, 1001, 30, 0, 0, 0)));
        assertThat(Invariants.freeBlocks(b)).isEqualTo(blocks(1001, 0, 1002, 1, 1004, 2, 1008, 3, 1016, 3, 1024, 2, 1028, 1, 1030, 0));
    }

    @Test
    void maxOrderCapsTheCarving() {
        Allocator a = new Allocator(machine(0, zone(ZoneKind.NORMAL, 0, 3, 0, 0, 0)));
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(0, 0, 1, 0, 2, 0));
    }

    @Test
    void blocksNeverCrossAZoneBoundary() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA32, 0, 6, 0, 0, 0), zone(ZoneKind.NORMAL, 6, 10, 0, 0, 0)));
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(0, 2, 4, 1, 6, 1, 8, 3));
        assertThat(a.claim(4, 2)).as("order-2 block at 4 spans both zones").isFalse();
        assertThat(a.claim(4, 1)).isTrue();
        assertThat(a.claim(6, 1)).isTrue();
        a.free(4, 1);
        a.free(6, 1);
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(0, 2, 4, 1, 6, 1, 8, 3));
    }

    @Test
    void takeUsesTheLowestBlockOfTheSmallestSufficientOrderAndKeepsTheLowerHalf() {
        Allocator a = normal(1000, 0, 0, 0);
        assertThat(a.allocate(3, ANY)).isEqualTo(992); // exact fit beats the lower, larger blocks
        assertThat(a.allocate(0, ANY)).isEqualTo(960); // smallest remaining is the order-5 at 960
        assertThat(Invariants.freeBlocks(a))
                .isEqualTo(blocks(0, 9, 512, 8, 768, 7, 896, 6, 961, 0, 962, 1, 964, 2, 968, 3, 976, 4));
        assertThat(a.allocate(0, ANY)).isEqualTo(961);
        assertThat(a.allocate(1, ANY)).isEqualTo(962);
    }

    @Test
    void returningMergesWithFreeBuddiesUpToMaxOrderOnly() {
        Allocator a = new Allocator(machine(2, zone(ZoneKind.NORMAL, 0, 16, 0, 0, 0)));
        for (int i = 0; i < 16; i++) {
            assertThat(a.allocate(0, ANY)).isEqualTo(i);
        }
        for (int pfn = 15; pfn >= 0; pfn--) {
            a.free(pfn, 0);
            Invariants.check(a);
        }
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(0, 2, 4, 2, 8, 2, 12, 2));
    }

    @Test
    void returningDoesNotMergeWithABuddyOfAnotherOrder() {
        Allocator a = normal(16, 0, 0, 0);
        assertThat(a.claim(8, 1)).isTrue();
        assertThat(a.claim(10, 1)).isTrue(); // 12..15 stays free as order 2
        a.free(8, 1);
        // 8's buddy at order 1 is 10 (allocated); order-2 block 12 is not 8's buddy of order 1
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(0, 3, 8, 1, 12, 2));
        a.free(10, 1);
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(0, 4));
    }

    @Test
    void claimSplitsTheContainingFreeBlockAroundTheWantedOne() {
        Allocator a = normal(16, 0, 0, 0);
        assertThat(a.claim(5, 0)).isTrue();
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(0, 2, 4, 0, 6, 1, 8, 3));
        assertThat(a.isFree(5)).isFalse();
        assertThat(a.isFree(4)).isTrue();
        assertThat(a.freePages()).isEqualTo(15);
        assertThat(a.claim(12, 2)).isTrue();
        assertThat(Invariants.freeBlocks(a)).isEqualTo(blocks(0, 2, 4, 0, 6, 1, 8, 2));
    }

    @Test
    void claimRefusesBadBlocksAndChangesNothing() {
        Allocator a = new Allocator(machine(3, zone(ZoneKind.DMA32, 0, 16, 0, 0, 0), zone(ZoneKind.NORMAL, 32, 16, 0, 0, 0)));
        assertThat(a.claim(5, 0)).isTrue();
        List<Block> before = Invariants.freeBlocks(a);
        assertThat(a.claim(2, 2)).as("misaligned").isFalse();
        assertThat(a.claim(4, 1)).as("partly allocated").isFalse();
        assertThat(a.claim(5, 0)).as("allocated").isFalse();
        assertThat(a.claim(16, 0)).as("in the hole between zones").isFalse();
        assertThat(a.claim(48, 0)).as("beyond the last zone").isFalse();
        assertThat(a.claim(-1, 0)).as("negative pfn").isFalse();
        assertThat(a.claim(0, 4)).as("above maxOrder").isFalse();
        assertThat(a.claim(0, -1)).as("negative order").isFalse();
        assertThat(Invariants.freeBlocks(a)).isEqualTo(before);
        assertThat(a.freePages()).isEqualTo(31);
    }

    @Test
    void zoneOfAndIsFreeKnowTheHolesBetweenZones() {
        Allocator a = new Allocator(machine(3, zone(ZoneKind.DMA32, 4, 12, 0, 0, 0), zone(ZoneKind.NORMAL, 32, 16, 0, 0, 0)));
        assertThat(a.zoneOf(3)).isEqualTo(-1);
        assertThat(a.zoneOf(4)).isZero();
        assertThat(a.zoneOf(15)).isZero();
        assertThat(a.zoneOf(16)).isEqualTo(-1);
        assertThat(a.zoneOf(47)).isEqualTo(1);
        assertThat(a.zoneOf(48)).isEqualTo(-1);
        assertThat(a.isFree(16)).isFalse();
        assertThat(a.isFree(47)).isTrue();
    }

    @Test
    void freeRejectsBlocksThatAreNotInsideOneZone() {
        Allocator a = new Allocator(machine(3, zone(ZoneKind.DMA32, 0, 6, 0, 0, 0), zone(ZoneKind.NORMAL, 6, 10, 0, 0, 0)));
        a.claim(4, 1);
        assertThatThrownBy(() -> a.free(4, 2)).hasMessage("cannot free order-2 block at pfn 4: not an aligned block inside one zone");
        assertThatThrownBy(() -> a.free(5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.free(20, 0)).isInstanceOf(IllegalArgumentException.class);
        Invariants.check(a);
    }

    @Test
    void snapshotReportsEveryZone() {
        Allocator a = new Allocator(machine(3, zone(ZoneKind.DMA32, 0, 6, 1, 2, 3), zone(ZoneKind.NORMAL, 6, 10, 4, 5, 6)));
        a.claim(8, 0);
        assertThat(a.snapshot()).containsExactly(
                new ZoneState(ZoneKind.DMA32, 6, 6, 1, 2, 3, new long[] {0, 1, 1, 0}),
                new ZoneState(ZoneKind.NORMAL, 10, 9, 4, 5, 6, new long[] {1, 2, 1, 0}));
    }

    @Test
    void copyIsIndependent() {
        Allocator a = normal(64, 0, 0, 0);
        a.allocate(2, ANY);
        Allocator b = a.copy();
        assertThat(b.allocate(0, ANY)).isEqualTo(4);
        assertThat(a.freePages()).isEqualTo(60);
        assertThat(a.allocate(3, ANY)).isEqualTo(8);
        assertThat(b.isFree(8)).isTrue();
        Invariants.check(a);
        Invariants.check(b);
    }

    @Test
    void copyKeepsPressureState() {
        Allocator a = normal(64, 10, 20, 30);
        Machines.drainTo(a, 0, 21);
        Allocator b = a.copy();
        a.allocate(0, ANY);
        b.allocate(0, ANY);
        assertThat(a.pressure()).isEqualTo(Allocator.PRESSURE_LOW);
        assertThat(b.pressure()).isEqualTo(Allocator.PRESSURE_LOW);
    }

    @Test
    void freeingEverythingRestoresTheInitialCarving() {
        Allocator a = new Allocator(machine(4, zone(ZoneKind.DMA, 1, 22, 0, 0, 0), zone(ZoneKind.NORMAL, 29, 37, 0, 0, 0)));
        long[] got = new long[59];
        for (int i = 0; i < 59; i++) {
            got[i] = a.allocate(0, ANY);
            assertThat(got[i]).isGreaterThanOrEqualTo(0);
        }
        assertThat(a.freePages()).isZero();
        for (int i = 58; i >= 0; i -= 2) {
            a.free(got[i], 0);
        }
        for (int i = 57; i >= 0; i -= 2) {
            a.free(got[i], 0);
        }
        Invariants.check(a);
        Invariants.checkInitialCarving(a);
    }

    @Test
    void invariantsNoticeAnUnmergedPairAndADoubleFree() {
        Allocator a = normal(16, 0, 0, 0);
        a.claim(0, 0);
        a.free(0, 0);
        Invariants.check(a);
        a.free(0, 0); // double free: the ledger would never do this
        assertThatThrownBy(() -> Invariants.check(a)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("zone Normal: ");
        Allocator b = normal(16, 0, 0, 0);
        b.claim(0, 1);
        assertThatThrownBy(() -> Invariants.checkInitialCarving(b)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("found order-1@2, carving has order-4@0");
    }
}
