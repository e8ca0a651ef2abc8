package labyrinth.cli.explain;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.explain.Explanation;
import labyrinth.explain.FailureReport;
import labyrinth.explain.ReportGroups;
import labyrinth.explain.Verdict;
import labyrinth.explain.ZoneResult;

/**
 * The text of {@code labyrinth explain}: per group of reports, the request as a compiler-style
 * located line, each zone's check, the verdict and the notes, then a count of the verdicts.
 * Stateless.
 */
public final class ExplainText {
    private ExplainText() {
    }

    public static void write(String log, List<ReportGroups.Group> groups, PrintWriter out) {
        Map<String, Integer> verdicts = new TreeMap<>();
        int reports = 0;
        for (ReportGroups.Group g : groups) {
            Explanation e = g.first();
            FailureReport r = e.report();
            out.println(log + ":" + r.line() + ": " + request(r));
            if (g.count() > 1) {
                out.println("  reports: " + g.count() + " with this task, order and mode, at lines "
                        + String.join(", ", g.all().stream().map(x -> String.valueOf(x.report().line())).toList()));
            }
            boolean decided = e.verdict() == Verdict.FAILS || e.verdict() == Verdict.SUCCEEDS;
            for (ZoneResult z : e.zones()) {
                out.println("  " + z.zone().label() + ": " + CheckText.check(z, decided));
            }
            out.println("  verdict: " + e.verdict().label() + (e.reason() == null ? "" : " (" + e.reason().label() + ")")
                    + ": " + e.taken());
            for (String note : e.notes()) {
                out.println("  note: " + note);
            }
            String others = others(g);
            if (others != null) {
                out.println("  note: " + others);
            }
            out.println();
            for (Explanation x : g.all()) {
                verdicts.merge(x.verdict().label(), 1, Integer::sum);
                reports++;
            }
        }
        StringBuilder summary = new StringBuilder().append(reports).append(reports == 1 ? " report" : " reports")
                .append(" in ").append(groups.size()).append(groups.size() == 1 ? " group" : " groups").append(':');
        String sep = " ";
        for (Map.Entry<String, Integer> v : verdicts.entrySet()) {
            summary.append(sep).append(v.getKey()).append(' ').append(v.getValue());
            sep = ", ";
        }
        out.println(summary);
    }

    /**
     * {@code kswapd0: order-0 0xc0c40(GFP_NOFS|...) in task context, Linux 6.19.0-rc5}; the mode as
     * printed follows when the model reads it with other bits (an older kernel's layout).
     */
    static String request(FailureReport r) {
        String gfp = r.gfp().text().equals(r.mode()) ? r.gfp().text()
                : r.gfp().text() + " (printed " + r.mode() + ")";
        return r.task() + ": order-" + r.order() + " " + gfp + " in " + r.context().label() + " context"
                + (r.kernel() == null ? "" : ", Linux " + r.kernel());
    }

    /** When the group's other reports got other verdicts: which, at which lines. */
    private static String others(ReportGroups.Group g) {
        Map<String, List<String>> byVerdict = new TreeMap<>();
        for (Explanation x : g.all()) {
            if (x.verdict() != g.first().verdict()) {
                byVerdict.computeIfAbsent(x.verdict().label(), k -> new ArrayList<>())
                        .add(String.valueOf(x.report().line()));
            }
        }
        if (byVerdict.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        byVerdict.forEach((v, lines) -> parts.add(v + " at line" + (lines.size() == 1 ? " " : "s ")
                + String.join(", ", lines)));
        return "other reports of this group: " + String.join("; ", parts);
    }
}
