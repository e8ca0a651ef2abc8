package labyrinth.cli.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.replay.Finding;
import labyrinth.replay.Holding;
import labyrinth.replay.PanicVerdict;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Summary;
import labyrinth.replay.ZoneHeadroom;
import labyrinth.whatif.Baseline;
import labyrinth.whatif.Comparison;
import labyrinth.whatif.LeakFix;
import labyrinth.whatif.LeakSearch;
import labyrinth.whatif.MemorySearch;
import labyrinth.whatif.WhatIfResult;

/**
 * The text report of {@code labyrinth whatif}: a side-by-side table of baseline and what-if, the
 * failures that disappeared and appeared (compiler style, pointing into the trace), what was left
 * out, the reclaim caveat, the search, and the what-if's outcome. Stateless.
 */
public final class WhatIfText {
    private static final String ROW = "%-34s %-24s %s";
    /** Failures listed in full; a what-if that starves the machine fails hundreds. */
    private static final int SHOWN = 10;

    private WhatIfText() {
    }

    public static void write(WhatIfReport r, PrintWriter out, Colors colors) {
        ReplayResult base = r.baseline().result();
        WhatIfResult w = r.whatIf();
        ReplayResult what = w.result();
        out.println("What if: " + (r.changes().describe().isEmpty() ? "nothing changes"
                : String.join(" ", r.changes().describe())));
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        out.println();
        table(out, base, w);
        out.println();
        Comparison c = r.comparison();
        failures(out, r.name(), "Failures gone in the what-if", c.disappeared(), colors);
        failures(out, r.name(), "Failures new in the what-if", c.appeared(), colors);
        leftOut(out, w);
        reclaim(out, c);
        if (r.memorySearch() != null) {
            memorySearch(out, r.memorySearch());
        }
        if (r.leakSearch() != null) {
            leakSearch(out, r.baseline(), r.leakSearch());
        }
        out.println("Outcome: " + what.outcome().label() + (w.panicAvoided() ? " (panic avoided)" : ""));
    }

    private static void table(PrintWriter out, ReplayResult base, WhatIfResult w) {
        ReplayResult what = w.result();
        Summary b = base.summary();
        Summary s = what.summary();
        out.println(String.format(ROW, "", "baseline", "what-if").stripTrailing());
        row(out, "failed allocations", count(b.failures()), count(s.failures()));
        Map<String, long[]> kinds = new TreeMap<>();
        b.findingsByKind().forEach((k, v) -> kinds.computeIfAbsent(k.label(), x -> new long[2])[0] = v);
        s.findingsByKind().forEach((k, v) -> kinds.computeIfAbsent(k.label(), x -> new long[2])[1] = v);
        if (!kinds.isEmpty()) {
            row(out, "findings by kind", "", "");
        }
        kinds.forEach((k, v) -> row(out, "  " + k, count(v[0]), count(v[1])));
        row(out, "panic", panic(base.panic(), false), panic(what.panic(), w.panicAvoided()));
        row(out, "peak pages in use", peak(b), peak(s));
        for (int z = 0; z < Math.max(b.headroom().size(), s.headroom().size()); z++) {
            ZoneHeadroom hb = z < b.headroom().size() ? b.headroom().get(z) : null;
            ZoneHeadroom hw = z < s.headroom().size() ? s.headroom().get(z) : null;
            String zone = (hb != null ? hb : hw).zone().label();
            row(out, zone + " headroom over atomic floor", headroom(hb), headroom(hw));
        }
        row(out, "outcome", base.outcome().label(), what.outcome().label());
    }

    private static void row(PrintWriter out, String label, String base, String whatIf) {
        out.println(String.format(ROW, label, base, whatIf).stripTrailing());
    }

    private static String count(long n) {
        return Long.toString(n);
    }

    private static String panic(PanicVerdict p, boolean avoided) {
        if (avoided) {
            return "avoided";
        }
        if (p == null) {
            return "none";
        }
        return (p.reproduced() ? "reproduced" : "not reproduced") + " (event " + p.event() + ")";
    }

    private static String peak(Summary s) {
        return s.peakUsedPages() + (s.peakEvent() >= 0 ? " at event " + s.peakEvent() : "");
    }

    private static String headroom(ZoneHeadroom z) {
        if (z == null) {
            return "-";
        }
        return z.pages() + (z.event() >= 0 ? " at event " + z.event() : " (never used)");
    }

    private static void failures(PrintWriter out, String file, String title, List<Finding> list, Colors colors) {
        if (list.isEmpty()) {
            out.println(title + ": none");
            return;
        }
        out.println(title + " (" + list.size() + "):");
        for (Finding f : list.subList(0, Math.min(SHOWN, list.size()))) {
            out.println("  " + file + ":" + f.line() + ":" + f.column() + ": event " + f.event() + ": "
                    + colors.severity(f.severity()) + ": " + f.message()
                    + (f.reason() != null ? " [" + f.reason().label() + "]" : ""));
        }
        if (list.size() > SHOWN) {
            out.println("  ... and " + (list.size() - SHOWN) + " more (--format json lists every one)");
        }
    }

    private static void leftOut(PrintWriter out, WhatIfResult w) {
        if (w.dropped() > 0) {
            out.println("Fixed leaks: " + w.dropped() + (w.dropped() == 1 ? " event" : " events")
                    + " left out (the allocations of blocks the trace never frees, and the events about them)");
        }
        if (w.skipped() > 0) {
            out.println("Skipped: " + w.skipped() + (w.skipped() == 1 ? " event" : " events")
                    + " about blocks the what-if never got");
        }
        for (Holding h : w.heldWhatIfOnly()) {
            out.println("Held in the what-if only: " + (h.owner() == null ? "an unnamed owner" : h.owner())
                    + (h.site() == null ? "" : " at " + h.site()) + ": " + h.pages()
                    + (h.pages() == 1 ? " page" : " pages") + " in " + h.blocks()
                    + (h.blocks() == 1 ? " block" : " blocks") + " the recording failed to get, first at event "
                    + h.firstEvent() + " (not a leak)");
        }
    }

    private static void reclaim(PrintWriter out, Comparison c) {
        List<Finding> sleeping = c.sleepingAppeared();
        if (!sleeping.isEmpty()) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < Math.min(5, sleeping.size()); i++) {
                events.add(Long.toString(sleeping.get(i).event()));
            }
            out.println("Reclaim: " + sleeping.size() + (sleeping.size() == 1 ? " allocation" : " allocations")
                    + " that may sleep failed in the what-if but not in the recording (event"
                    + (sleeping.size() == 1 ? " " : "s ") + String.join(", ", events)
                    + (sleeping.size() > 5 ? ", ..." : "") + "); a real kernel would have reclaimed memory"
                    + " for them first, and the model invents no reclaim: they are not failures the change causes");
        }
        out.println("Atomic allocations (may not sleep): " + c.atomicBaseline()
                + (c.atomicBaseline() == 1 ? " failure" : " failures") + " in the baseline, " + c.atomicWhatIf()
                + " in the what-if");
    }

    private static void memorySearch(PrintWriter out, MemorySearch.Result m) {
        if (!m.found()) {
            out.println("Search memory: no amount up to " + m.limit() + " pages (the --max-pages limit) leaves no "
                    + "warning or error alloc-failure and no panic; " + m.probes().size() + " what-ifs tried");
            return;
        }
        if (m.pages() == 0) {
            out.println("Search memory: nothing to add: the baseline has no warning or error alloc-failure and no "
                    + "panic");
            return;
        }
        out.println("Search memory: " + m.pages() + (m.pages() == 1 ? " page" : " pages")
                + " more would have been enough (checked: survives at " + m.pages() + ", fails at "
                + (m.pages() - 1) + "; " + m.probes().size() + " what-ifs by binary search)");
        if (!m.monotonic()) {
            List<String> bad = new ArrayList<>();
            for (long p : m.contradictions()) {
                bad.add(p + (m.probes().get(p) ? " survives" : " fails"));
            }
            out.println("  not monotonic: " + String.join(", ", bad) + "; the answer is the least the binary search"
                    + " found, not proven the least overall");
        }
    }

    private static void leakSearch(PrintWriter out, Baseline base, List<LeakSearch.Verdict> verdicts) {
        Baseline.Primary p = base.primary();
        if (p == null) {
            out.println("Search leaks: the baseline has no failure to remove");
            return;
        }
        if (verdicts.isEmpty()) {
            out.println("Search leaks: the trace frees every block; no leak to fix");
            return;
        }
        out.println("Search leaks: does fixing this leak alone remove the " + (p.panic() ? "panic's trigger" : "first failure")
                + ", event " + p.event() + "?");
        for (LeakSearch.Verdict v : verdicts) {
            Holding h = v.group();
            out.println("  " + (v.removesPrimary() ? "yes " : "no  ") + LeakFix.of(h.owner(), h.site()).label() + ": "
                    + h.pages() + (h.pages() == 1 ? " page" : " pages") + " in " + h.blocks()
                    + (h.blocks() == 1 ? " block" : " blocks"));
        }
    }
}
