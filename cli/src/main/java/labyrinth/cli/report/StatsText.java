package labyrinth.cli.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import labyrinth.replay.Holding;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Summary;
import labyrinth.stats.BoundedCounter;
import labyrinth.stats.MemorySeries;
import labyrinth.stats.MinMaxBuckets;
import labyrinth.stats.TraceStats;
import labyrinth.trace.Op;

/**
 * {@code stats}'s text: counts per op, owner, site, gfp mask and order, failures by reason, peak
 * use, pages held at the end and a sparkline of free pages. Stateless.
 */
public final class StatsText {
    /** Columns of the free-pages sparkline, in the text and the JSON alike. */
    public static final int SPARK_WIDTH = 64;

    private StatsText() {
    }

    /** @param top how many owners, sites and masks each list shows; the rest are counted */
    public static void write(ReplayResult r, TraceStats s, MemorySeries t, int top, PrintWriter out) {
        Summary sum = r.summary();
        long pages = r.header().machine().totalPages();
        out.println(r.name() + ": " + s.events() + plural(s.events(), " event", " events") + " ("
                + r.header().scope().label() + " trace, " + pages + " pages, " + r.mode().label() + " mode)"
                + (sum.ignoredAfterPanic() > 0 ? "; " + sum.ignoredAfterPanic() + " after the panic ignored" : "")
                + (r.truncation() != null ? "; " + r.truncation().describe() : ""));
        out.println();
        StringBuilder ops = new StringBuilder("ops:");
        for (Op op : Op.values()) {
            ops.append("  ").append(op.label()).append(' ').append(s.count(op));
        }
        out.println(ops);
        out.println();
        table(out, top, "owners (events)", s.owners(), k -> k.isEmpty() ? "(none)" : k);
        table(out, top, "sites (events)", s.sites(), k -> k.isEmpty() ? "(none)" : k);
        table(out, top, "gfp masks (allocations)", s.gfps(), r.header().machine().gfpNames()::format);
        out.println("orders (allocations):");
        boolean any = false;
        for (int k = 0; k < s.orderCount(); k++) {
            if (s.allocsOfOrder(k) > 0) {
                out.println(String.format(Locale.ROOT, "  %-10s %10d", "order-" + k, s.allocsOfOrder(k)));
                any = true;
            }
        }
        if (!any) {
            out.println("  (no allocations)");
        }
        out.println();
        StringBuilder failures = new StringBuilder("allocation failures: " + sum.failures());
        Map<String, Long> reasons = s.failuresByReason();
        if (!reasons.isEmpty()) {
            failures.append(" (");
            boolean first = true;
            for (Map.Entry<String, Long> e : reasons.entrySet()) {
                failures.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
                first = false;
            }
            failures.append(')');
        }
        out.println(failures);
        out.println("peak use: " + sum.peakUsedPages() + plural(sum.peakUsedPages(), " page", " pages")
                + (pages > 0 ? String.format(Locale.ROOT, " (%.1f%% of %d)",
                        100.0 * sum.peakUsedPages() / pages, pages) : "")
                + (sum.peakEvent() >= 0 ? ", first at event " + sum.peakEvent() : ""));
        out.println();
        out.println("held at the end, by owner:");
        List<Holding> held = s.heldByOwner();
        for (int i = 0; i < Math.min(top, held.size()); i++) {
            out.println(String.format(Locale.ROOT, "  %-32s %10d %s", held.get(i).owner(), held.get(i).pages(),
                    plural(held.get(i).pages(), "page", "pages")));
        }
        if (held.size() > top) {
            out.println("  ... " + (held.size() - top) + " more");
        }
        if (s.heldUnowned() > 0) {
            out.println(String.format(Locale.ROOT, "  %-32s %10d %s", "(no owner)", s.heldUnowned(),
                    plural(s.heldUnowned(), "page", "pages")));
        }
        if (held.isEmpty() && s.heldUnowned() == 0) {
            out.println("  (nothing)");
        }
        if (!t.isEmpty()) {
            MinMaxBuckets b = t.buckets();
            long[] cols = Sparkline.columns(b, t.totalFreeSeries(), SPARK_WIDTH);
            long lowest = Long.MAX_VALUE;
            for (long v : cols) {
                lowest = Math.min(lowest, v);
            }
            out.println();
            out.println("free pages (lowest per column; scale 0 to " + pages + ", lowest " + lowest + "):");
            out.println("  " + Sparkline.render(cols, pages));
            out.println("  event " + b.firstNumber(0) + " to " + b.lastNumber(b.size() - 1));
        }
    }

    private static <K> void table(PrintWriter out, int top, String title, BoundedCounter<K> c,
                           Function<K, String> name) {
        out.println(title + ":");
        List<BoundedCounter.Entry<K>> list = c.top(top, (a, b) -> name.apply(a).compareTo(name.apply(b)));
        for (BoundedCounter.Entry<K> e : list) {
            out.println(String.format(Locale.ROOT, "  %-40s %10d", name.apply(e.key()), e.count()));
        }
        if (list.isEmpty()) {
            out.println("  (none)");
        }
        if (c.distinct() > list.size()) {
            out.println("  ... " + (c.distinct() - list.size()) + " more");
        }
        if (c.overflow() > 0) {
            out.println("  ... and " + c.overflow() + " more beyond the first " + TraceStats.MAX_KEYS
                    + " distinct, not counted one by one");
        }
        out.println();
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }

}
