package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.testing.Seeds;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Event;
import org.junit.jupiter.api.Test;

class ReplayerViewsTest {
    private static Replayer replay(TraceBuilder s) {
        Replayer r = new Replayer(s.header(), Mode.SIMULATE, 1L << 20, f -> { });
        for (Event e : s.events()) {
            r.apply(e);
        }
        return r;
    }

    @Test
    void topOwnersAgreeWithSortingEveryOwnerByPagesThenName() {
        for (long seed : Seeds.range(0, 40)) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            TraceBuilder s = TraceBuilder.complete(4096);
            int owners = 1 + rnd.nextInt(30);
            for (int i = 0; i < 200; i++) {
                // few orders and owners, so page counts tie often and the names decide
                s.alloc("o" + rnd.nextInt(owners), rnd.nextInt(3), Gfp.GFP_KERNEL);
            }
            Replayer r = replay(s);
            List<Holding> all = new java.util.ArrayList<>(r.view().topOwners(Integer.MAX_VALUE));
            List<Holding> sorted = new java.util.ArrayList<>(all);
            sorted.sort(java.util.Comparator.comparingLong(Holding::pages).reversed().thenComparing(Holding::owner));
            assertThat(all).as("seed %d", seed).isEqualTo(sorted);
            for (int k : new int[] {0, 1, 3, 5, owners}) {
                assertThat(r.view().topOwners(k)).as("seed %d top %d", seed, k)
                        .isEqualTo(sorted.subList(0, Math.min(k, sorted.size())));
            }
        }
    }

    @Test
    void blockFindsTheLiveBlockFromAnyOfItsPages() {
        Replayer r = replay(TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL)
                .alloc("b", 2, Gfp.GFP_KERNEL | Gfp.EXCLUSIVE));
        assertThat(r.view().block(6)).isEqualTo(new BlockView(4, 2, "b", "site:b", true, 1, 2));
        assertThat(r.view().block(0).owner()).isEqualTo("a");
        assertThat(r.view().block(1)).isNull();
        assertThat(r.view().block(64)).isNull();
        assertThat(r.lastAllocated()).isEqualTo(4);
    }

    @Test
    void lastAllocatedIsOnlyTheLatestEvents() {
        Replayer r = replay(TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).access("a", 0));
        assertThat(r.lastAllocated()).isEqualTo(-1);
        Replayer failed = replay(TraceBuilder.complete(64).alloc("a", 7, Gfp.GFP_KERNEL));
        assertThat(failed.lastAllocated()).isEqualTo(-1);
    }

    @Test
    void lastFreeRemembersTheFreedBlock() {
        Replayer r = replay(TraceBuilder.complete(64).alloc("a", 1, Gfp.GFP_KERNEL).free("a", 0));
        assertThat(r.view().lastFree(1)).isEqualTo(new FreedView(1, 1, 2, 0, "a"));
        assertThat(r.view().lastFree(2)).isNull();
        assertThat(r.view().block(0)).isNull();
    }

    @Test
    void blocksOfListsAnOwnersBlocksInPfnOrderAfterTransfers() {
        Replayer r = replay(TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).alloc("b", 0, Gfp.GFP_KERNEL)
                .alloc("a", 1, Gfp.GFP_KERNEL).transfer("b", 1, "a"));
        assertThat(r.view().blocksOf("a")).extracting(BlockView::head).containsExactly(0L, 1L, 2L);
        assertThat(r.view().blocksOf("b")).isEmpty();
        assertThat(r.view().blocksOf("nobody")).isEqualTo(List.of());
    }
}
