package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.count;

import labyrinth.replay.FindingKind;
import labyrinth.replay.Outcome;
import labyrinth.replay.Severity;
import labyrinth.stats.MemorySeries;

/**
 * The report's badge: the worst severity found and how many findings have it ({@code 4,129
 * warnings}), or {@code clean} when there is none, coloured by that severity. The outcome alone
 * would say {@code clean} over thousands of warnings, since only errors fail a replay by default.
 * A replay that is not {@code clean} with no finding (cut short, diverged, a panic not
 * reproduced) never gets a green badge: it shows its outcome instead. Stateless.
 */
final class Badge {
    private Badge() {
    }

    /**
     * @param t the recorder, which counted every finding (past {@code --max-findings} too); the
     *     findings a report left out are counted with their kind's worst severity
     */
    static void write(StringBuilder h, FindingGroups groups, MemorySeries t, Outcome outcome) {
        long[] counts = new long[Severity.values().length];
        for (Severity s : Severity.values()) {
            counts[s.ordinal()] = groups.count(s);
        }
        for (FindingKind k : FindingKind.values()) {
            long left = t.findings(k) - groups.byKind().getOrDefault(k, 0L);
            if (left > 0 && t.severity(k) != null) {
                counts[t.severity(k).ordinal()] += left;
            }
        }
        Severity worst = null;
        for (Severity s : Severity.values()) {
            if (counts[s.ordinal()] > 0) {
                worst = s;
            }
        }
        if (worst == null) {
            h.append(outcome == Outcome.CLEAN ? "<p class=\"badge badge-clean\">clean</p>"
                    : "<p class=\"badge badge-warning\">" + outcome.label() + "</p>");
            return;
        }
        long n = counts[worst.ordinal()];
        h.append("<p class=\"badge badge-").append(worst.label()).append("\">").append(count(n)).append(' ')
                .append(worst.label()).append(n == 1 ? "" : "s").append("</p>");
    }
}
