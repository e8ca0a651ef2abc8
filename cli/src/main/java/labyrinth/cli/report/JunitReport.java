package labyrinth.cli.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Severity;

/**
 * JUnit XML (the Jenkins xUnit "JUnit 10" shape, plus the {@code file} and {@code line} attributes
 * that GitLab and the GitHub JUnit actions read): one test suite, one test case per trace, failed
 * when its replay would exit 1 or 4 (findings at or above {@code --fail-on}, not reproduced, or cut
 * short). The failure's text starts with the outcome, the true count and the primary failure with
 * its location (GitLab shows the text, not the message), then lists the findings, at most
 * {@link CiSettings#limit} over the whole report, and says how many were left out. An unreadable
 * trace is an error. A cut trace that passes ({@code --allow-truncated}) says so in its
 * {@code system-err}. No times or host names, so the same traces give the same bytes. Stateless.
 */
public final class JunitReport {
    private JunitReport() {
    }

    /** @param failOn null for never */
    public static void write(List<TraceRun> runs, Severity failOn, CiSettings settings, PrintWriter out) {
        Severity threshold = failOn == null ? Severity.ERROR : failOn;
        ListedFindings listed = ListedFindings.select(runs, settings.limit(), r -> r.exit() != 0,
                f -> f.severity().atLeast(threshold));
        long errors = runs.stream().filter(TraceRun::unreadable).count();
        long failures = runs.stream().filter(r -> !r.unreadable() && r.exit() != 0).count();
        String counts = " tests=\"" + runs.size() + "\" failures=\"" + failures + "\" errors=\"" + errors + "\"";
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<testsuites name=\"labyrinth\"" + counts + ">");
        out.println("  <testsuite name=\"labyrinth " + settings.command() + "\"" + counts + " skipped=\"0\">");
        for (int i = 0; i < runs.size(); i++) {
            testCase(runs.get(i), listed.of(i), listed.leftOut(i), threshold, settings, out);
        }
        out.println("  </testsuite>");
        out.println("</testsuites>");
    }

    /** @param leftOut what the replay's limit (any severity) and the report's limit left out, by kind */
    private static void testCase(TraceRun r, List<Finding> listed, Map<FindingKind, Long> leftOut, Severity threshold,
                                 CiSettings settings, PrintWriter out) {
        String open = "    <testcase name=\"" + attr(r.name()) + "\" classname=\"labyrinth." + settings.command()
                + "\" file=\"" + attr(settings.root().path(r.name())) + "\"";
        if (r.unreadable()) {
            long line = ErrorPosition.of(r.name(), r.error()).line();
            out.println(open + (line > 0 ? " line=\"" + line + "\"" : "") + ">");
            out.println("      <error type=\"unreadable\" message=\"" + attr(r.error()) + "\">" + text(r.error())
                    + "</error>");
            out.println("    </testcase>");
            return;
        }
        String cut = TextReport.truncationLine(r.name(), r.result(), Colors.NONE);
        if (r.exit() == 0) {
            if (cut == null) {
                out.println(open + "/>");
                return;
            }
            // passed by --allow-truncated: the case says that only part of the trace was checked
            out.println(open + ">");
            out.println("      <system-err>" + text(cut) + "</system-err>");
            out.println("    </testcase>");
            return;
        }
        Finding primary = r.primary() == null ? null : r.primary().finding();
        long total = r.result().countAtLeast(threshold);
        String headline = r.result().outcome().label() + ": "
                + (r.result().truncation() == null ? "" : r.result().truncation().describe() + "; ")
                + total + (total == 1 ? " finding" : " findings") + " at or above " + threshold.label()
                + (listed.size() < total ? " (" + listed.size() + " listed)" : "");
        StringBuilder body = new StringBuilder(headline).append('\n');
        if (r.primary() != null) {
            body.append("primary failure: ").append(r.primary().signature()).append('\n');
            if (primary != null) {
                body.append("  at ").append(TextReport.findingLine(r.name(), primary)).append('\n');
            }
        }
        if (cut != null) {
            body.append(cut).append('\n');
        }
        for (Finding f : listed) {
            body.append(TextReport.findingLine(r.name(), f)).append('\n');
        }
        if (listed.size() < total) {
            body.append(total - listed.size()).append(" more at or above ").append(threshold.label())
                    .append(" not listed: at most ").append(settings.limit())
                    .append(" findings are listed in this report, the most severe first (--max-findings N)");
            body.append(leftOut.isEmpty() ? "" : "; left out, by kind: " + ListedFindings.byKind(leftOut))
                    .append('\n');
        }
        String message = headline + (r.primary() == null ? "" : "; primary failure: " + r.primary().signature());
        String line = primary != null && primary.line() > 0 ? " line=\"" + primary.line() + "\"" : "";
        out.println(open + line + ">");
        out.println("      <failure type=\"" + r.result().outcome().label() + "\" message=\"" + attr(message) + "\">"
                + text(body.toString()) + "</failure>");
        out.println("    </testcase>");
    }

    /** Escapes text content; characters XML 1.0 cannot carry become U+FFFD. */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xFFFE || c == 0xFFFF
                        ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
