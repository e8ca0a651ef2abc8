package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.attr;
import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.num;
import static labyrinth.cli.report.html.Markup.text;

import labyrinth.stats.MinMaxBuckets;
import labyrinth.stats.TimelineRecorder;

/**
 * Free blocks per order over the events, one heat strip per zone: a row per order (the largest on
 * top), a column per group of buckets, coloured by the fewest free blocks of that order in the
 * group (so a moment without any is never hidden), on a log scale relative to the most the row
 * ever had. Red cells: no free block of that order at some point. Runs of equal cells are drawn as
 * one rectangle. Stateless.
 */
final class FragmentationChart {
    static final int MAX_COLUMNS = 400;
    static final double ROW = 16;
    static final double TOP = 8;
    static final double AXIS = 40;
    static final String NONE_COLOR = "#f6c4c0";

    private FragmentationChart() {
    }

    static void write(StringBuilder out, TimelineRecorder t, int z) {
        MinMaxBuckets b = t.buckets();
        Frame f = Frame.of(b.samples());
        int orders = t.maxOrder() + 1;
        int n = b.size();
        int columns = Math.min(n, MAX_COLUMNS);
        double base = TOP + orders * ROW;
        double height = base + AXIS;
        String zone = t.zoneKind(z).label();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heat\" data-zone=\"").append(attr(zone))
                .append("\" viewBox=\"0 0 ").append(num(Frame.WIDTH)).append(' ').append(num(height))
                .append("\" width=\"").append(num(Frame.WIDTH)).append("\" height=\"").append(num(height))
                .append("\" role=\"img\" aria-label=\"free blocks per order in ").append(attr(zone)).append("\">\n");
        for (int k = orders - 1; k >= 0; k--) {
            int s = t.orderSeries(z, k);
            double y = TOP + (orders - 1 - k) * ROW;
            long rowMax = 0;
            for (int i = 0; i < n; i++) {
                rowMax = Math.max(rowMax, b.max(s, i));
            }
            long[] fewest = new long[columns];
            for (int c = 0; c < columns; c++) {
                long m = Long.MAX_VALUE;
                for (int i = firstBucket(c, n, columns); i < firstBucket(c + 1, n, columns); i++) {
                    m = Math.min(m, b.min(s, i));
                }
                fewest[c] = m;
            }
            out.append("<text class=\"tick\" x=\"").append(num(f.left() - 6)).append("\" y=\"")
                    .append(num(y + ROW - 3)).append("\" text-anchor=\"end\">order ").append(k).append("</text>\n");
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
                out.append("<rect class=\"cell\" data-order=\"").append(k).append("\" data-blocks=\"")
                        .append(fewest[c]).append("\" x=\"").append(num(x0)).append("\" y=\"").append(num(y))
                        .append("\" width=\"").append(num(x1 - x0)).append("\" height=\"").append(num(ROW - 1))
                        .append("\" fill=\"").append(color(fewest[c], rowMax)).append("\"><title>order ").append(k)
                        .append(": ").append(fewest[c] == 0 ? "no free block" : "at least " + count(fewest[c])
                                + (fewest[c] == 1 ? " free block" : " free blocks"))
                        .append(", events ").append(b.firstNumber(b0)).append(" to ").append(b.lastNumber(b1))
                        .append("</title></rect>\n");
                c = end;
            }
        }
        Axes.xTicks(out, f, b, base);
        out.append("</svg>\n");
        out.append("<p class=\"note\">").append(text(zone))
                .append(": darker is more free blocks of that order (log scale, per row); red: none free.</p>\n");
    }

    static int firstBucket(int column, int buckets, int columns) {
        return (int) ((long) column * buckets / columns);
    }

    /** Blue from pale (one block) to dark (the row's most), on a log scale; red for none. */
    static String color(long blocks, long rowMax) {
        if (blocks <= 0) {
            return NONE_COLOR;
        }
        double t = rowMax <= 1 ? 1 : Math.log1p(blocks) / Math.log1p(rowMax);
        int r = (int) Math.round(222 + (8 - 222) * t);
        int g = (int) Math.round(235 + (69 - 235) * t);
        int bl = (int) Math.round(247 + (148 - 247) * t);
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }
}
