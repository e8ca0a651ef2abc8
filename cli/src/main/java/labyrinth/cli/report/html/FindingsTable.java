package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.text;

import java.util.Map;
import labyrinth.core.GfpNames;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Severity;
import labyrinth.stats.MinMaxBuckets;

/**
 * The findings, grouped ({@link FindingGroups}): one {@code <details>} per group with its severity,
 * kind, signature and count, opening to its first findings, each linked to its column of the
 * chart. Check boxes filter by severity and by kind with CSS alone (each box precedes the groups,
 * and a rule per box hides what it unticks), so the page stays one file with no script. At most
 * {@link #GROUPS} groups are listed; the rest are counted. Stateless.
 */
final class FindingsTable {
    static final int GROUPS = 60;

    private FindingsTable() {
    }

    static void write(StringBuilder h, FindingGroups g, MinMaxBuckets b, String file, long dropped, GfpNames names) {
        h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (g.groups().isEmpty()) {
            h.append("<p>No findings.</p>\n");
        } else {
            filters(h, g);
            h.append("<div class=\"groups\">\n");
            int shown = Math.min(GROUPS, g.groups().size());
            for (int i = 0; i < shown; i++) {
                group(h, g.groups().get(i), b, file, names);
            }
            h.append("</div>\n");
            if (g.groups().size() > shown) {
                long rest = 0;
                for (int i = shown; i < g.groups().size(); i++) {
                    rest += g.groups().get(i).count;
                }
                h.append("<p class=\"note\">").append(count(g.groups().size() - shown)).append(" more groups (")
                        .append(count(rest)).append(" findings) not listed: the fewest findings each.</p>\n");
            }
        }
        if (dropped > 0) {
            h.append("<p class=\"note\">").append(count(dropped))
                    .append(" more findings not kept (--max-findings).</p>\n");
        }
        h.append("</section>\n");
    }

    private static void filters(StringBuilder h, FindingGroups g) {
        StringBuilder css = new StringBuilder();
        StringBuilder labels = new StringBuilder("<div class=\"filters\">Show: ");
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            if (g.count(s) > 0) {
                String id = "show-sev-" + s.label();
                box(h, css, labels, id, "sev-" + s.label(), count(g.count(s)) + " " + s.label()
                        + (g.count(s) == 1 ? "" : "s"));
            }
        }
        labels.append("<span class=\"sep\">|</span>");
        for (Map.Entry<FindingKind, Long> e : g.byKind().entrySet()) {
            String k = e.getKey().label();
            box(h, css, labels, "show-kind-" + k, "kind-" + k, k + " " + count(e.getValue()));
        }
        h.append("<style>").append(css).append("</style>\n").append(labels).append("</div>\n");
    }

    private static void box(StringBuilder h, StringBuilder css, StringBuilder labels, String id, String cls,
                            String label) {
        h.append("<input type=\"checkbox\" class=\"filter\" id=\"").append(id).append("\" checked=\"checked\"/>\n");
        css.append('#').append(id).append(":not(:checked) ~ .groups .").append(cls).append(" { display: none; }\n");
        css.append('#').append(id).append(":not(:checked) ~ .filters label[for=\"").append(id)
                .append("\"] { opacity: 0.45; text-decoration: line-through; }\n");
        labels.append("<label for=\"").append(id).append("\">").append(text(label)).append("</label> ");
    }

    private static void group(StringBuilder h, FindingGroups.Group g, MinMaxBuckets b, String file,
                              GfpNames names) {
        h.append("<details class=\"group sev-").append(g.severity.label()).append(" kind-").append(g.kind.label())
                .append("\" id=\"").append(g.anchor()).append("\"").append(g.number == 1 ? " open=\"open\"" : "")
                .append(">\n<summary><span class=\"sev\">").append(g.severity.label()).append("</span> <b>")
                .append(g.kind.label()).append("</b> <code>").append(text(g.signature)).append("</code> <span class=\"n\">")
                .append(count(g.count)).append(g.count == 1 ? " finding" : " findings")
                .append("</span> <span class=\"sub\">first at event ").append(g.first.get(0).event())
                .append("</span></summary>\n<table class=\"findings\"><thead><tr><th>event</th><th>line</th>"
                        + "<th>message</th></tr></thead><tbody>\n");
        for (Finding f : g.first) {
            h.append("<tr><td class=\"n\"><a href=\"#").append(HoverColumns.anchor(b, f.event())).append("\">")
                    .append(f.event()).append("</a></td><td class=\"n\">")
                    .append(f.line() > 0 ? f.line() + ":" + f.column() : "").append("</td><td>")
                    .append(text(f.message()));
            if (f.kind() == FindingKind.ALLOC_FAILURE) {
                h.append("<div class=\"sub\">").append(text(names.format(f.gfp()))).append(", reason ")
                        .append(text(f.reason() == null ? null : f.reason().label())).append("</div>");
            }
            h.append("</td></tr>\n");
        }
        if (g.count > g.first.size()) {
            h.append("<tr><td colspan=\"3\" class=\"sub\">and ").append(count(g.count - g.first.size()))
                    .append(" more, each listed by the text report of ").append(text(file)).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n</details>\n");
    }
}
