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

    /** Event numbers along the bottom edge {@code base}: about eight ticks at bucket starts. */
    static void xTicks(StringBuilder out, Frame f, MinMaxBuckets b, double base) {
        int n = b.size();
        if (n == 0) {
            return;
        }
        int every = Math.max(1, (n + 7) / 8);
        for (int i = 0; i < n; i += every) {
            tick(out, f, b.firstPosition(i), b.firstNumber(i), base);
        }
        if ((n - 1) % every != 0) {
            tick(out, f, b.lastPosition(n - 1), b.lastNumber(n - 1), base);
        }
        out.append("<text class=\"axis-title\" x=\"").append(num(f.right())).append("\" y=\"").append(num(base + 34))
                .append("\" text-anchor=\"end\">event</text>\n");
    }

    private static void tick(StringBuilder out, Frame f, long position, long number, double base) {
        double x = f.x(position);
        out.append("<line class=\"tick-mark\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                .append("\" y1=\"").append(num(base)).append("\" y2=\"").append(num(base + 5)).append("\"/>");
        out.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(num(base + 18))
                .append("\" text-anchor=\"middle\">").append(number).append("</text>\n");
    }
}
