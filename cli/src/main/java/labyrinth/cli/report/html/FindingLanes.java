package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.num;
import static labyrinth.cli.report.html.Markup.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labyrinth.cli.report.TextReport;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Severity;
import labyrinth.stats.MinMaxBuckets;
import labyrinth.stats.MemorySeries;

/**
 * The findings above the free-pages chart, one lane per kind. A kind with few findings
 * ({@link #FEW} or less) keeps a marker per finding, linked to its group in the findings table; a
 * kind with more becomes a density strip: the plot cut into {@link #COLUMNS} columns, each shaded by
 * how many findings of the kind it holds (darker is more, on a log scale), coloured by severity,
 * with the count as hover text. The counts are the recorder's, of every finding the replay made,
 * so findings past {@code --max-findings} still show where they fell. So the lane's size is bounded whatever the number of findings. The
 * panic and the primary failure are always marked one by one, with the only lines drawn down across
 * the panels. Stateless.
 */
final class FindingLanes {
    static final int COLUMNS = 150;
    static final int FEW = 40;
    static final double ROW = 16;
    static final double TOP = 8;

    private FindingLanes() {
    }

    /** The kinds that get a lane, in the order of {@link FindingKind}. */
    static List<FindingKind> kinds(List<Finding> findings, MemorySeries t) {
        boolean[] seen = new boolean[FindingKind.values().length];
        for (Finding f : findings) {
            seen[f.kind().ordinal()] = true;
        }
        for (FindingKind k : FindingKind.values()) {
            seen[k.ordinal()] |= t.findings(k) > 0;
        }
        List<FindingKind> kinds = new ArrayList<>();
        for (FindingKind k : FindingKind.values()) {
            if (seen[k.ordinal()]) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    /** Height of the lanes for {@code kinds}, the row for the panic and primary failure included. */
    static double height(List<FindingKind> kinds) {
        return TOP + (kinds.size() + 1) * ROW;
    }

    static void write(StringBuilder out, Frame f, MemorySeries t, List<Finding> findings, FindingGroups groups,
                      Finding primary, Finding panic, String file, double bottom) {
        MinMaxBuckets b = t.buckets();
        List<FindingKind> kinds = kinds(findings, t);
        Map<FindingKind, List<Finding>> byKind = new LinkedHashMap<>();
        for (FindingKind k : kinds) {
            byKind.put(k, new ArrayList<>());
        }
        for (Finding fd : findings) {
            byKind.get(fd.kind()).add(fd);
        }
        out.append("<g class=\"lanes\">\n");
        double y = TOP;
        out.append("<text class=\"lane-title\" x=\"").append(num(f.left() - 8)).append("\" y=\"").append(num(y + 12))
                .append("\" text-anchor=\"end\">key events</text>\n");
        double keyRow = y + ROW / 2;
        y += ROW;
        for (FindingKind k : kinds) {
            List<Finding> list = byKind.get(k);
            out.append("<text class=\"lane-title\" x=\"").append(num(f.left() - 8)).append("\" y=\"")
                    .append(num(y + 12)).append("\" text-anchor=\"end\">").append(k.label()).append("</text>\n");
            out.append("<line class=\"lane-rule\" x1=\"").append(num(f.left())).append("\" x2=\"")
                    .append(num(f.right())).append("\" y1=\"").append(num(y + ROW - 0.5)).append("\" y2=\"")
                    .append(num(y + ROW - 0.5)).append("\"/>\n");
            long total = Math.max(list.size(), t.findings(k));
            if (total <= FEW && list.size() == total) {
                for (Finding fd : list) {
                    marker(out, f, b, fd, groups, file, y + ROW / 2);
                }
            } else if (t.findingSeries(k) >= 0 && t.findingsAfterEvents(k) == 0) {
                recorded(out, f, t, k, y);
            } else {
                density(out, f, b, k, list, y);
            }
            y += ROW;
        }
        if (primary != null && primary != panic) {
            key(out, f, b, primary, groups, file, keyRow, bottom, "primary failure");
        }
        if (panic != null) {
            key(out, f, b, panic, groups, file, keyRow, bottom, "panic");
        }
        out.append("</g>\n");
    }

    private static double x(Frame f, MinMaxBuckets b, Finding fd) {
        return f.x(Math.max(0, b.positionOf(fd.event())));
    }

    private static String href(FindingGroups groups, Finding fd) {
        FindingGroups.Group g = groups.groupOf(fd);
        return g == null ? "#findings" : "#" + g.anchor();
    }

    private static void marker(StringBuilder out, Frame f, MinMaxBuckets b, Finding fd, FindingGroups groups,
                               String file, double cy) {
        double x = x(f, b, fd);
        out.append("<a class=\"marker sev-").append(fd.severity().label()).append(" kind-").append(fd.kind().label())
                .append("\" href=\"").append(href(groups, fd)).append("\" data-event=\"").append(fd.event())
                .append("\"><title>event ").append(fd.event()).append(": ")
                .append(text(TextReport.findingLine(file, fd))).append("</title><circle class=\"marker-shape\" cx=\"")
                .append(num(x)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
                .append(fd.severity() == Severity.INFO ? "3.5" : "5").append("\"/></a>\n");
    }

    /** A strip from the recorder's running totals: every finding of the kind, kept or not. */
    private static void recorded(StringBuilder out, Frame f, MemorySeries t, FindingKind k, double y) {
        MinMaxBuckets b = t.buckets();
        int s = t.findingSeries(k);
        int columns = Math.max(1, Math.min(COLUMNS, b.size()));
        long[] counts = new long[columns];
        int[] first = new int[columns + 1];
        long max = 1;
        for (int c = 0; c <= columns; c++) {
            first[c] = (int) ((long) c * b.size() / columns);
        }
        for (int c = 0; c < columns; c++) {
            // running totals only grow: a bucket's max is its last value
            long before = first[c] == 0 ? 0 : b.max(s, first[c] - 1);
            counts[c] = b.max(s, Math.max(first[c], first[c + 1] - 1)) - before;
            max = Math.max(max, counts[c]);
        }
        String sev = t.severity(k) == null ? "warning" : t.severity(k).label();
        out.append("<g class=\"density kind-").append(k.label()).append("\" data-findings=\"").append(t.findings(k))
                .append("\">\n");
        for (int c = 0; c < columns; c++) {
            if (counts[c] > 0) {
                cell(out, f, b, k, sev, counts[c], first[c], first[c + 1], c == columns - 1, max, y,
                        "events " + count(b.firstNumber(first[c])) + " to "
                                + count(b.lastNumber(Math.max(first[c], first[c + 1] - 1))));
            }
        }
        out.append("</g>\n");
    }

    private static void cell(StringBuilder out, Frame f, MinMaxBuckets b, FindingKind k, String sev, long n, int b0, int b1,
                             boolean last, long max, double y, String where) {
        double x0 = f.x(b.firstPosition(b0));
        double x1 = last || b1 >= b.size() ? f.right() : f.x(b.firstPosition(b1));
        double shade = 0.25 + 0.75 * Math.log1p(n) / Math.log1p(max);
        out.append("<rect class=\"cell sev-").append(sev).append("\" data-count=\"").append(n)
                .append("\" x=\"").append(num(x0)).append("\" y=\"").append(num(y + 2)).append("\" width=\"")
                .append(num(Math.max(1.5, x1 - x0))).append("\" height=\"").append(num(ROW - 4))
                .append("\" fill-opacity=\"").append(String.format(java.util.Locale.ROOT, "%.2f", shade))
                .append("\"><title>").append(count(n)).append(' ').append(k.label())
                .append(n == 1 ? " finding" : " findings").append(", ").append(where).append("</title></rect>\n");
    }

    private static void density(StringBuilder out, Frame f, MinMaxBuckets b, FindingKind k, List<Finding> list, double y) {
        int columns = Math.max(1, Math.min(COLUMNS, b.size()));
        long[] counts = new long[columns];
        long[] firstEvent = new long[columns];
        long[] lastEvent = new long[columns];
        Severity[] worst = new Severity[columns];
        for (Finding fd : list) {
            int bucket = Math.max(0, b.bucketOf(fd.event()));
            int c = (int) Math.min(columns - 1, (long) bucket * columns / b.size());
            if (counts[c]++ == 0) {
                firstEvent[c] = fd.event();
            }
            lastEvent[c] = fd.event();
            if (worst[c] == null || fd.severity().compareTo(worst[c]) > 0) {
                worst[c] = fd.severity();
            }
        }
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        out.append("<g class=\"density kind-").append(k.label()).append("\" data-findings=\"").append(list.size())
                .append("\">\n");
        for (int c = 0; c < columns; c++) {
            if (counts[c] == 0) {
                continue;
            }
            int b0 = (int) ((long) c * b.size() / columns);
            int b1 = (int) ((long) (c + 1) * b.size() / columns);
            cell(out, f, b, k, worst[c].label(), counts[c], b0, b1, c == columns - 1, max, y,
                    "events " + count(firstEvent[c]) + " to " + count(lastEvent[c]));
        }
        out.append("</g>\n");
    }

    private static void key(StringBuilder out, Frame f, MinMaxBuckets b, Finding fd, FindingGroups groups,
                            String file, double cy, double bottom, String what) {
        double x = x(f, b, fd);
        out.append("<a class=\"key-marker sev-").append(fd.severity().label()).append(" kind-")
                .append(fd.kind().label()).append("\" id=\"").append(what.equals("panic") ? "mark-panic" : "mark-primary")
                .append("\" href=\"").append(href(groups, fd)).append("\" data-event=\"").append(fd.event())
                .append("\"><title>").append(what).append(", event ").append(fd.event()).append(": ")
                .append(text(TextReport.findingLine(file, fd))).append("</title>");
        out.append("<line class=\"key-line\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                .append("\" y1=\"").append(num(cy)).append("\" y2=\"").append(num(bottom)).append("\"/>");
        double r = 7;
        if (what.equals("panic")) {
            out.append("<path class=\"marker-shape\" d=\"M").append(num(x)).append(',').append(num(cy - r))
                    .append(" L").append(num(x + r)).append(',').append(num(cy)).append(" L").append(num(x))
                    .append(',').append(num(cy + r)).append(" L").append(num(x - r)).append(',').append(num(cy))
                    .append(" Z\"/>");
        } else {
            out.append("<circle class=\"marker-shape\" cx=\"").append(num(x)).append("\" cy=\"").append(num(cy))
                    .append("\" r=\"6\"/>");
        }
        out.append("<text class=\"key-label\" x=\"").append(num(x + (what.equals("panic") ? 10 : -10)))
                .append("\" y=\"").append(num(cy + 4)).append("\" text-anchor=\"")
                .append(what.equals("panic") ? "start" : "end").append("\">").append(what).append("</text></a>\n");
    }
}
