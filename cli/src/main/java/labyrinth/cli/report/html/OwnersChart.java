package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.attr;
import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.num;
import static labyrinth.cli.report.html.Markup.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import labyrinth.stats.MinMaxBuckets;
import labyrinth.stats.MemorySeries;

/**
 * Pages held by the top owners over the events, stacked, so a leak shows as a wedge that never
 * shrinks. Each bucket is drawn at its last sample (an instant, so the stack adds up to the pages in
 * use then); owners outside the top ones, untracked owners and blocks without an owner make the
 * top layer. Stateless.
 */
final class OwnersChart {
    static final int TOP = 6;
    static final double PLOT_TOP = 14;
    static final double HEIGHT = 220;
    static final double AXIS = 40;
    static final String[] COLORS = {"#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#a463f2", "#ff8ab7"};
    static final String OTHER_COLOR = "#9aa0a6";

    private OwnersChart() {
    }

    /** One layer: a name, and its value per bucket. */
    record Layer(String name, long[] values, String color) {
        long peak() {
            long p = 0;
            for (long v : values) {
                p = Math.max(p, v);
            }
            return p;
        }
    }

    /** The top owners by peak pages (ties by first appearance), then "everything else" when it holds any. */
    static List<Layer> layers(MemorySeries t) {
        MinMaxBuckets b = t.buckets();
        int n = b.size();
        List<String> names = t.ownerNames();
        List<Layer> owners = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            long[] v = new long[n];
            for (int k = 0; k < n; k++) {
                v[k] = b.last(t.ownerSeries(i), k);
            }
            owners.add(new Layer(names.get(i), v, null));
        }
        List<Layer> sorted = new ArrayList<>(owners);
        sorted.sort(Comparator.comparingLong(Layer::peak).reversed());
        List<Layer> top = new ArrayList<>();
        for (Layer l : sorted) {
            if (top.size() < TOP && l.peak() > 0) {
                top.add(new Layer(l.name(), l.values(), COLORS[top.size()]));
            }
        }
        long[] rest = new long[n];
        for (int k = 0; k < n; k++) {
            long shown = 0;
            for (Layer l : top) {
                shown += l.values()[k];
            }
            rest[k] = b.last(t.usedSeries(), k) - shown;
        }
        Layer other = new Layer(null, rest, OTHER_COLOR);
        if (other.peak() > 0) {
            top.add(other);
        }
        return top;
    }

    static void write(StringBuilder out, MemorySeries t) {
        MinMaxBuckets b = t.buckets();
        Frame f = Frame.of(b.samples());
        List<Layer> layers = layers(t);
        long max = 0;
        for (int k = 0; k < b.size(); k++) {
            long sum = 0;
            for (Layer l : layers) {
                sum += l.values()[k];
            }
            max = Math.max(max, sum);
        }
        double yMax = Math.max(max, 1);
        double height = PLOT_TOP + HEIGHT + AXIS;
        double base = PLOT_TOP + HEIGHT;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"owners\" viewBox=\"0 0 ")
                .append(num(Frame.WIDTH)).append(' ').append(num(height)).append("\" width=\"")
                .append(num(Frame.WIDTH)).append("\" height=\"").append(num(height))
                .append("\" role=\"img\" aria-label=\"pages held by the top owners over the events\">\n");
        out.append("<rect class=\"plot\" x=\"").append(num(f.left())).append("\" y=\"").append(num(PLOT_TOP))
                .append("\" width=\"").append(num(f.plotWidth())).append("\" height=\"").append(num(HEIGHT))
                .append("\"/>\n");
        Axes.yTicks(out, f, yMax, PLOT_TOP, HEIGHT);
        long[] below = new long[b.size()];
        for (Layer l : layers) {
            StringBuilder upper = new StringBuilder();
            StringBuilder lower = new StringBuilder();
            for (int k = 0; k < b.size(); k++) {
                double x = f.x(b.lastPosition(k));
                upper.append(num(x)).append(',')
                        .append(num(Frame.y(below[k] + l.values()[k], yMax, PLOT_TOP, HEIGHT))).append(' ');
            }
            for (int k = b.size() - 1; k >= 0; k--) {
                double x = f.x(b.lastPosition(k));
                lower.append(num(x)).append(',').append(num(Frame.y(below[k], yMax, PLOT_TOP, HEIGHT))).append(' ');
            }
            String name = l.name() == null ? "other owners and unowned blocks" : l.name();
            long end = l.values()[b.size() - 1];
            out.append("<polygon class=\"layer\" data-owner=\"").append(attr(name)).append("\" fill=\"")
                    .append(l.color()).append("\" points=\"").append(upper).append(lower.toString().strip())
                    .append("\"><title>").append(text(name)).append(": peak ").append(count(l.peak()))
                    .append(" pages, ").append(count(end)).append(" at the end</title></polygon>\n");
            for (int k = 0; k < b.size(); k++) {
                below[k] += l.values()[k];
            }
        }
        Axes.xTicks(out, f, b, base);
        out.append("</svg>\n");
        legend(out, layers, b.size() - 1, t.untrackedOwners());
    }

    private static void legend(StringBuilder out, List<Layer> layers, int lastBucket, int untracked) {
        out.append("<ul class=\"legend\">\n");
        if (layers.isEmpty()) {
            out.append("<li>no pages were held at any point</li>\n");
        }
        for (Layer l : layers) {
            String name = l.name() == null ? "other owners and unowned blocks" : l.name();
            out.append("<li><span class=\"swatch\" style=\"background:").append(l.color()).append("\"></span>")
                    .append(l.name() == null ? "<i>" + text(name) + "</i>" : "<b>" + text(name) + "</b>")
                    .append(" peak ").append(count(l.peak())).append(", at the end ")
                    .append(count(l.values()[lastBucket])).append(" pages</li>\n");
        }
        out.append("</ul>\n");
        if (untracked > 0) {
            out.append("<p class=\"note\">").append(count(untracked)).append(" owners beyond the first ")
                    .append(MemorySeries.MAX_OWNERS).append(" are counted in the grey layer.</p>\n");
        }
    }
}
