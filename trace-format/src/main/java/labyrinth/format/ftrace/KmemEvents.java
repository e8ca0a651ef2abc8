package labyrinth.format.ftrace;

import java.util.List;
import labyrinth.core.ZoneSpec;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceRules;

/**
 * Decodes the kmem page events of a parsed line ({@code mm_page_alloc}, the frees) into a
 * {@link PendingEvent}: order, gfp flags, the pfn as {@link FtraceReader} documents it, the
 * context from the irq-flags column; events outside the machine's zones are left out and counted,
 * other kmem events only counted. A value that cannot be read is a {@link Problems#problem}.
 * Not thread-safe: one per reader.
 */
final class KmemEvents {
    private static final long X86_VMEMMAP_BASE = 0xffffea0000000000L;

    /** Where a malformed line goes: skipped and counted, or the end of a strict import. */
    @FunctionalInterface
    interface Problems {
        void problem(long lineNo, String message) throws TraceException;
    }

    private final LineParser parser;
    private final ImportReport report;
    private final FtraceOptions options;
    /** The first pass, which counts nothing and leaves nothing out. */
    private final boolean scanning;
    /** The machine's zones: events about pages outside them are left out. */
    private final List<ZoneSpec> zones;
    private final int maxOrder;
    private final KernelGfp gfp;
    private final Problems problems;
    private PendingEvent taken;
    /** The one pending event: {@link EventAssembler} produces each event before it reads the next line. */
    private final PendingEvent reused = new PendingEvent();

    KmemEvents(LineParser parser, ImportReport report, FtraceOptions options, boolean scanning, List<ZoneSpec> zones,
               int maxOrder, KernelGfp gfp, Problems problems) {
        this.parser = parser;
        this.report = report;
        this.options = options;
        this.scanning = scanning;
        this.zones = zones;
        this.maxOrder = maxOrder;
        this.gfp = gfp;
        this.problems = problems;
    }

    /**
     * Reads the kmem event on the parser's current line.
     *
     * @return whether it is a page event that was taken ({@link #taken()}); false for other events
     *     (counted) and for malformed ones (reported as problems)
     */
    boolean read(long lineNo) throws TraceException {
        String ev = parser.event;
        boolean tracked;
        switch (ev) {
            case "mm_page_alloc" -> tracked = alloc(lineNo);
            case "mm_page_free", "mm_page_free_direct", "mm_page_free_batched", "mm_pagevec_free" ->
                    tracked = free(lineNo, ev);
            case "mm_page_pcpu_drain" -> {
                report.pcpuDrains++;
                tracked = false;
            }
            case "mm_page_alloc_zone_locked" -> {
                report.allocZoneLocked++;
                tracked = false;
            }
            default -> {
                report.other(ev);
                tracked = false;
            }
        }
        return tracked;
    }

    /** The event the last {@link #read} took; once. */
    PendingEvent taken() {
        PendingEvent p = taken;
        taken = null;
        return p;
    }

    private boolean alloc(long lineNo) throws TraceException {
        String s = parser.text;
        int b = parser.fieldsFrom;
        int e = parser.fieldsTo;
        long orderText = PageFields.field(s, b, e, "order");
        long gfpText = PageFields.field(s, b, e, "gfp_flags");
        if (orderText == PageFields.ABSENT || gfpText == PageFields.ABSENT) {
            problems.problem(lineNo, "mm_page_alloc needs order= and gfp_flags=, found \"" + parser.fields() + "\"");
            return false;
        }
        int order = PageFields.order(s, orderText, maxOrder);
        if (order < 0) {
            problems.problem(lineNo, TraceRules.orderMustBe(maxOrder) + ", found \""
                    + PageFields.text(s, orderText) + "\"");
            return false;
        }
        long pfn = pfn(lineNo, PageFields.field(s, b, e, "page"), PageFields.field(s, b, e, "pfn"), true);
        if (pfn == PageFields.BAD || outsideZones(pfn, order)) {
            return false;
        }
        KernelGfp.Result g = gfp.parse(s, PageFields.start(gfpText), PageFields.end(gfpText));
        PendingEvent p = start(lineNo, "alloc");
        p.alloc = true;
        p.order = order;
        p.gfp = g.mask();
        p.gfpUnparsed = g.unparsed();
        p.pfn = pfn;
        if (!scanning) {
            for (String u : g.unknown()) {
                report.unknownGfp(u);
            }
            if (g.hex()) {
                report.hexGfpMasks++;
            }
            if (g.decimal()) {
                report.decimalGfpMasks++;
            }
        }
        return true;
    }

    private boolean free(long lineNo, String ev) throws TraceException {
        String s = parser.text;
        int b = parser.fieldsFrom;
        int e = parser.fieldsTo;
        long orderText = PageFields.field(s, b, e, "order");
        int order = Event.ABSENT;
        if (orderText != PageFields.ABSENT) {
            order = PageFields.order(s, orderText, maxOrder);
            if (order < 0) {
                problems.problem(lineNo, TraceRules.orderMustBe(maxOrder) + ", found \""
                        + PageFields.text(s, orderText) + "\"");
                return false;
            }
        } else if (!ev.equals("mm_page_free") && !ev.equals("mm_page_free_direct")) {
            order = 0; // batched frees are order-0 pages by definition
        }
        long pfn = pfn(lineNo, PageFields.field(s, b, e, "page"), PageFields.field(s, b, e, "pfn"), false);
        if (pfn == PageFields.BAD) {
            return false;
        }
        if (pfn == Event.UNRECORDED) {
            problems.problem(lineNo, ev + " needs a pfn (pfn=, or page=0x<pfn> in perf output), found \"" + parser.fields() + "\"");
            return false;
        }
        if (outsideZones(pfn, order)) {
            return false;
        }
        PendingEvent p = start(lineNo, ev);
        p.alloc = false;
        p.order = order;
        p.pfn = pfn;
        return true;
    }

    /**
     * Whether the block at {@code pfn} lies in no zone of the machine, and so is left out and counted:
     * a zone from zoneinfo holds its managed pages only, so pages past them in its span (holes and
     * reserved pages) are not memory the model has, and a given memory size may be smaller than the
     * trace. The pre-scan decides nothing here.
     */
    private boolean outsideZones(long pfn, int order) {
        if (scanning || pfn < 0) {
            return false;
        }
        long end = pfn + (1L << Math.max(order, 0));
        for (ZoneSpec z : zones) {
            if (pfn >= z.startPfn() && end <= z.endPfn()) {
                return false;
            }
        }
        report.outsideZones++;
        return true;
    }

    private PendingEvent start(long lineNo, String kind) {
        PendingEvent p = reused;
        p.stack = null;
        p.gfp = 0;
        p.gfpUnparsed = null;
        p.line = lineNo;
        p.kind = kind;
        p.cpu = parser.cpu;
        p.time = parser.time;
        p.owner = parser.owner;
        p.layout = parser.layout;
        p.ctx = IrqFlags.ctxOf(parser.flags, options.preemptOffset());
        if (parser.flags != null && !scanning) {
            int depth = IrqFlags.preemptDepth(parser.flags);
            report.flaggedEvents++;
            report.minPreempt = Math.min(report.minPreempt, depth);
            report.maxPreempt = Math.max(report.maxPreempt, depth);
        }
        taken = p;
        return p;
    }

    /**
     * {@code page} and {@code pfnText}: where {@code page=} and {@code pfn=} are in the parser's text, or
     * {@link PageFields#ABSENT}.
     *
     * @return the pfn, {@link Event#NULL_PFN}, {@link Event#UNRECORDED}, or {@link PageFields#BAD} after
     *     reporting a malformed value
     */
    private long pfn(long lineNo, long page, long pfnText, boolean alloc) throws TraceException {
        String s = parser.text;
        boolean nullPage = page != PageFields.ABSENT && PageFields.isNullPage(s, page);
        long pageValue = page == PageFields.ABSENT || nullPage ? -1 : PageFields.hexValue(s, page);
        if (pfnText != PageFields.ABSENT) {
            long pfn = PageFields.number(s, pfnText);
            if (pfn == PageFields.BAD) {
                problems.problem(lineNo, "\"pfn\" must be a decimal or 0x hex number, found \""
                        + PageFields.text(s, pfnText) + "\"");
                return PageFields.BAD;
            }
            if (pfn == 0 || pfn == -1 || nullPage) {
                return Event.NULL_PFN;
            }
            if (!PageFields.startsWith0x(s, pfnText) && pageValue != -1 && pageValue - X86_VMEMMAP_BASE == pfn) {
                if (!scanning && alloc) {
                    report.vmemmapOffsetPfns++;
                }
                return Event.UNRECORDED;
            }
            return pfn;
        }
        if (nullPage) {
            return Event.NULL_PFN;
        }
        if (parser.layout == Layout.PERF_SCRIPT && page != PageFields.ABSENT && PageFields.startsWith0x(s, page)
                && pageValue > 0 && pageValue < (1L << 40)) {
            return pageValue;
        }
        return Event.UNRECORDED;
    }
}
