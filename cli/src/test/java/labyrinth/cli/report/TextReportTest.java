package labyrinth.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;
import org.junit.jupiter.api.Test;

/** The text report on small traces built in code; the goldens cover whole sample traces. */
class TextReportTest {
    static String text(ReplayResult r, Colors colors) {
        StringWriter sw = new StringWriter();
        try (PrintWriter out = new PrintWriter(sw)) {
            TextReport.write(r, out, colors);
        }
        return sw.toString();
    }

    static String text(ReplayResult r) {
        return text(r, Colors.NONE);
    }

    /** Eight pages, no watermarks: an order-3 block takes them all and the next request fails. */
    static TraceBuilder eightPages() {
        Machine m = new Machine(Machine.DEFAULT_PAGE_SIZE, 3, List.of(new ZoneSpec(ZoneKind.NORMAL, 0, 8,
                new Watermarks(0, 0, 0), Map.of())), Machine.DEFAULT_DIRECT_MAP_BASE);
        return new TraceBuilder(new Header(Scope.COMPLETE, m));
    }

    /** An order-3 block takes all eight pages; the order-0 request after it fails; then the block is freed. */
    static ReplayResult exhausted() {
        return eightPages().alloc("a", 3, Gfp.GFP_KERNEL).alloc("b", 0, Gfp.GFP_KERNEL).free("a", 0).run();
    }

    static ReplayResult doubleFree() {
        return TraceBuilder.complete(64).alloc("nvme0q3", 0, Gfp.GFP_KERNEL).free("nvme0q3", 0).free("nvme0q3", 0)
                .run();
    }

    @Test
    void aCleanTraceIsOnlyItsSummaryAndHeadroom() {
        ReplayResult r = TraceBuilder.complete(64).alloc("a", 1, Gfp.GFP_KERNEL).free("a", 0).run();
        assertThat(text(r)).isEqualTo("""

                Summary: 2 events replayed (simulate mode, complete trace): 1 allocs, 1 frees, 0 failures; \
                peak 2 pages in use at event 0
                Headroom: Normal 50 pages above the atomic floor at event 0 (free 62, floor 12)
                Findings: none
                Outcome: clean
                """);
    }

    @Test
    void aFindingIsACompilerStyleLineWithItsRelatedEventsAsNotes() {
        assertThat(text(doubleFree()).lines().limit(3).toList()).containsExactly(
                "test.json:3:1: error: double-free: free of pfn 0, which was already freed at event 1",
                "  note: allocated at event 0, line 1",
                "  note: freed at event 1, line 2 (held by nvme0q3)");
    }

    @Test
    void theSummaryCountsFindingsByKindInNameOrder() {
        ReplayResult r = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).free("a", 0)
                .access("b", 0).alloc("c", 0, Gfp.GFP_KERNEL).run();
        assertThat(text(r)).contains("\nFindings: double-free 1, leak 1, use-after-free 1\nOutcome: findings\n");
    }

    @Test
    void aFindingWithoutAPositionNamesOnlyTheFile() {
        Finding f = doubleFree().findings().get(0);
        Finding unplaced = new Finding(f.kind(), f.severity(), f.event(), 0, 0, f.pfn(), f.order(), f.gfp(),
                f.owner(), f.ctx(), f.site(), f.reason(), f.message(), f.related(), f.memory());
        assertThat(TextReport.findingLine("t.json", unplaced)).startsWith("t.json: error: double-free: ");
    }

    @Test
    void colorsTouchOnlyTheSeverityWord() {
        ReplayResult r = doubleFree();
        String plain = text(r);
        String colored = text(r, Colors.ANSI);
        assertThat(colored).contains("\u001b[").isNotEqualTo(plain);
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void leaksAreGroupedByOwnerAndSite() {
        ReplayResult r = TraceBuilder.complete(64).alloc("mlx5_core", 2, Gfp.GFP_KERNEL).site("probe+0x10")
                .alloc("mlx5_core", 0, Gfp.GFP_KERNEL).run();
        assertThat(text(r)).contains("""

                Leaks (2 groups by owner and site):
                  mlx5_core at site:mlx5_core: 4 pages in 1 block, first allocated at event 0 (line 1)
                  mlx5_core at probe+0x10: 1 page in 1 block, first allocated at event 1 (line 2)
                """);
    }

    @Test
    void anAllocationFailureShowsTheKernelsFailureLineAndAMemInfoSnapshot() {
        ReplayResult r = exhausted();
        String text = text(r);
        assertThat(r.findings()).extracting(Finding::kind).contains(FindingKind.ALLOC_FAILURE);
        assertThat(text).contains("  note: b: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL)\n");
        assertThat(text).contains("\nExhaustion points (1 failure):\nevent 1 (line 2): order-0 0xcc0(GFP_KERNEL) by b"
                + " failed (");
        assertThat(text).contains("  Mem-Info:\n  Normal free:0 min:0 low:0 high:0 present:8 (pages)\n"
                + "  Normal: 0*4kB 0*8kB 0*16kB 0*32kB = 0kB\n  top owners: a 8 pages\n");
        assertThat(text).contains("1 failure; peak 8 pages in use at event 0");
    }

    @Test
    void aReproducedPanicNamesTheFailedAllocationAndWhatHeldTheMemory() {
        ReplayResult r = eightPages().alloc("eth0-rx", 3, Gfp.GFP_ATOMIC).alloc("eth0-rx", 0,
                Gfp.GFP_ATOMIC).panic("eth0: RX ring refill failed", 1).run();
        String text = text(r);
        assertThat(text).contains("\nPanic at event 2: \"eth0: RX ring refill failed\": reproduced\n");
        assertThat(text).contains("  failed allocation: event 1, order-0 ");
        assertThat(text).contains("  what held the memory:\n    eth0-rx at site:eth0-rx: 8 pages in 1 block, never"
                + " freed, first allocated at event 0\n");
        assertThat(text).endsWith("Outcome: panic-reproduced\n");
    }

    @Test
    void aCutTraceSaysSoFirstAndCannotPass() {
        ReplayResult r = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).runCut(false);
        List<String> lines = text(r).lines().toList();
        assertThat(lines.get(0)).startsWith("test.json: warning: truncated after event ")
                .endsWith(", so the trace cannot pass (--allow-truncated judges it by its findings)");
        assertThat(lines).last().isEqualTo("Outcome: truncated");
        assertThat(TextReport.truncationLine("test.json", doubleFree(), Colors.NONE)).isNull();
    }

    @Test
    void findingsLeftOutAreCountedByKind() throws Exception {
        TraceBuilder t = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).free("a", 0)
                .free("a", 0).access("b", 0);
        ReplayResult r = Replays.run(t.source(), null, Severity.ERROR, Allocator.DEFAULT_MAX_PAGES, 1);
        assertThat(r.findings()).hasSize(1);
        assertThat(text(r)).contains("test.json: note: 2 more findings not shown (--max-findings): double-free 1,"
                + " use-after-free 1\n");
    }
}
