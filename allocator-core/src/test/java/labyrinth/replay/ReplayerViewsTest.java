package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.trace.Event;
import org.junit.jupiter.api.Test;

class ReplayerViewsTest {
    private static Replayer replay(Script s) {
        Replayer r = new Replayer(s.header(), Mode.SIMULATE, 1L << 20, f -> { });
        for (Event e : s.events()) {
            r.apply(e);
        }
        return r;
    }

    @Test
    void blockFindsTheLiveBlockFromAnyOfItsPages() {
        Replayer r = replay(Script.complete(64).alloc("a", 0, Gfp.GFP_KERNEL)
                .alloc("b", 2, Gfp.GFP_KERNEL | Gfp.EXCLUSIVE));
        assertThat(r.block(6)).isEqualTo(new BlockView(4, 2, "b", "site:b", true, 1, 2));
        assertThat(r.block(0).owner()).isEqualTo("a");
        assertThat(r.block(1)).isNull();
        assertThat(r.block(64)).isNull();
        assertThat(r.lastAllocated()).isEqualTo(4);
    }

    @Test
    void lastAllocatedIsOnlyTheLatestEvents() {
        Replayer r = replay(Script.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).access("a", 0));
        assertThat(r.lastAllocated()).isEqualTo(-1);
        Replayer failed = replay(Script.complete(64).alloc("a", 7, Gfp.GFP_KERNEL));
        assertThat(failed.lastAllocated()).isEqualTo(-1);
    }

    @Test
    void lastFreeRemembersTheFreedBlock() {
        Replayer r = replay(Script.complete(64).alloc("a", 1, Gfp.GFP_KERNEL).free("a", 0));
        assertThat(r.lastFree(1)).isEqualTo(new FreedView(1, 1, 2, 0, "a"));
        assertThat(r.lastFree(2)).isNull();
        assertThat(r.block(0)).isNull();
    }

    @Test
    void blocksOfListsAnOwnersBlocksInPfnOrderAfterTransfers() {
        Replayer r = replay(Script.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).alloc("b", 0, Gfp.GFP_KERNEL)
                .alloc("a", 1, Gfp.GFP_KERNEL).transfer("b", 1, "a"));
        assertThat(r.blocksOf("a")).extracting(BlockView::head).containsExactly(0L, 1L, 2L);
        assertThat(r.blocksOf("b")).isEmpty();
        assertThat(r.blocksOf("nobody")).isEqualTo(List.of());
    }
}
