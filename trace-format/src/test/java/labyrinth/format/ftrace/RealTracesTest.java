package labyrinth.format.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import labyrinth.core.Gfp;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of the test resources' {@code real-traces/} imports without errors; counts below were
 * made by hand from the files (see the README's "mm_page_* events" column).
 */
class RealTracesTest {
    /** file (relative to real-traces) -> {allocs, failed allocs, frees of all kinds, malformed}. */
    private static final Map<String, long[]> COUNTS = Map.ofEntries(
            Map.entry("blog-2025-01-07-trace-cmd-intro-kmem-report.txt", new long[] {4, 0, 0}),
            Map.entry("linux-mm-2010-11-24-simon-kirby-perf-trace.txt", new long[] {1, 0, 0}),
            Map.entry("linux-mm-2016-10-18-michal-hocko-function-graph.txt", new long[] {4, 0, 0}),
            Map.entry("linux-mm-2016-12-07-mel-gorman-netperf-stacktrace.txt", new long[] {2, 0, 0}),
            Map.entry("lkml-2010-01-13-li-hong-mm_page_free_direct.txt", new long[] {1, 0, 4}),
            Map.entry("lkml-2019-04-29-kairui-song-perf-script-callchain.txt", new long[] {2, 0, 0}),
            Map.entry("lkml-2020-06-13-jaewon-kim-mm_page_alloc-nr_free.txt", new long[] {9, 1, 0}),
            Map.entry("lkml-2021-04-30-zhengjun-xing-function-graph-failed-order9.txt", new long[] {1, 1, 0}),
            Map.entry("stable-2019-11-13-kefeng-wang-arm64-stacktrace.txt", new long[] {6, 0, 0}),
            Map.entry("stable-2025-01-steven-rostedt-gfp-enum-unresolved.txt", new long[] {2, 0, 0}),
            // dmesg "page allocation failure" reports and page_owner dumps hold no trace events
            Map.entry("alloc-failures/linux-mm-undated-swapper-order2-buddy-line-partial.txt", new long[] {0, 0, 0}),
            Map.entry("alloc-failures/lkml-2020-06-jaewon-kim-v4.14-kswapd0-order0-GFP_NOIO-highatomic.txt",
                    new long[] {0, 0, 0}),
            Map.entry("alloc-failures/lkml-2020-06-jaewon-kim-v4.19-binder-order0-GFP_ATOMIC.txt", new long[] {0, 0, 0}),
            Map.entry("page-owner/linux-mm-2015-12-18-vbabka-4.6-format.txt", new long[] {0, 0, 0}),
            Map.entry("page-owner/lkml-2022-01-31-waiman-long-memcg-5.17rc.txt", new long[] {0, 0, 0}),
            Map.entry("page-owner/lkml-2025-07-25-akash-tyagi-android-6.12.txt", new long[] {0, 0, 0}));

    private static Imports.Import read(String file) throws TraceException {
        return Imports.read(Imports.realTraces().resolve(file));
    }

    @TestFactory
    Stream<DynamicTest> everyRealTraceImportsWithTheCountedEvents() throws IOException {
        Path root = Imports.realTraces();
        List<String> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).map(p -> root.relativize(p).toString()).sorted().toList();
        }
        assertThat(COUNTS.keySet()).as("every real trace has counts here").containsExactlyInAnyOrderElementsOf(files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f, () -> {
            Imports.Import im = read(f);
            long[] want = COUNTS.get(f);
            ImportReport r = im.report();
            assertThat(r.allocs()).as("allocs").isEqualTo(want[0]);
            assertThat(r.failedAllocs()).as("failed allocs").isEqualTo(want[1]);
            assertThat(r.frees() + r.freesBatched() + r.freesDirect()).as("frees").isEqualTo(want[2]);
            assertThat(im.events()).hasSize((int) (want[0] + want[2]));
            assertThat(r.malformedLines()).as("malformed lines " + r.malformed()).isZero();
            assertThat(im.reader().truncation()).isNull();
            assertThat(im.reader().header().scope()).isEqualTo(Scope.WINDOW);
            for (int i = 0; i < im.events().size(); i++) {
                assertThat(im.events().get(i).number()).isEqualTo(i);
                assertThat(im.events().get(i).common().column()).isEqualTo(1);
            }
            byte[] head = Files.readAllBytes(Imports.realTraces().resolve(f));
            assertThat(FtraceReader.looksLikeFtrace(head)).as("sniffed as a kernel trace").isEqualTo(want[0] + want[2] > 0);
        }));
    }

    @Test
    void traceCmdReportWithHexGfpAndInterleavedSlabEvents() throws TraceException {
        Imports.Import im = read("blog-2025-01-07-trace-cmd-intro-kmem-report.txt");
        Event.Alloc a = im.alloc(0);
        assertThat(a.common().owner()).isEqualTo("make-16810");
        assertThat(a.common().cpu()).isEqualTo(4);
        assertThat(a.common().ctx()).isEqualTo(Context.TASK);
        assertThat(a.common().time()).isEqualTo(2319_000_857_000L);
        assertThat(a.pfn()).isEqualTo(0x1347a7);
        assertThat(a.gfp()).isEqualTo(0x152c4a);
        assertThat(im.alloc(2).common().line()).isEqualTo(4);
        assertThat(im.report().otherEvents()).containsExactlyInAnyOrderEntriesOf(
                Map.of("kmalloc", 6L, "kmem_cache_alloc", 2L));
        assertThat(im.report().hexGfpMasks()).isEqualTo(4);
        assertThat(im.report().machineSource()).isEqualTo("highest pfn " + 0x1347a7);
    }

    @Test
    void oldPerfTracePfnIsAVmemmapOffsetAndLeftUnrecorded() throws TraceException {
        Imports.Import im = read("linux-mm-2010-11-24-simon-kirby-perf-trace.txt");
        Event.Alloc a = im.alloc(0);
        assertThat(a.common().owner()).isEqualTo("imap-20599");
        assertThat(a.common().cpu()).isEqualTo(2);
        assertThat(a.order()).isEqualTo(3);
        assertThat(a.gfp()).isEqualTo(Gfp.GFP_ATOMIC | Gfp.NOWARN | Gfp.NORETRY | Gfp.COMP);
        assertThat(a.gfpUnparsed()).isNull();
        assertThat(a.pfn()).isEqualTo(Event.UNRECORDED);
        assertThat(im.report().vmemmapOffsetPfns()).isEqualTo(1);
    }

    @Test
    void functionGraphTakesTheOwnerFromTheContextSwitchBanner() throws TraceException {
        Imports.Import im = read("linux-mm-2016-10-18-michal-hocko-function-graph.txt");
        assertThat(im.events()).extracting(e -> e.common().cpu()).containsExactly(0, 3, 0, 3);
        assertThat(im.events()).extracting(e -> e.common().owner()).containsExactly("x-termi-4083", null, "x-termi-4083", null);
        assertThat(im.events()).extracting(e -> ((Event.Alloc) e).pfn()).containsExactly(1066702L, 2344923L, 1066702L, 2344923L);
        assertThat(im.events()).extracting(e -> e.common().line()).containsExactly(6L, 9L, 12L, 15L);
        assertThat(im.alloc(0).common().time()).isEqualTo(CommonFields.NO_TIME);
        assertThat(im.alloc(0).gfp()).isEqualTo(Gfp.GFP_KERNEL);
    }

    @Test
    void stackTraceBlocksGiveStackAndSiteAndLegacyGfpNamesAreKept() throws TraceException {
        Imports.Import im = read("linux-mm-2016-12-07-mel-gorman-netperf-stacktrace.txt");
        Event.Alloc a = im.alloc(0);
        assertThat(a.common().owner()).isEqualTo("netperf-3887");
        assertThat(a.common().cpu()).isEqualTo(32);
        assertThat(a.order()).isEqualTo(3);
        assertThat(a.pfn()).isEqualTo(8690824);
        assertThat(a.common().stack()).hasSize(16).startsWith("kmalloc_large_node+0x60/0x8d");
        assertThat(a.common().site()).isEqualTo("kmalloc_large_node+0x60/0x8d");
        assertThat(a.gfp()).isEqualTo(Gfp.GFP_KERNEL | Gfp.NOWARN | Gfp.COMP | Gfp.NOMEMALLOC);
        assertThat(a.gfpUnparsed()).isEqualTo("__GFP_REPEAT|__GFP_NOTRACK");
        Event.Alloc b = im.alloc(1);
        assertThat(b.common().line()).isEqualTo(19);
        assertThat(b.common().stack()).hasSize(19).startsWith("alloc_pages_current+0x88/0x120");
        assertThat(b.common().site()).isEqualTo("new_slab+0x33f/0x580");
        assertThat(im.report().unknownGfp()).containsExactlyInAnyOrderEntriesOf(Map.of("__GFP_REPEAT", 2L, "__GFP_NOTRACK", 2L));
        assertThat(im.report().stacks()).isEqualTo(2);
    }

    @Test
    void oldFreeDirectEventsAndTheHeaderLine() throws TraceException {
        Imports.Import im = read("lkml-2010-01-13-li-hong-mm_page_free_direct.txt");
        assertThat(im.events()).extracting(Event::op).extracting(o -> o.label())
                .containsExactly("free", "free", "alloc", "free", "free");
        Event.Free f = im.free(0);
        assertThat(f.pfn()).isEqualTo(1155800);
        assertThat(f.order()).isEqualTo(0);
        assertThat(f.common().owner()).isEqualTo("gnome-terminal-1567");
        assertThat(f.common().line()).isEqualTo(2);
        assertThat(im.report().freesDirect()).isEqualTo(4);
        assertThat(im.report().ignoredLines()).isEqualTo(1);
    }

    @Test
    void perfScriptCallchainsGiveTheSiteAfterTheAllocatorFrames() throws TraceException {
        Imports.Import im = read("lkml-2019-04-29-kairui-song-perf-script-callchain.txt");
        Event.Alloc a = im.alloc(0);
        assertThat(a.common().owner()).isEqualTo("perf-6429");
        assertThat(a.common().cpu()).isEqualTo(0);
        assertThat(a.common().time()).isEqualTo(22_498_450_000L);
        assertThat(a.pfn()).isEqualTo(1534487);
        assertThat(a.common().stack()).hasSize(6);
        assertThat(a.common().site()).isEqualTo("__poll+0x18"); // the kernel frames are missing: the bug reported
        Event.Alloc b = im.alloc(1);
        assertThat(b.common().line()).isEqualTo(9);
        assertThat(b.common().stack()).hasSize(13).startsWith("__alloc_pages_nodemask+0x22e", "__get_free_pages+0xd");
        assertThat(b.common().site()).isEqualTo("__pollwait+0x8a");
    }

    @Test
    void nrFreeFieldUnknownCommAndAFailedAllocationWithASpaceBeforeNull() throws TraceException {
        Imports.Import im = read("lkml-2020-06-13-jaewon-kim-mm_page_alloc-nr_free.txt");
        assertThat(im.alloc(0).common().owner()).isEqualTo("<...>-22275");
        assertThat(im.alloc(0).pfn()).isEqualTo(970744);
        assertThat(im.alloc(0).gfp()).isEqualTo(Gfp.GFP_HIGHUSER | Gfp.ZERO);
        assertThat(im.alloc(0).common().ctx()).isEqualTo(Context.TASK);
        Event.Alloc failed = im.alloc(8);
        assertThat(failed.common().owner()).isEqualTo("kswapd0-1207");
        assertThat(failed.common().cpu()).isEqualTo(5);
        assertThat(failed.common().ctx()).isEqualTo(Context.ATOMIC); // "...1": preemption disabled
        assertThat(failed.pfn()).isEqualTo(Event.NULL_PFN);
        assertThat(failed.gfp()).isEqualTo(Gfp.GFP_NOWAIT | Gfp.HIGHMEM | Gfp.NOWARN | Gfp.MOVABLE);
    }

    @Test
    void functionGraphEventWrappedOverThreeLines() throws TraceException {
        Imports.Import im = read("lkml-2021-04-30-zhengjun-xing-function-graph-failed-order9.txt");
        Event.Alloc a = im.alloc(0);
        assertThat(a.common().line()).isEqualTo(24);
        assertThat(a.common().cpu()).isEqualTo(24);
        assertThat(a.order()).isEqualTo(9);
        assertThat(a.pfn()).isEqualTo(Event.NULL_PFN);
        assertThat(a.gfp()).isEqualTo(Gfp.GFP_HIGHUSER_MOVABLE | Gfp.NOWARN | Gfp.COMP | Gfp.THISNODE);
        assertThat(im.report().otherEvents()).containsExactly(Map.entry("memlatency", 1L));
    }

    @Test
    void arm64StacksWithoutOffsetsAndBackwardTimestamps() throws TraceException {
        Imports.Import im = read("stable-2019-11-13-kefeng-wang-arm64-stacktrace.txt");
        assertThat(im.events()).extracting(e -> e.common().site()).containsExactly(
                "do_page_fault", "copy_process.isra.8", "pgd_alloc",
                "handle_mm_fault", "copy_process.isra.8", "pgd_alloc");
        assertThat(im.events()).extracting(e -> e.common().owner()).containsExactly(
                "sh-781", "sh-781", "sh-781", "sh-780", "sh-780", "sh-780");
        assertThat(im.events()).extracting(e -> e.common().line()).containsExactly(1L, 7L, 13L, 21L, 29L, 37L);
        assertThat(im.alloc(1).gfp()).isEqualTo(Gfp.GFP_USER | Gfp.ZERO);
        assertThat(im.alloc(1).gfpUnparsed()).isEqualTo("GFP_NOTRACK");
        assertThat(im.alloc(2).gfpUnparsed()).isEqualTo("GFP_REPEAT|GFP_NOTRACK");
        assertThat(im.alloc(3).pfn()).isEqualTo(1024392);
        // the "after" block was pasted after the "before" block but recorded earlier
        assertThat(im.alloc(2).common().time()).isEqualTo(31_303_975_000L);
        assertThat(im.alloc(3).common().time()).isEqualTo(CommonFields.NO_TIME);
        assertThat(im.report().timeBackwards()).isEqualTo(3);
        assertThat(im.report().firstTimeBackwardsLine()).isEqualTo(21);
        // "...1" on every event: the pre-4.7 CONFIG_PREEMPT artefact, flagged in the warnings
        assertThat(im.events()).allMatch(e -> e.common().ctx() == Context.ATOMIC);
        assertThat(im.report().warnings()).anyMatch(w -> w.contains("preempt offset of 1"));
        Imports.Import corrected = Imports.read(Imports.realTraces().resolve(
                "stable-2019-11-13-kefeng-wang-arm64-stacktrace.txt"), FtraceOptions.defaults().withPreemptOffset(1));
        assertThat(corrected.events()).allMatch(e -> e.common().ctx() == Context.TASK);
    }

    @Test
    void bareLinesWithUnresolvedAndResolvedGfpAgree() throws TraceException {
        Imports.Import im = read("stable-2025-01-steven-rostedt-gfp-enum-unresolved.txt");
        assertThat(im.alloc(0).gfp()).isEqualTo(im.alloc(1).gfp()).isEqualTo(Gfp.GFP_HIGHUSER_MOVABLE | Gfp.COMP);
        assertThat(im.alloc(0).pfn()).isEqualTo(0x1d1ac1);
        assertThat(im.alloc(1).pfn()).isEqualTo(0x122233);
        assertThat(im.alloc(0).common().owner()).isNull();
        assertThat(im.alloc(0).common().cpu()).isEqualTo(-1);
        assertThat(im.report().layouts()).containsExactly(Map.entry(Layout.BARE, 2L));
    }

    @Test
    void pageOwnerAndDmesgTextIsUnrecognisedNotMalformed() throws TraceException {
        Imports.Import im = read("page-owner/lkml-2025-07-25-akash-tyagi-android-6.12.txt");
        assertThat(im.report().unrecognisedLines()).isEqualTo(38);
        assertThat(im.report().ignoredLines()).isEqualTo(2);
        assertThat(im.report().machineSource()).isEqualTo("default (no pfn in the trace)");
        Imports.Import dmesg = read("alloc-failures/lkml-2020-06-jaewon-kim-v4.19-binder-order0-GFP_ATOMIC.txt");
        assertThat(dmesg.report().unrecognisedLines()).isEqualTo(28);
    }
}
