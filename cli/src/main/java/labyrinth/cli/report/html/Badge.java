package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.count;

import labyrinth.replay.Severity;

/**
 * The report's badge: the worst severity found and how many findings have it ({@code 4,129
 * warnings}), or {@code clean} when there is none, coloured by that severity. The outcome alone
 * would say {@code clean} over thousands of warnings, since only errors fail a replay by default.
 * Stateless.
 */
final class Badge {
    private Badge() {
    }

    static void write(StringBuilder h, FindingGroups groups) {
        Severity worst = null;
        for (Severity s : Severity.values()) {
            if (groups.count(s) > 0) {
                worst = s;
            }
        }
        if (worst == null) {
            h.append("<p class=\"badge badge-clean\">clean</p>");
            return;
        }
        long n = groups.count(worst);
        h.append("<p class=\"badge badge-").append(worst.label()).append("\">").append(count(n)).append(' ')
                .append(worst.label()).append(n == 1 ? "" : "s").append("</p>");
    }
}
