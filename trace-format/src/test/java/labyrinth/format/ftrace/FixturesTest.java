package labyrinth.format.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Op;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's own fixtures: one per layout, context flag, failure spelling, stack block and gfp spelling. */
class FixturesTest {
    @TempDir
    Path tmp;

    @Test
    void everyIrqFlagMapsToItsContext() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("ftrace-5col-contexts.txt"));
        assertThat(im.events()).extracting(e -> e.common().ctx()).containsExactly(
                Context.TASK,     // .....
                Context.ATOMIC,   // d....  irqs off
                Context.ATOMIC,   // D....  irqs and bottom halves off
                Context.ATOMIC,   // b....  bottom halves off
                Context.ATOMIC,   // ...1.  preempt depth 1
                Context.TASK,     // ....1  migrate-disable only
                Context.SOFTIRQ,  // ..s1.
                Context.HARDIRQ,  // d.h1.
                Context.HARDIRQ,  // d.H2.  hardirq inside softirq
                Context.NMI,      // d.z1.
                Context.NMI,      // d.Z1.  nmi inside hardirq
                Context.SOFTIRQ,  // dNs2.
                Context.TASK,     // X....  irqs-off not supported
                Context.TASK,     // .N...  need-resched only
                Context.TASK,     // CPU:3 [LOST 12 EVENTS]: a mark
                Context.TASK,     // failed alloc
                Context.TASK,     // free_batched
                Context.TASK);    // free
        assertThat(im.alloc(6).common().owner()).isEqualTo("<idle>-0");
        assertThat(im.alloc(8).common().owner()).isEqualTo("ksoftirqd/1-22");
        assertThat(im.alloc(11).common().owner()).isEqualTo("kworker/2:1-99");
        assertThat(im.alloc(12).common().owner()).isEqualTo("Web Content-4242");
        assertThat(im.alloc(0).pfn()).isEqualTo(0x1000);
        assertThat(im.alloc(0).common().line()).isEqualTo(13);
        assertThat(im.alloc(0).common().time()).isEqualTo(100_000_001_000L);
        Event.Mark lost = (Event.Mark) im.events().get(14);
        assertThat(lost.label()).isEqualTo("CPU:3 [LOST 12 EVENTS]");
        assertThat(lost.lost()).isEqualTo(12);
        assertThat(lost.common().line()).isEqualTo(27);
        assertThat(lost.common().cpu()).isEqualTo(3);
        Event.Alloc failed = im.alloc(15);
        assertThat(failed.pfn()).isEqualTo(Event.NULL_PFN);
        assertThat(failed.order()).isEqualTo(3);
        assertThat(im.free(16).order()).isZero();
        assertThat(im.free(17).pfn()).isEqualTo(0x1001);
        ImportReport r = im.report();
        assertThat(r.lostEvents()).isEqualTo(12);
        assertThat(r.pcpuDrains()).isEqualTo(1);
        assertThat(r.allocZoneLocked()).isEqualTo(1);
        assertThat(r.otherEvents()).containsExactly(Map.entry("kmalloc", 1L));
        assertThat(r.failedAllocs()).isEqualTo(1);
        assertThat(r.frees()).isEqualTo(2);
        assertThat(r.freesBatched()).isEqualTo(1);
        assertThat(r.warnings()).anyMatch(w -> w.contains("lost 12 events"));
    }

    @Test
    void stackTraceBlocksAttachToTheirEventOnTheSameCpu() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("ftrace-4col-stacktrace.txt"));
        assertThat(im.events()).hasSize(4);
        Event.Alloc a = im.alloc(0);
        assertThat(a.common().owner()).isEqualTo("kswapd0-42");
        assertThat(a.common().stack()).containsExactly("__alloc_pages_nodemask+0x1c5/0x370",
                "alloc_pages_current+0x88/0x120", "new_slab+0x2d1/0x560", "___slab_alloc+0x352/0x4d0",
                "kmem_cache_alloc+0x1c5/0x1e0");
        assertThat(a.common().site()).isEqualTo("new_slab+0x2d1/0x560");
        assertThat(a.pfn()).isEqualTo(32768);
        Event.Free f = im.free(1);
        assertThat(f.order()).isEqualTo(2);
        assertThat(f.common().site()).isEqualTo("__free_slab+0xd2/0x1d0");
        Event.Alloc rx = im.alloc(2);
        assertThat(rx.common().owner()).isEqualTo("irq/42-eth0-77");
        assertThat(rx.common().ctx()).isEqualTo(Context.SOFTIRQ);
        assertThat(rx.common().site()).isEqualTo("page_frag_alloc+0x103/0x130");
        assertThat(rx.gfp()).isEqualTo(Gfp.GFP_ATOMIC | Gfp.NOWARN | Gfp.COMP | Gfp.MEMALLOC);
        assertThat(im.free(3).order()).isZero();
        assertThat(im.free(3).common().stack()).isEmpty();
        assertThat(im.report().orphanStacks()).isEqualTo(1);
        assertThat(im.report().stacks()).isEqualTo(3);
    }

    @Test
    void traceCmdReportHeaderAndPaddedNames() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("trace-cmd-report.txt"));
        assertThat(im.events()).hasSize(4);
        assertThat(im.alloc(0).common().line()).isEqualTo(4);
        assertThat(im.alloc(0).pfn()).isEqualTo(0x1347a7);
        assertThat(im.free(1).common().owner()).isEqualTo("cc1-16811");
        assertThat(im.free(1).common().ctx()).isEqualTo(Context.ATOMIC);
        assertThat(im.alloc(2).common().ctx()).isEqualTo(Context.SOFTIRQ);
        assertThat(im.alloc(2).order()).isEqualTo(1);
        assertThat(im.free(3).order()).isZero();
        assertThat(im.report().ignoredLines()).isEqualTo(3);
        assertThat(im.report().unrecognisedLines()).isZero();
        assertThat(im.report().layouts()).containsExactly(Map.entry(Layout.FTRACE, 4L));
    }

    @Test
    void perfScriptOwnersCallchainsAndPfnFromPage() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("perf-script.txt"));
        assertThat(im.events()).hasSize(4);
        Event.Alloc a = im.alloc(0);
        assertThat(a.common().owner()).isEqualTo("swapper-0");
        assertThat(a.common().cpu()).isEqualTo(3);
        assertThat(a.common().site()).isEqualTo("rx_refill+0x4c");
        assertThat(a.common().stack()).hasSize(4);
        Event.Free f = im.free(1);
        assertThat(f.common().owner()).isEqualTo("Chrome_IOThread-5033");
        assertThat(f.pfn()).isEqualTo(0x2000); // no pfn=: perf's page=0x... is the pfn
        assertThat(f.order()).isEqualTo(1);
        assertThat(f.common().site()).isEqualTo("rx_clean+0x60");
        Event.Alloc noCpu = im.alloc(2);
        assertThat(noCpu.common().owner()).isEqualTo("stress-777");
        assertThat(noCpu.common().cpu()).isEqualTo(-1);
        assertThat(noCpu.common().site()).isNull();
        assertThat(noCpu.common().stack()).containsExactly("[unknown] <7f0012345678>");
        assertThat(im.alloc(3).pfn()).isEqualTo(Event.UNRECORDED); // a pointer, not a pfn
        assertThat(im.report().otherEvents()).containsExactly(Map.entry("kmalloc", 1L));
        assertThat(im.report().unrecognisedLines()).isZero();
        assertThat(im.report().layouts()).containsExactly(Map.entry(Layout.PERF_SCRIPT, 4L));
    }

    @Test
    void functionGraphBannersProcColumnAbstimeAndWrappedComments() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("function-graph.txt"));
        assertThat(im.events()).hasSize(4);
        assertThat(im.alloc(0).common().owner()).isEqualTo("cat-200");
        assertThat(im.alloc(0).common().cpu()).isEqualTo(1);
        assertThat(im.alloc(1).common().owner()).isEqualTo("dd-300");
        assertThat(im.free(2).common().time()).isEqualTo(123_000_100_000L);
        assertThat(im.free(2).common().cpu()).isEqualTo(3);
        Event.Alloc thp = im.alloc(3);
        assertThat(thp.common().line()).isEqualTo(15);
        assertThat(thp.order()).isEqualTo(9);
        assertThat(thp.pfn()).isEqualTo(Event.NULL_PFN);
        assertThat(thp.gfp()).isEqualTo(Gfp.GFP_TRANSHUGE | Gfp.THISNODE);
        assertThat(im.report().otherEvents()).containsExactly(Map.entry("(comment)", 1L));
        assertThat(im.report().malformed()).extracting(ImportReport.Problem::line).containsExactly(19L);
    }

    @Test
    void bareEventLines() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("bare.txt"));
        assertThat(im.events()).hasSize(3);
        assertThat(im.free(1).pfn()).isEqualTo(0x1d1ac1);
        assertThat(im.alloc(2).gfp()).isEqualTo(Gfp.DMA);
        assertThat(im.report().otherEvents()).containsExactly(Map.entry("kmalloc", 1L));
    }

    @Test
    void oldKernelEventNamesAndGfpSpellings() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("old-2.6-noflags.txt"));
        assertThat(im.events()).extracting(e -> e.op().label()).containsExactly("alloc", "free", "free", "alloc", "alloc");
        Event.Alloc a = im.alloc(0);
        assertThat(a.common().ctx()).isEqualTo(Context.TASK);
        assertThat(a.gfp()).isEqualTo(Gfp.GFP_KERNEL | Gfp.NOWARN | Gfp.ZERO);
        assertThat(a.gfpUnparsed()).isEqualTo("GFP_COLD");
        assertThat(im.free(1).order()).isZero();
        assertThat(im.free(2).order()).isEqualTo(1);
        assertThat(im.alloc(3).gfp()).isEqualTo(Gfp.GFP_KERNEL | Gfp.RECLAIMABLE | Gfp.THISNODE);
        assertThat(im.alloc(3).gfpUnparsed()).isEqualTo("GFP_NO_KSWAPD");
        assertThat(im.alloc(4).pfn()).isEqualTo(Event.NULL_PFN);
        assertThat(im.alloc(4).gfp()).isEqualTo(Gfp.IO | Gfp.FS | Gfp.RECLAIM);
        assertThat(im.report().freesBatched()).isEqualTo(1);
        assertThat(im.report().freesDirect()).isEqualTo(1);
        assertThat(im.report().otherEvents()).containsExactly(Map.entry("mm_page_alloc_extfrag", 1L));
    }

    @Test
    void everyGfpSpelling() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("gfp-spellings.txt"));
        assertThat(im.events()).extracting(e -> ((Event.Alloc) e).gfp()).containsExactly(
                Gfp.GFP_KERNEL,
                Gfp.GFP_ATOMIC | Gfp.NOWARN | Gfp.COMP | Gfp.ZERO,
                Gfp.NOWARN | Gfp.NORETRY | Gfp.COMP | Gfp.ZERO | Gfp.HIGHMEM,
                Gfp.GFP_KERNEL,
                Gfp.GFP_USER,
                Gfp.GFP_HIGHUSER_MOVABLE | Gfp.COMP,
                Gfp.GFP_KERNEL,
                0L,
                Gfp.GFP_KERNEL,
                Gfp.GFP_TRANSHUGE | Gfp.THISNODE,
                Gfp.DMA | Gfp.RECLAIMABLE | Gfp.ACCOUNT,
                Gfp.DMA32 | Gfp.MOVABLE | Gfp.HARDWALL | Gfp.NOMEMALLOC);
        assertThat(im.events()).extracting(e -> ((Event.Alloc) e).gfpUnparsed()).containsExactly(
                null, null, null, "__GFP_REPEAT|__GFP_NOTRACK|__GFP_COLD", "GFP_REPEAT|GFP_NOTRACK", null,
                "0x4000000", null, null, null, null, null);
        assertThat(im.report().unknownGfp()).containsEntry("__GFP_COLD", 1L).containsEntry("0x4000000", 1L);
        assertThat(im.report().hexGfpMasks()).isEqualTo(1);
        assertThat(im.report().warnings()).anyMatch(w -> w.startsWith("gfp names not in the model"));
    }

    @Test
    void malformedLinesAreSkippedWithTheirLineNumbers() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("malformed.txt"));
        assertThat(im.events()).hasSize(2);
        assertThat(im.events()).extracting(e -> e.common().line()).containsExactly(2L, 9L);
        assertThat(im.report().malformedLines()).isEqualTo(5);
        assertThat(im.report().malformed()).extracting(ImportReport.Problem::line).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(im.report().malformed().get(1).message())
                .isEqualTo("\"order\" must be an integer from 0 to 10, found \"99\"");
        assertThat(im.report().unrecognised()).containsExactly(8L);
        assertThat(im.report().warnings().get(0)).startsWith("5 malformed lines skipped\n  line 3: ");
    }

    @Test
    void linesSayingEventsWereLostBecomeGapMarksAtTheirLines() throws TraceException {
        Imports.Import im = Imports.read(Imports.fixture("lost-events.txt"));
        assertThat(im.events()).extracting(Event::op).containsExactly(Op.ALLOC, Op.MARK, Op.ALLOC, Op.MARK, Op.MARK,
                Op.MARK, Op.MARK, Op.FREE, Op.FREE);
        List<Event.Mark> marks = im.events().stream().filter(e -> e instanceof Event.Mark)
                .map(e -> (Event.Mark) e).toList();
        assertThat(marks).extracting(m -> m.common().line(), m -> m.common().cpu(), Event.Mark::lost, Event.Mark::label)
                .containsExactly(
                        tuple(6L, 0, 37L, "CPU:0 [LOST 37 EVENTS]"),
                        tuple(8L, 1, Event.Mark.LOST_UNCOUNTED, "CPU:1 [LOST EVENTS]"),
                        tuple(9L, 2, 5L, "CPU:2 [5 EVENTS DROPPED]"),
                        tuple(10L, 3, Event.Mark.LOST_UNCOUNTED, "CPU:3 [EVENTS DROPPED]"),
                        tuple(11L, 3, Event.Mark.LOST_UNCOUNTED, "CPU 3 buffer overrun"));
        assertThat(marks).allMatch(Event.Mark::gap);
        assertThat(im.events()).extracting(Event::number).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(im.report().lostEvents()).isEqualTo(42);
        assertThat(im.report().lossMarkers()).isEqualTo(5);
        assertThat(im.report().warnings()).contains("the ring buffer lost at least 42 events at 5 places: frees or"
                + " allocations may be missing (each place is a mark labelled with the kernel's line)");
    }

    @Test
    void linesLikeLossLinesThatAreNotAreNotGaps() throws Exception {
        Path f = tmp.resolve("not-lost.txt");
        Files.writeString(f, "# tracer: nop\nCPU 2 is empty\nCPU:1 [LOST MANY EVENTS]\nCPU:x [LOST 3 EVENTS]\n"
                + "  a-1 [000] .... 1.000001: mm_page_alloc: page=000000007a1b2c3d pfn=0x10 order=0 migratetype=0"
                + " gfp_flags=GFP_KERNEL\n");
        Imports.Import im = Imports.read(f);
        assertThat(im.events()).extracting(Event::op).containsExactly(Op.ALLOC);
        assertThat(im.report().lossMarkers()).isZero();
    }

    @Test
    void aLossLineCutOffAtTheEndIsATruncation() throws Exception {
        Path f = tmp.resolve("cut-lost.txt");
        // the kernel ends every line with a line feed: without one, the file was cut there
        Files.writeString(f, "  a-1 [000] .... 1.000001: mm_page_alloc: page=000000007a1b2c3d pfn=0x10 order=0"
                + " migratetype=0 gfp_flags=GFP_KERNEL\nCPU:0 [LOST 3 EVENTS]");
        Imports.Import im = Imports.read(f);
        assertThat(im.events()).extracting(Event::op).containsExactly(Op.ALLOC);
        assertThat(im.reader().truncation()).isNotNull();
    }

    @Test
    void strictModeStopsAtTheFirstMalformedLine() {
        assertThatThrownBy(() -> Imports.read(Imports.fixture("malformed.txt"), FtraceOptions.defaults().withStrict(true)))
                .isInstanceOf(TraceException.class)
                .hasMessageEndingWith("malformed.txt:3:1: mm_page_alloc needs order= and gfp_flags=, found "
                        + "\"page=0000000000000001 pfn=0x11 migratetype=0 gfp_flags=GFP_KERNEL\"");
    }

    @Test
    void aCutOffLastLineIsATruncation() throws Exception {
        Path f = tmp.resolve("cut.txt");
        String whole = "  a-1 [000] .... 1.000001: mm_page_alloc: page=0 pfn=0x10 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n";
        Files.writeString(f, whole + "  a-1 [000] .... 1.000002: mm_page_alloc: page=0 pfn=0x11 or");
        Imports.Import im = Imports.read(f, FtraceOptions.defaults().withStrict(true));
        assertThat(im.events()).hasSize(1);
        assertThat(im.reader().truncation().describe())
                .isEqualTo("truncated after event 0 (byte " + Files.size(f) + ")");
        assertThat(im.report().malformedLines()).isZero();
    }

    @Test
    void aLastLineCutBeforeItsEventNameIsATruncationNotAnUnknownLine() throws Exception {
        Path f = tmp.resolve("cut.txt");
        String whole = "  a-1 [000] .... 1.000001: mm_page_alloc: page=0 pfn=0x10 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n";
        Files.writeString(f, whole + "  gnome-terminal-1567  [000]  4415.");
        Imports.Import im = Imports.read(f);
        assertThat(im.events()).hasSize(1);
        assertThat(im.reader().truncation().describe()).isEqualTo("truncated after event 0 (byte " + Files.size(f) + ")");
        assertThat(im.report().unrecognisedLines()).isZero();
        // the same line ended by a line feed is a whole line the importer does not know
        Files.writeString(f, whole + "  gnome-terminal-1567  [000]  4415.\n");
        Imports.Import ended = Imports.read(f);
        assertThat(ended.reader().truncation()).isNull();
        assertThat(ended.report().unrecognisedLines()).isEqualTo(1);
    }

    @Test
    void aCutOffLastLineThatStillReadsIsATruncationNotAnEvent() throws Exception {
        Path f = tmp.resolve("cut.txt");
        String whole = "  a-1 [000] .... 1.000001: mm_page_alloc: page=000000007a1b2c3d pfn=0x1000 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n";
        // cut inside the pfn: read as it stands it would free pfn 0x10, a page nobody allocated
        Files.writeString(f, whole + "  a-1 [000] .... 1.000002: mm_page_free: page=000000007a1b2c3d pfn=0x10");
        Imports.Import im = Imports.read(f);
        assertThat(im.events()).hasSize(1);
        assertThat(im.reader().truncation().describe())
                .isEqualTo("truncated after event 0 (byte " + Files.size(f) + ")");
        Files.writeString(f, whole + "  a-1 [000] .... 1.000002: mm_page_free: page=000000007a1b2c3d pfn=0x1000 order=0\n");
        Imports.Import ended = Imports.read(f);
        assertThat(ended.reader().truncation()).as("the whole line, ended").isNull();
        assertThat(ended.free(1).pfn()).isEqualTo(0x1000);
    }

    @Test
    void gzipFilesAreReadToo() throws Exception {
        Path f = tmp.resolve("t.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(Files.readAllBytes(Imports.fixture("trace-cmd-report.txt")));
        }
        assertThat(Imports.read(f).events()).hasSize(4);
    }

    @Test
    void aStreamWithoutTheMachineIsCopiedAsideToFindItsHighestPfnAndTheCopyGoesOnClose() throws Exception {
        byte[] text = Files.readAllBytes(Imports.fixture("trace-cmd-report.txt"));
        java.util.Set<Path> before = copies();
        try (FtraceReader fromStream = FtraceReader.open("<stdin>", new ByteArrayInputStream(gzip(text)),
                FtraceOptions.defaults());
             FtraceReader fromFile = FtraceReader.open(Imports.fixture("trace-cmd-report.txt"), FtraceOptions.defaults())) {
            assertThat(fromStream.header().machine()).isEqualTo(fromFile.header().machine());
            assertThat(fromStream.report().machineSource()).isEqualTo(fromFile.report().machineSource())
                    .startsWith("highest pfn ");
            assertThat(fromStream.name()).isEqualTo("<stdin>");
            for (Event e = fromFile.next(); e != null; e = fromFile.next()) {
                assertThat(fromStream.next()).isEqualTo(e);
            }
            assertThat(fromStream.next()).isNull();
            assertThat(copies()).as("the copy exists while the reader is open").hasSizeGreaterThan(before.size());
        }
        assertThat(copies()).as("and not after").isSubsetOf(before);
    }

    /** The importer's copies of streams in the temporary folder. */
    private static java.util.Set<Path> copies() throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().matches("labyrinth-\\d+\\.trace"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static byte[] gzip(byte[] text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text);
        }
        return bytes.toByteArray();
    }

    @Test
    void aStreamWithTheMachineIsReadAsItComes() throws Exception {
        byte[] text = Files.readAllBytes(Imports.fixture("bare.txt"));
        try (FtraceReader r = FtraceReader.open("stdin", new ByteArrayInputStream(text),
                FtraceOptions.defaults().withMemory(8L << 30))) {
            assertThat(r.header().machine().endPfn()).isEqualTo(2097152);
            assertThat(r.report().machineSource()).isEqualTo("memory 8589934592 bytes");
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(3);
        }
    }

    @Test
    void machineFromZoneinfoOrMemoryOrHighestPfn() throws Exception {
        Path trace = Imports.fixture("ftrace-4col-stacktrace.txt");
        try (FtraceReader r = FtraceReader.open(trace,
                FtraceOptions.defaults().withZoneinfo(Imports.fixture("zoneinfo-x86-16g.txt")))) {
            assertThat(r.header().machine().endPfn()).isEqualTo(1048576 + 3300416); // Normal's managed pages
            assertThat(r.report().machineSource()).startsWith("zoneinfo ");
        }
        try (FtraceReader r = FtraceReader.open(trace, FtraceOptions.defaults())) {
            // highest block: pfn 32772 (order 0) and 32768 (order 2, up to 32771): rounded up to 1024 pages
            assertThat(r.header().machine().endPfn()).isEqualTo(33792);
            assertThat(r.report().machineSource()).isEqualTo("highest pfn 32773");
        }
        Machine given = Machine.ofPages(1 << 20);
        try (FtraceReader r = FtraceReader.open(trace, FtraceOptions.defaults().withMachine(given))) {
            assertThat(r.header().machine()).isSameAs(given);
        }
    }

    @Test
    void sniffingRecognisesKernelTextAndRejectsJsonAndGzip() throws IOException {
        for (String f : List.of("ftrace-5col-contexts.txt", "ftrace-4col-stacktrace.txt", "trace-cmd-report.txt",
                "perf-script.txt", "function-graph.txt", "bare.txt", "old-2.6-noflags.txt")) {
            assertThat(FtraceReader.looksLikeFtrace(Files.readAllBytes(Imports.fixture(f)))).as(f).isTrue();
        }
        assertThat(FtraceReader.looksLikeFtrace("  {\"labyrinth\": 1}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(FtraceReader.looksLikeFtrace(new byte[] {0x1f, (byte) 0x8b, 8, 0})).isFalse();
        assertThat(FtraceReader.looksLikeFtrace(Files.readAllBytes(Imports.fixture("zoneinfo-x86-16g.txt")))).isFalse();
        assertThat(FtraceReader.looksLikeFtrace("# tracer: nop\n".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    private List<Event> importText(String text, FtraceOptions options, List<String> warnings) throws Exception {
        Path file = tmp.resolve("k.txt");
        Files.writeString(file, text);
        try (FtraceReader r = FtraceReader.open(file, options)) {
            List<Event> events = new java.util.ArrayList<>();
            for (Event e; (e = r.next()) != null; ) {
                events.add(e);
            }
            warnings.addAll(r.warnings());
            machine = r.header().machine();
            return events;
        }
    }

    private Machine machine;

    @Test
    void kernelOptionSetsTheMachinesKernelAndWhatItsGfpNamesMean() throws Exception {
        String text = "  mm_page_alloc: page=0x10 pfn=0x10 order=0 migratetype=0 gfp_flags=GFP_NOWAIT\n"
                + "  mm_page_alloc: page=0x11 pfn=0x11 order=0 migratetype=0 gfp_flags=GFP_ATOMIC|__GFP_ATOMIC\n";
        List<String> w = new java.util.ArrayList<>();
        List<Event> six6 = importText(text, FtraceOptions.defaults().withKernel(labyrinth.core.KernelVersion.parse("6.6")), w);
        assertThat(machine.kernel().text()).isEqualTo("6.6");
        assertThat(six6).extracting(e -> ((Event.Alloc) e).gfp()).containsExactly(0x800L, 0xa20L);
        List<Event> old = importText(text.replace("GFP_ATOMIC|__GFP_ATOMIC", "GFP_ATOMIC"),
                FtraceOptions.defaults().withKernel(labyrinth.core.KernelVersion.parse("5.15.0-91-generic")), w);
        assertThat(old).extracting(e -> ((Event.Alloc) e).gfp()).containsExactly(0x800L, 0xa20L);
        List<Event> current = importText(text, FtraceOptions.defaults(), w);
        assertThat(machine.kernel()).isEqualTo(labyrinth.core.KernelVersion.DEFAULT);
        assertThat(current).extracting(e -> ((Event.Alloc) e).gfp()).containsExactly(0x2800L, 0xa20L);
    }

    @Test
    void pagesOutsideTheManagedPagesOfZoneinfoAreLeftOutAndCounted() throws Exception {
        // Normal holds managed 3300416 pages from 1048576, so pfn 4400000 is past it (its span reaches 4456448)
        String text = "  mm_page_alloc: page=0x1 pfn=32768 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n"
                + "  mm_page_alloc: page=0x1 pfn=4400000 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n"
                + "  mm_page_free: page=0x1 pfn=4400000 order=0\n"
                + "  mm_page_free: page=0x1 pfn=32768 order=0\n";
        List<String> w = new java.util.ArrayList<>();
        List<Event> events = importText(text, FtraceOptions.defaults().withZoneinfo(Imports.fixture("zoneinfo-x86-16g.txt")), w);
        assertThat(events).extracting(e -> e.common().line()).containsExactly(1L, 4L);
        assertThat(w).contains("2 events about pages outside the machine's zones left out (a zone from zoneinfo holds"
                + " its managed pages from start_pfn; the rest of its span is holes and reserved pages)");
        // zoneinfo gives every watermark: nothing was assumed
        assertThat(w).noneMatch(s -> s.startsWith("watermarks computed"));
    }

    @Test
    void aGuessedMachineSaysWhichSettingsItsWatermarksAssumed() throws Exception {
        String text = "  mm_page_alloc: page=0x1 pfn=32768 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n";
        List<String> w = new java.util.ArrayList<>();
        importText(text, FtraceOptions.defaults().withMemory(16L << 30), w);
        assertThat(w).containsExactly("watermarks computed, not read: assumed min_free_kbytes 67584 (Linux's boot"
                + " value, raised by khugepaged), watermark_scale_factor 10 and transparent hugepages on; --zoneinfo"
                + " gives the machine's own");
        w.clear();
        importText(text, FtraceOptions.defaults(), w);
        // the highest pfn gives 33792 pages (132 MiB): below 512 MiB khugepaged raises nothing
        assertThat(w).containsExactly("watermarks computed, not read: assumed min_free_kbytes 1470 (Linux's boot"
                + " value), watermark_scale_factor 10 and transparent hugepages on; --zoneinfo gives the machine's own");
    }
}
