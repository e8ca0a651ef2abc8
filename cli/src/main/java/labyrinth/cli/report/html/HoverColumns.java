package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.num;

import labyrinth.stats.MinMaxBuckets;
import labyrinth.stats.MemorySeries;

/**
 * Hover values for a zone's free-pages line without a script: the plot is cut into at most
 * {@link #COLUMNS} columns, each an invisible rectangle whose tooltip gives its events and the zone's
 * lowest and highest free pages among them. The first panel's columns carry ids ({@code col-K}), so
 * the findings table links an event to its place on the chart. Stateless.
 */
final class HoverColumns {
    static final int COLUMNS = 150;

    private HoverColumns() {
    }

    static int columns(MinMaxBuckets b) {
        return Math.max(1, Math.min(COLUMNS, b.size()));
    }

    /** Bucket range of column {@code c}: {@code [first(c), first(c + 1))}. */
    static int first(int c, MinMaxBuckets b) {
        return (int) ((long) c * b.size() / columns(b));
    }

    /** The column holding event {@code event}. */
    static int columnOf(MinMaxBuckets b, long event) {
        int bucket = Math.max(0, b.bucketOf(event));
        return (int) Math.min(columns(b) - 1, (long) bucket * columns(b) / Math.max(1, b.size()));
    }

    static String anchor(MinMaxBuckets b, long event) {
        return "col-" + columnOf(b, event);
    }

    static void write(StringBuilder out, MemorySeries t, Frame f, int zone, double top, double height,
                      boolean ids) {
        MinMaxBuckets b = t.buckets();
        int s = t.freeSeries(zone);
        int n = columns(b);
        String name = t.zoneKind(zone).label();
        out.append("<g class=\"hover\">\n");
        for (int c = 0; c < n; c++) {
            int b0 = first(c, b);
            int b1 = Math.max(b0, first(c + 1, b) - 1);
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            long loEvent = -1;
            for (int i = b0; i <= b1; i++) {
                if (b.min(s, i) < lo) {
                    lo = b.min(s, i);
                    loEvent = i;
                }
                hi = Math.max(hi, b.max(s, i));
            }
            double x0 = f.x(b.firstPosition(b0));
            double x1 = c == n - 1 ? f.right() : f.x(b.firstPosition(first(c + 1, b)));
            out.append("<rect").append(ids ? " id=\"col-" + c + "\"" : "").append(" x=\"").append(num(x0))
                    .append("\" y=\"").append(num(top)).append("\" width=\"").append(num(Math.max(1, x1 - x0)))
                    .append("\" height=\"").append(num(height)).append("\"><title>");
            long e0 = b.firstNumber(b0);
            long e1 = b.lastNumber(b1);
            out.append(e0 == e1 ? "event " + count(e0) : "events " + count(e0) + " to " + count(e1)).append(": ")
                    .append(Markup.text(name)).append(' ');
            if (lo == hi) {
                out.append(count(lo)).append(" free pages");
            } else {
                out.append("free pages ").append(count(lo)).append(" to ").append(count(hi));
                if (b.width() == 1) {
                    // one event per bucket: where the low came is exact
                    out.append(", lowest after event ").append(count(b.firstNumber((int) loEvent)));
                }
            }
            out.append("</title></rect>\n");
        }
        out.append("</g>\n");
    }
}
