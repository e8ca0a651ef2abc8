package labyrinth.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.core.FailureReason;
import labyrinth.core.Gfp;
import labyrinth.core.ZoneKind;
import labyrinth.trace.Context;
import org.junit.jupiter.api.Test;

/** The verdicts of CLI.md's explain on the numbers of real reports (converted to 4 KiB pages). */
class ExplainerTest {
    private static final List<String> NO_TYPES = null;

    static PrintedZone zone(String name, long free, long min, long low, long high, long boost, long managed,
                            long[] reserve, long... blocks) {
        return new PrintedZone(0, name, free, min, low, high, boost, managed, 0, 0, 0, 0, reserve,
                blocks.length == 0 ? null : blocks, NO_TYPES, 1);
    }

    static FailureReport report(int order, long gfp, String kernel, List<PrintedZone> zones) {
        return new FailureReport(1, "kswapd0", order, "0x" + Long.toHexString(gfp),
                new GfpReading(gfp, true, Gfp.format(gfp), List.of(), null), kernel, Context.TASK, "(null)", "/", "0",
                4096, zones, List.of());
    }

    /** Chris Bainbridge's 6.19 kswapd0 report (2026-02-22): Mem-Info in pages. */
    static List<PrintedZone> linux619() {
        return List.of(
                zone("DMA", 3329, 21, 26, 31, 0, 3841, new long[] {0, 2862, 11990, 11990, 11990},
                        1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2),
                zone("DMA32", 13046, 3965, 4956, 5947, 0, 732854, new long[] {0, 0, 9127, 9127, 9127},
                        3, 5, 5, 8, 11, 15, 11, 9, 9, 0, 8),
                zone("Normal", 19848, 20077, 23304, 26531, 7168, 2336697, new long[] {0, 0, 0, 0, 0},
                        1024, 534, 409, 1301, 154, 39, 14, 1, 2, 1, 0));
    }

    private static Explanation explain(FailureReport r) {
        return Explainer.explain(r, Allocator.DEFAULT_MAX_PAGES);
    }

    @Test
    void theLinux619RequestFailsFortySevenPagesShortInDma32() {
        Explanation e = explain(report(0, Gfp.parse("GFP_NOFS|__GFP_COMP|__GFP_NOMEMALLOC"), "6.19.0-rc5", linux619()));
        assertThat(e.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(e.reason()).isEqualTo(FailureReason.WATERMARK);
        assertThat(e.pagesShort()).isEqualTo(47);
        assertThat(e.taken()).isEqualTo("47 pages short in DMA32, which needs more than 13092 free");
        assertThat(e.zones()).extracting(z -> z.zone().name()).containsExactly("Normal", "DMA32", "DMA");
        assertThat(e.zones().get(0).check().pagesShort()).isEqualTo(230);
        assertThat(e.zones().get(1).check().lowmemReserve()).isEqualTo(9127);
        assertThat(e.zones().get(2).check().lowmemReserve()).isEqualTo(11990);
    }

    @Test
    void theBoostThatMadeNormalFailIsNamed() {
        // Normal's printed min 20077 includes 7168 pages of boost: 19848 > 12909 without it
        Explanation e = explain(report(0, Gfp.parse("GFP_NOFS|__GFP_COMP|__GFP_NOMEMALLOC"), "6.19.0-rc5", linux619()));
        assertThat(e.notes()).contains("the printed min includes a watermark boost (Normal 7168 pages); without it"
                + " the model would serve the request from Normal");
    }

    @Test
    void withoutABoostNoBoostIsNamed() {
        List<PrintedZone> zones = new ArrayList<>(linux619());
        PrintedZone n = zones.get(2);
        zones.set(2, zone("Normal", n.free(), n.min(), n.low(), n.high(), 0, n.managed(), n.lowmemReserve(),
                n.freeByOrder()));
        Explanation e = explain(report(0, Gfp.GFP_NOFS, "6.19", zones));
        assertThat(e.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(e.notes()).noneMatch(s -> s.contains("boost"));
    }

    /**
     * Jaewon Kim's 4.19 binder report (2020): order-0 GFP_ATOMIC with 2727 free pages above the
     * atomic floor, every free block in the high-atomic reserve. The model serves it; the note
     * names the reserve.
     */
    @Test
    void aRequestTheModelServesListsWhatTheModelLeavesOut() {
        PrintedZone normal = new PrintedZone(0, "Normal", 2727, 1548, 11097, 11765, 0, 668419, 0, 0, 1035, 178,
                new long[] {0, 0}, new long[] {505, 357, 201, 65, 1, 0, 0, 0, 0, 0, 0},
                List.of("H", "H", "H", "H", "H", "", "", "", "", "", ""), 1);
        Explanation e = explain(report(0, Gfp.GFP_ATOMIC, null, List.of(normal)));
        assertThat(e.verdict()).isEqualTo(Verdict.SUCCEEDS);
        assertThat(e.taken()).isEqualTo("at the printed state the model would serve it from Normal");
        assertThat(e.notes()).anyMatch(s -> s.startsWith("the report prints the state after the kernel's last attempt"))
                .anyMatch(s -> s.startsWith("every free block of Normal is in the high-atomic reserve (H)"))
                .anyMatch(s -> s.startsWith("178 of Normal's free pages are CMA"))
                .anyMatch(s -> s.startsWith("1035 pages of Normal sat on per-CPU lists"))
                .contains("the log names no kernel version: the flag names are read as Linux 6.12 means them");
    }

    @Test
    void aHigherOrderRequestWithoutABlockFailsForFragmentation() {
        PrintedZone normal = zone("Normal", 500, 100, 125, 150, 0, 100000, new long[] {0}, 300, 100);
        Explanation e = explain(report(3, Gfp.GFP_KERNEL, "5.4", List.of(normal)));
        assertThat(e.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(e.reason()).isEqualTo(FailureReason.FRAGMENTATION);
        assertThat(e.taken()).isEqualTo("no free block of order 3 or more in the zones that pass their watermarks:"
                + " Normal (largest free order 1)");
    }

    @Test
    void aDmaRequestWithoutADmaZoneFailsForNoZone() {
        PrintedZone normal = zone("Normal", 500, 100, 125, 150, 0, 100000, null, 500);
        Explanation e = explain(report(0, Gfp.GFP_KERNEL | Gfp.DMA, "5.4", List.of(normal)));
        assertThat(e.reason()).isEqualTo(FailureReason.NO_ZONE);
        assertThat(e.taken()).isEqualTo("the request may use DMA and the report prints none of them");
        assertThat(e.zones()).singleElement().extracting(ZoneResult::check).isNull();
        assertThat(e.notes()).contains("the report prints no lowmem_reserve[]: every zone's reserve is taken as 0");
    }

    @Test
    void aNamelessOldMaskIsNotDecided() {
        FailureReport r = new FailureReport(7, "swapper", 1, "0x20", new GfpReading(0, false, "0x20", List.of(),
                "mode 0x20 is printed without names by Linux 2.6.28, whose flag bits differ from today's"),
                "2.6.28", Context.HARDIRQ, null, null, null, 4096, linux619(), List.of());
        Explanation e = explain(r);
        assertThat(e.verdict()).isEqualTo(Verdict.UNKNOWN_MASK);
        assertThat(e.taken()).contains("without names");
        assertThat(e.zones()).hasSize(3).allMatch(z -> z.check() == null);
    }

    @Test
    void aReportWithoutMemInfoIsIncomplete() {
        FailureReport r = report(2, Gfp.GFP_ATOMIC, null, List.of());
        Explanation e = explain(r);
        assertThat(e.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(e.taken()).isEqualTo("the report prints no zones (no Mem-Info)");
    }

    @Test
    void aMemsAllowedThatLeavesOutANodeIsNamedWhenTheModelServes() {
        PrintedZone n0 = zone("Normal", 10, 100, 125, 150, 0, 100000, new long[] {0, 0}, 10);
        PrintedZone n1 = new PrintedZone(1, "Normal", 5000, 100, 125, 150, 0, 100000, 0, 0, 0, 0,
                new long[] {0, 0}, null, null, 2);
        FailureReport r = new FailureReport(1, "java", 0, "0xcc0(GFP_KERNEL)",
                new GfpReading(Gfp.GFP_KERNEL, true, "0xcc0(GFP_KERNEL)", List.of(), null), "5.10", Context.TASK,
                "(null)", "/", "0", 4096, List.of(n0, n1), List.of());
        Explanation e = explain(r);
        assertThat(e.verdict()).isEqualTo(Verdict.SUCCEEDS);
        assertThat(e.taken()).endsWith("from Normal of node 1");
        assertThat(e.notes()).contains("node 1 outside mems_allowed=0");
        assertThat(e.zones()).extracting(z -> z.zone().label()).containsExactly("Normal", "Node 1 Normal");
    }

    @Test
    void groupsJoinReportsOfOneTaskOrderAndMode() {
        long nofs = Gfp.GFP_NOFS;
        Explanation a = explain(report(0, nofs, "6.19", linux619()));
        Explanation b = explain(report(0, nofs, "6.19", linux619()));
        Explanation c = explain(report(1, nofs, "6.19", linux619()));
        List<ReportGroups.Group> groups = ReportGroups.group(List.of(a, c, b));
        assertThat(groups).extracting(ReportGroups.Group::count).containsExactly(2, 1);
        assertThat(groups.get(0).first()).isSameAs(a);
    }

    @Test
    void theReserveColumnsOfUsualMachinesAreFound() {
        // x86-64: DMA, DMA32, Normal, Movable, Device
        assertThat(ReserveColumns.infer(linux619()))
                .containsExactly("DMA", "DMA32", "Normal", "Movable", "Device");
        // arm64 with Normal alone: "lowmem_reserve[]: 0 0"
        PrintedZone arm = zone("Normal", 1, 1, 1, 1, 0, 668419, new long[] {0, 0});
        assertThat(ReserveColumns.infer(List.of(arm))).containsExactly("Normal", "Movable");
        // 2.6.28 x86-64 with 2 GiB: DMA and DMA32 printed, 4 columns
        PrintedZone dma = zone("DMA", 1, 1, 1, 1, 0, 2250, new long[] {0, 2003, 2003, 2003});
        PrintedZone dma32 = zone("DMA32", 1, 1, 1, 1, 0, 513023, new long[] {0, 0, 0, 0});
        assertThat(ReserveColumns.infer(List.of(dma, dma32))).containsExactly("DMA", "DMA32", "Normal", "Movable");
        // i386 of 2.6.18: DMA, Normal, HighMem
        PrintedZone d = zone("DMA", 1, 1, 1, 1, 0, 4096, new long[] {0, 240, 240});
        PrintedZone n = zone("Normal", 1, 1, 1, 1, 0, 61440, new long[] {0, 0, 0});
        PrintedZone h = zone("HighMem", 1, 1, 1, 1, 0, 0, new long[] {0, 0, 0});
        assertThat(ReserveColumns.infer(List.of(d, n, h))).containsExactly("DMA", "Normal", "HighMem");
        // arm64 with DMA32 and Normal: DMA32's own entry comes first
        PrintedZone a32 = zone("DMA32", 1, 1, 1, 1, 0, 500000, new long[] {0, 1900, 1900});
        PrintedZone an = zone("Normal", 1, 1, 1, 1, 0, 500000, new long[] {0, 0, 0});
        assertThat(ReserveColumns.infer(List.of(a32, an))).containsExactly("DMA32", "Normal", "Movable");
        assertThat(NodeDecision.reserve(a32, List.of("DMA32", "Normal", "Movable"), ZoneKind.NORMAL)).isEqualTo(1900);
    }
}
