package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.attr;
import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.num;
import static labyrinth.cli.report.html.Markup.text;

import labyrinth.stats.MinMaxBuckets;
import labyrinth.stats.MemorySeries;

/**
 * What decides an order-k request, over the events, one heat strip per zone: a row per order (the
 * largest on top), each cell the fewest free pages in blocks of that order or more during its
 * columns' events, so a moment when none was left is never hidden. Red: no free block of order k or
 * more, so an order-k request fails whatever the watermarks; else blue, darker for more, on a log
 * scale of the zone's pages. Only orders a block of the zone can have are drawn (up to the
 * machine's {@code maxOrder}, and no block larger than the zone). Runs of equal cells are one
 * rectangle; the columns shrink with the number of zones, so the strips stay bounded. Stateless.
 */
final class FragmentationChart {
    /** Columns for all zones' strips together. */
    static final int COLUMN_BUDGET = 300;
    static final int MIN_COLUMNS = 60;
    static final double ROW = 16;
    static final double TOP = 8;
    static final double AXIS = 40;
    static final String NONE_COLOR = "#f6c4c0";

    private FragmentationChart() {
    }

    /** The largest order drawn for zone {@code z}: within {@code maxOrder} and the zone's size. */
    static int topOrder(MemorySeries t, int z) {
        int k = 0;
        while (k < t.maxOrder() && (2L << k) <= t.zonePages(z)) {
            k++;
        }
        return k;
    }

    static void write(StringBuilder out, MemorySeries t, int z) {
        MinMaxBuckets b = t.buckets();
        Frame f = Frame.of(b.samples());
        int orders = topOrder(t, z) + 1;
        int n = b.size();
        int columns = Math.min(n, Math.max(MIN_COLUMNS, COLUMN_BUDGET / Math.max(1, t.zoneCount())));
        double base = TOP + orders * ROW;
        double height = base + AXIS;
        long zonePages = t.zonePages(z);
        String zone = t.zoneKind(z).label();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heat\" data-zone=\"").append(attr(zone))
                .append("\" viewBox=\"0 0 ").append(num(Frame.WIDTH)).append(' ').append(num(height))
                .append("\" width=\"").append(num(Frame.WIDTH)).append("\" height=\"").append(num(height))
                .append("\" role=\"img\" aria-label=\"free pages in blocks of each order or more in ")
                .append(attr(zone)).append("\">\n");
        for (int k = orders - 1; k >= 0; k--) {
            int s = t.atLeastSeries(z, k);
            double y = TOP + (orders - 1 - k) * ROW;
            long[] fewest = new long[columns];
            for (int c = 0; c < columns; c++) {
                long m = Long.MAX_VALUE;
                for (int i = firstBucket(c, n, columns); i < firstBucket(c + 1, n, columns); i++) {
                    m = Math.min(m, b.min(s, i));
                }
                fewest[c] = m;
            }
            out.append("<text class=\"tick\" x=\"").append(num(f.left() - 6)).append("\" y=\"")
                    .append(num(y + ROW - 3)).append("\" text-anchor=\"end\">order ").append(k).append("+</text>\n");
            int c = 0;
            while (c < columns) {
                int end = c + 1;
                while (end < columns && fewest[end] == fewest[c]) {
                    end++;
                }
                int b0 = firstBucket(c, n, columns);
                int b1 = firstBucket(end, n, columns) - 1;
                double x0 = columns == 1 ? f.left() : f.left() + c * f.plotWidth() / columns;
                double x1 = columns == 1 ? f.right() : f.left() + end * f.plotWidth() / columns;
                out.append("<rect class=\"cell\" data-order=\"").append(k).append("\" data-pages=\"")
                        .append(fewest[c]).append("\" x=\"").append(num(x0)).append("\" y=\"").append(num(y))
                        .append("\" width=\"").append(num(x1 - x0)).append("\" height=\"").append(num(ROW - 1))
                        .append("\" fill=\"").append(color(fewest[c], zonePages)).append("\"><title>order ")
                        .append(k).append(" or more: ").append(fewest[c] == 0
                                ? "no free block, an order-" + k + " request fails"
                                : "at least " + count(fewest[c]) + (fewest[c] == 1 ? " free page" : " free pages"))
                        .append(", events ").append(count(b.firstNumber(b0))).append(" to ")
                        .append(count(b.lastNumber(b1))).append("</title></rect>\n");
                c = end;
            }
        }
        Axes.xTicks(out, f, b, base);
        out.append("</svg>\n");
        out.append("<p class=\"note\">").append(text(zone)).append(": free pages in blocks of order k or more, the"
                + " fewest in each column (darker is more, log scale of the zone's ").append(count(zonePages))
                .append(" pages); red: none, so an order-k request fails.</p>\n");
    }

    static int firstBucket(int column, int buckets, int columns) {
        return (int) ((long) column * buckets / columns);
    }

    /** Blue from pale (one page) to dark (the whole zone), on a log scale; red for none. */
    static String color(long pages, long zonePages) {
        if (pages <= 0) {
            return NONE_COLOR;
        }
        double t = zonePages <= 1 ? 1 : Math.min(1, Math.log1p(pages) / Math.log1p(zonePages));
        int r = (int) Math.round(222 + (8 - 222) * t);
        int g = (int) Math.round(235 + (69 - 235) * t);
        int bl = (int) Math.round(247 + (148 - 247) * t);
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }
}
