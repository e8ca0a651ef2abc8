package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.num;

import labyrinth.stats.MinMaxBuckets;

/** Axis ticks and grid lines for the charts. Stateless. */
final class Axes {
    private Axes() {
    }

    /** A "nice" step (1, 2 or 5 times a power of ten) giving about {@code ticks} intervals up to {@code max}. */
    static long step(double max, int ticks) {
        double raw = Math.max(1, max / ticks);
        long pow = 1;
        while (pow * 10 <= raw) {
            pow *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    static void yTicks(StringBuilder out, Frame f, double max, double top, double height) {
        long step = step(max, 5);
        for (long v = 0; v <= max; v += step) {
            double y = Frame.y(v, max, top, height);
            out.append("<line class=\"grid\" x1=\"").append(num(f.left())).append("\" x2=\"").append(num(f.right()))
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>");
            out.append("<text class=\"tick\" x=\"").append(num(f.left() - 6)).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(count(v)).append("</text>\n");
        }
    }

    /**
     * Event numbers along the bottom edge {@code base}, at round numbers (multiples of 1, 2 or 5
     * times a power of ten, about eight of them), placed where those events are.
     */
    static void xTicks(StringBuilder out, Frame f, MinMaxBuckets b, double base) {
        int n = b.size();
        if (n == 0) {
            return;
        }
        long first = b.firstNumber(0);
        long last = b.lastNumber(n - 1);
        long step = step(Math.max(1, last - first), 8);
        for (long v = Math.floorDiv(first + step - 1, step) * step; v <= last; v += step) {
            tick(out, f.x(Math.max(0, b.positionOf(v))), count(v), base);
        }
        out.append("<text class=\"axis-title\" x=\"").append(num(f.right())).append("\" y=\"").append(num(base + 34))
                .append("\" text-anchor=\"end\">event</text>\n");
    }

    /**
     * A time axis along {@code base} for a trace whose events all carry {@code t}: seconds (or ms,
     * µs, ns) since the first event, at round steps, placed at the first bucket that reaches them.
     */
    static void timeTicks(StringBuilder out, Frame f, MinMaxBuckets b, int timeSeries, double base) {
        int n = b.size();
        long t0 = b.min(timeSeries, 0);
        long span = b.max(timeSeries, n - 1) - t0;
        if (span <= 0) {
            return;
        }
        long step = step(span, 8);
        out.append("<line class=\"tick-mark\" x1=\"").append(num(f.left())).append("\" x2=\"")
                .append(num(f.right())).append("\" y1=\"").append(num(base)).append("\" y2=\"").append(num(base))
                .append("\"/>\n");
        int bucket = 0;
        for (long v = 0; v <= span; v += step) {
            while (bucket < n - 1 && b.max(timeSeries, bucket) - t0 < v) {
                bucket++;
            }
            tick(out, f.x(b.firstPosition(bucket)), duration(v, step), base);
        }
        out.append("<text class=\"axis-title\" x=\"").append(num(f.right())).append("\" y=\"").append(num(base + 34))
                .append("\" text-anchor=\"end\">time since the first event</text>\n");
    }

    /** {@code v} ns in the unit of {@code step}: {@code 1.5 s}, {@code 200 ms}, {@code 40 µs}, {@code 7 ns}. */
    static String duration(long v, long step) {
        long[] units = {1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"s", "ms", "µs", "ns"};
        for (int i = 0; i < units.length; i++) {
            if (step >= units[i] || i == units.length - 1) {
                long u = units[i];
                // a step of 500 ms shown in s needs one decimal; steps are 1, 2 or 5 times a power of ten
                String number = v % u == 0 ? Long.toString(v / u)
                        : java.math.BigDecimal.valueOf(v).divide(java.math.BigDecimal.valueOf(u)).stripTrailingZeros()
                                .toPlainString();
                return number + " " + names[i];
            }
        }
        throw new IllegalStateException();
    }

    private static void tick(StringBuilder out, double x, String label, double base) {
        out.append("<line class=\"tick-mark\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                .append("\" y1=\"").append(num(base)).append("\" y2=\"").append(num(base + 5)).append("\"/>");
        out.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(num(base + 18))
                .append("\" text-anchor=\"middle\">").append(label).append("</text>\n");
    }
}
