package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.attr;
import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.num;
import static labyrinth.cli.report.html.Markup.text;

import java.util.List;
import labyrinth.core.Watermarks;
import labyrinth.replay.Finding;
import labyrinth.stats.MinMaxBuckets;
import labyrinth.stats.MemorySeries;

/**
 * Free pages per zone over the events: one panel per zone with its min, low and high watermarks as
 * lines and the band below the atomic floor shaded, hover values per column ({@link HoverColumns}),
 * the findings in lanes above the panels ({@link FindingLanes}), event numbers below and, when the
 * events carry timestamps, a time axis.
 *
 * <p>The line passes through every bucket's minimum and maximum, in the order they occurred, so a
 * dip to the watermark is drawn however long the trace. Stateless.
 */
final class FreePagesChart {
    static final double PANEL_HEIGHT = 240;
    static final double PANEL_GAP = 46;
    static final double AXIS = 40;

    private FreePagesChart() {
    }

    static final double CLOSEUP_HEIGHT = 150;

    /**
     * One panel: zone {@code z} from 0 to {@code max} pages. Besides each zone's full panel, a
     * close-up from 0 to about twice the high watermark when that is under half the zone, since on
     * big zones the watermarks hug the bottom edge.
     */
    record Panel(int zone, double max, boolean closeup, double top, double height) {
    }

    static List<Panel> panels(MemorySeries t, double lanes) {
        List<Panel> panels = new java.util.ArrayList<>();
        double top = lanes + 30;
        for (int z = 0; z < t.zoneCount(); z++) {
            panels.add(new Panel(z, t.zonePages(z), false, top, PANEL_HEIGHT));
            top += PANEL_HEIGHT + PANEL_GAP;
            long zoom = Axes.step(t.watermarks(z).high() * 2.0, 1);
            if (t.watermarks(z).high() > 0 && zoom * 2 <= t.zonePages(z)) {
                panels.add(new Panel(z, zoom, true, top, CLOSEUP_HEIGHT));
                top += CLOSEUP_HEIGHT + PANEL_GAP;
            }
        }
        return panels;
    }

    static void write(StringBuilder out, MemorySeries t, List<Finding> findings, FindingGroups groups,
                      Finding primary, Finding panic, String file) {
        MinMaxBuckets b = t.buckets();
        Frame f = Frame.of(b.samples());
        List<Panel> panels = panels(t, FindingLanes.height(FindingLanes.kinds(findings, t)));
        Panel lastPanel = panels.get(panels.size() - 1);
        double axes = t.timed() ? 2 * AXIS : AXIS;
        double height = lastPanel.top() + lastPanel.height() + axes;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"timeline\" viewBox=\"0 0 ")
                .append(num(Frame.WIDTH)).append(' ').append(num(height)).append("\" width=\"")
                .append(num(Frame.WIDTH)).append("\" height=\"").append(num(height))
                .append("\" role=\"img\" aria-label=\"free pages per zone over the events\">\n");
        boolean[] ids = {true};
        for (Panel p : panels) {
            zonePanel(out, t, f, p, p == lastPanel, ids);
        }
        FindingLanes.write(out, f, t, findings, groups, primary, panic, file, lastPanel.top() + lastPanel.height());
        out.append("</svg>\n");
    }

    private static void zonePanel(StringBuilder out, MemorySeries t, Frame f, Panel p, boolean last,
                                  boolean[] ids) {
        MinMaxBuckets b = t.buckets();
        int z = p.zone();
        double top = p.top();
        double max = p.max();
        double panelHeight = p.height();
        String zone = t.zoneKind(z).label();
        out.append("<g class=\"").append(p.closeup() ? "zone closeup" : "zone").append("\" data-zone=\"")
                .append(attr(zone)).append("\" data-max=\"").append(num(max)).append("\" data-top=\"")
                .append(num(top)).append("\" data-height=\"").append(num(panelHeight)).append("\">\n");
        out.append("<rect class=\"plot\" x=\"").append(num(f.left())).append("\" y=\"").append(num(top))
                .append("\" width=\"").append(num(f.plotWidth())).append("\" height=\"").append(num(panelHeight))
                .append("\"/>\n");
        out.append("<text class=\"panel-title\" x=\"").append(num(f.left())).append("\" y=\"").append(num(top - 6))
                .append("\">").append(text(zone)).append(p.closeup()
                        ? ": close-up of the watermarks, 0 to " + count((long) max) + " pages"
                        : ": free pages (of " + count(t.zonePages(z)) + ")").append("</text>\n");
        Axes.yTicks(out, f, max, top, panelHeight);
        long floor = t.atomicFloor(z);
        double yFloor = Frame.y(floor, max, top, panelHeight);
        out.append("<rect class=\"atomic-floor\" data-value=\"").append(floor).append("\" x=\"")
                .append(num(f.left())).append("\" y=\"").append(num(yFloor)).append("\" width=\"")
                .append(num(f.plotWidth())).append("\" height=\"").append(num(top + panelHeight - yFloor))
                .append("\"><title>at or below the atomic floor (").append(floor)
                .append(" pages): even GFP_ATOMIC fails here</title></rect>\n");
        Watermarks w = t.watermarks(z);
        double[] ys = {
            watermark(out, f, "high", w.high(), max, top, panelHeight),
            watermark(out, f, "low", w.low(), max, top, panelHeight),
            watermark(out, f, "min", w.min(), max, top, panelHeight),
            yFloor
        };
        String[] labels = {"high " + w.high(), "low " + w.low(), "min " + w.min(), "atomic floor " + floor};
        String[] classes = {"wm-label wm-high", "wm-label wm-low", "wm-label wm-min", "floor-label"};
        spread(ys, top + 8, top + panelHeight + 4);
        for (int i = 0; i < ys.length; i++) {
            out.append("<text class=\"").append(classes[i]).append("\" x=\"").append(num(f.right() + 6))
                    .append("\" y=\"").append(num(ys[i] + 4)).append("\">").append(text(labels[i]))
                    .append("</text>\n");
        }
        StringBuilder points = new StringBuilder();
        double firstX = -1;
        double lastX = 0;
        for (int i = 0; i < b.size(); i++) {
            int s = t.freeSeries(z);
            long lo = b.min(s, i);
            long hi = b.max(s, i);
            long loAt = b.minAt(s, i);
            long hiAt = b.maxAt(s, i);
            if (lo == hi) {
                lastX = point(points, f, loAt, lo, max, top, panelHeight);
            } else if (loAt < hiAt) {
                point(points, f, loAt, lo, max, top, panelHeight);
                lastX = point(points, f, hiAt, hi, max, top, panelHeight);
            } else {
                point(points, f, hiAt, hi, max, top, panelHeight);
                lastX = point(points, f, loAt, lo, max, top, panelHeight);
            }
            if (firstX < 0) {
                firstX = f.x(Math.min(loAt, hiAt));
            }
        }
        double base = top + panelHeight;
        out.append("<polygon class=\"free-area\" points=\"").append(num(firstX)).append(',').append(num(base))
                .append(' ').append(points).append(num(lastX)).append(',').append(num(base)).append("\"/>\n");
        out.append("<polyline class=\"").append(p.closeup() ? "free closeup" : "free").append("\" data-zone=\"").append(attr(zone)).append("\" points=\"")
                .append(points.toString().strip()).append("\"/>\n");
        if (!p.closeup()) {
            // the first full panel's columns are where the findings table links to
            HoverColumns.write(out, t, f, z, top, panelHeight, ids[0]);
            ids[0] = false;
        }
        if (last) {
            Axes.xTicks(out, f, b, base);
            if (t.timed()) {
                Axes.timeTicks(out, f, b, t.timeSeries(), base + AXIS);
            }
        }
        out.append("</g>\n");
    }

    private static double point(StringBuilder points, Frame f, long position, long value, double max, double top,
                                double panelHeight) {
        double x = f.x(position);
        points.append(num(x)).append(',').append(num(Frame.y(value, max, top, panelHeight))).append(' ');
        return x;
    }

    private static double watermark(StringBuilder out, Frame f, String name, long value, double max, double top,
                                    double panelHeight) {
        double y = Frame.y(value, max, top, panelHeight);
        out.append("<line class=\"wm wm-").append(name).append("\" data-value=\"").append(value).append("\" x1=\"")
                .append(num(f.left())).append("\" x2=\"").append(num(f.right())).append("\" y1=\"").append(num(y))
                .append("\" y2=\"").append(num(y)).append("\"><title>").append(name).append(" watermark: ")
                .append(value).append(" pages</title></line>\n");
        return y;
    }

    /**
     * Moves label heights {@code ys} (ascending, top first) apart so that labels of lines close
     * together do not overlap, keeping them between {@code lo} and {@code hi}.
     */
    static void spread(double[] ys, double lo, double hi) {
        double gap = 14;
        for (int i = 0; i < ys.length; i++) {
            double min = i == 0 ? lo : ys[i - 1] + gap;
            ys[i] = Math.max(ys[i], min);
        }
        for (int i = ys.length - 1; i >= 0; i--) {
            double max = i == ys.length - 1 ? hi : ys[i + 1] - gap;
            ys[i] = Math.min(ys[i], max);
        }
    }
}
