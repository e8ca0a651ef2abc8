package labyrinth.format.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import labyrinth.core.Gfp;
import org.junit.jupiter.api.Test;

class KernelGfpTest {
    @Test
    void namesWithoutUnderscoresReadAsFlags() {
        assertThat(KernelGfp.bitsOf("GFP_ZERO")).isEqualTo(Gfp.ZERO);
        assertThat(KernelGfp.bitsOf("GFP_NOWARN")).isEqualTo(Gfp.NOWARN);
        assertThat(KernelGfp.bitsOf("GFP_KERNEL")).isEqualTo(Gfp.GFP_KERNEL);
        assertThat(KernelGfp.bitsOf("GFP_THISNODE")).isEqualTo(Gfp.THISNODE);
        assertThat(KernelGfp.bitsOf("__GFP_WAIT")).isEqualTo(Gfp.RECLAIM);
        assertThat(KernelGfp.bitsOf("GFP_NOTRACK")).isEqualTo(-1);
    }

    @Test
    void hexMasksKeepUnknownBitsAsText() {
        KernelGfp.Result r = KernelGfp.parseUncached("0x4140cca");
        assertThat(r.mask()).isEqualTo(Gfp.GFP_HIGHUSER_MOVABLE | Gfp.COMP);
        assertThat(r.unparsed()).isEqualTo("0x4000000");
        assertThat(r.hex()).isTrue();
    }

    @Test
    void theCacheReturnsTheSameResult() {
        KernelGfp g = new KernelGfp();
        assertThat(g.parse("GFP_KERNEL|__GFP_REPEAT")).isSameAs(g.parse("GFP_KERNEL|__GFP_REPEAT"));
        assertThat(g.parse("GFP_KERNEL|__GFP_REPEAT").unknown()).containsExactly("__GFP_REPEAT");
    }

    @Test
    void allocatorFramesAreSkippedForTheSite() {
        assertThat(Sites.isAllocatorFrame("__alloc_pages_nodemask+0x22e")).isTrue();
        assertThat(Sites.isAllocatorFrame("__alloc_pages_noprof+0x1b0/0x440")).isTrue();
        assertThat(Sites.isAllocatorFrame("alloc_pages_vma.isra.3+0x84/0x250")).isTrue();
        assertThat(Sites.isAllocatorFrame("__folio_alloc_noprof+0x14/0x5c")).isTrue();
        assertThat(Sites.isAllocatorFrame("free_unref_page+0x10")).isTrue();
        assertThat(Sites.isAllocatorFrame("__free_pages_ok")).isTrue();
        assertThat(Sites.isAllocatorFrame("get_page_from_freelist+0x3f3/0x1240")).isTrue();
        assertThat(Sites.isAllocatorFrame("new_slab+0x33f/0x580")).isFalse();
        assertThat(Sites.isAllocatorFrame("kmalloc_large_node+0x60/0x8d")).isFalse();
    }
}
