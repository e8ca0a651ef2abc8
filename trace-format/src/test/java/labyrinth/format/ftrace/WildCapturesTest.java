package labyrinth.format.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import labyrinth.core.Gfp;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.Test;

/** Public pastes of kmem events (test resources {@code wild/}, provenance in their README). */
class WildCapturesTest {
    private static Imports.Import read(String name) throws TraceException {
        try {
            return Imports.read(Path.of(WildCapturesTest.class.getResource("/wild/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSiteSkipsTheTracingCodesOwnFrameAndThe5xFreePath() throws TraceException {
        Imports.Import im = read("kunlunxin-2022-09-kl2-mm_page_free-stacktrace.txt");
        assertThat(im.events()).hasSize(1);
        Event.Free free = im.free(0);
        assertThat(free.common().stack()).startsWith("trace_event_raw_event_mm_page_free", "free_pcp_prepare",
                "free_unref_page_list", "release_pages", "tlb_flush_mmu");
        assertThat(free.common().site()).isEqualTo("tlb_flush_mmu");
    }

    @Test
    void theSitesOfReal6xStacksAreTheCallers() {
        // Mel Gorman's 2022 stacks (6.0 era): the tracing frame, then the allocator's
        List<String> kmalloc = List.of("trace_event_raw_event_mm_page_alloc+0x7d/0xc0", "__alloc_pages+0x188/0x250",
                "kmalloc_large_node+0x3f/0x80", "__kmalloc_node+0x321/0x420");
        assertThat(Sites.siteOf(kmalloc)).isEqualTo("kmalloc_large_node+0x3f/0x80");
        List<String> fault = List.of("trace_event_raw_event_mm_page_alloc+0x7d/0xc0", "__alloc_pages+0x188/0x250",
                "__folio_alloc+0x17/0x50", "vma_alloc_folio+0x8f/0x350", "__handle_mm_fault+0xa1e/0x1120");
        assertThat(Sites.siteOf(fault)).isEqualTo("__handle_mm_fault+0xa1e/0x1120");
        // names of 6.x kernels: the 6.19 report's allocator frame, the folio batch free
        assertThat(Sites.isAllocatorFrame("__alloc_frozen_pages_noprof+0xec3/0x2470")).isTrue();
        assertThat(Sites.isAllocatorFrame("free_unref_folios+0x1d4/0x4c0")).isTrue();
        assertThat(Sites.isAllocatorFrame("folios_put_refs+0x1a0/0x200")).isTrue();
        assertThat(Sites.isTracingFrame("perf_trace_mm_page_alloc+0x60/0x90")).isTrue();
        assertThat(Sites.isTracingFrame("__traceiter_mm_page_free+0x30/0x50")).isTrue();
        assertThat(Sites.isTracingFrame("tlb_flush_mmu+0x41/0x140")).isFalse();
        assertThat(Sites.isAllocatorFrame("kmalloc_large_node+0x3f/0x80")).isFalse();
    }

    @Test
    void framesWithoutAStackTraceHeaderAreCountedInAWarning() throws TraceException {
        Imports.Import im = read("linux-mm-2022-09-01-mel-gorman-aggregated-stacks.txt");
        assertThat(im.events()).isEmpty();
        assertThat(im.report().headerlessFrames()).isEqualTo(29);
        assertThat(im.report().warnings()).contains("29 stack frame lines (=> ...) without a <stack trace> header"
                + " ignored: no event takes its stack or site from them");
        assertThat(im.report().unrecognisedLines()).isEqualTo(2); // the "3 instances ..." lines
    }

    @Test
    void decimalGfpMasksAreReadAsNumbers() throws TraceException {
        Imports.Import im = read("linux-mm-2017-08-31-babka-rostedt-decimal-gfp.txt");
        assertThat(im.events()).hasSize(2);
        // 29491274 = 0x1c2004a and 24150208 = 0x17080c0 in 4.13's layout; bits above 0xffffff kept as text
        assertThat(im.alloc(0).gfp()).isEqualTo(0x1c2004aL & 0xffffff);
        assertThat(im.alloc(1).gfp()).isEqualTo(0x17080c0L & 0xffffff);
        assertThat(im.alloc(1).gfpUnparsed()).isEqualTo("0x1000000");
        assertThat(im.alloc(0).pfn()).isEqualTo(0x165cb4);
        assertThat(im.alloc(1).pfn()).isEqualTo(680692);
        assertThat(im.report().decimalGfpMasks()).isEqualTo(2);
        assertThat(im.report().warnings()).contains("2 gfp masks printed as decimal numbers (trace-cmd's [FAILED"
                + " TO PARSE] or report -R), read with the bit values of Linux 6.3+ (older kernels used other bits)");
        assertThat(im.report().unknownGfp()).doesNotContainKeys("29491274", "24150208");
        assertThat(KernelGfp.parseUncached("24150208").mask()).isNotZero();
        assertThat(KernelGfp.parseUncached("GFP_KERNEL").decimal()).isFalse();
        assertThat(Gfp.names(KernelGfp.parseUncached("3264").mask())).isEqualTo("GFP_KERNEL"); // 3264 = 0xcc0
    }

    @Test
    void bareSlabLinesCountAsOtherEventsAsTheyDoWithColumns() throws TraceException {
        Imports.Import im = read("lkml-2022-05-22-vasily-averin-bare-slab-lines.txt");
        assertThat(im.events()).hasSize(1);
        assertThat(im.alloc(0).pfn()).isEqualTo(0x12ad72);
        assertThat(im.report().otherEvents()).isEqualTo(Map.of("kmalloc", 1L, "kmem_cache_alloc", 3L));
        assertThat(im.report().unrecognisedLines()).isZero();
    }
}
