package labyrinth.cli.report;

import java.io.PrintWriter;
import java.util.List;
import labyrinth.cli.triage.TraceRun;
import labyrinth.replay.Finding;
import labyrinth.replay.Severity;

/**
 * JUnit XML (the Jenkins xUnit "JUnit 10" shape): one test suite, one test case per trace, failed
 * when its replay would exit 1 or 4 (findings at or above {@code --fail-on}, not reproduced, or
 * cut short), with those findings as compiler-style lines; an unreadable trace is an error. A cut
 * trace that passes ({@code --allow-truncated}) says so in its {@code system-err}. No times or host
 * names, so the same traces give the same bytes. Stateless.
 */
public final class JunitReport {
    private JunitReport() {
    }

    /**
     * @param suite the command, as the suite's name: {@code replay} or {@code triage}
     * @param failOn null for never
     */
    public static void write(List<TraceRun> runs, String suite, Severity failOn, PrintWriter out) {
        long errors = runs.stream().filter(TraceRun::unreadable).count();
        long failures = runs.stream().filter(r -> !r.unreadable() && r.exit() != 0).count();
        String counts = " tests=\"" + runs.size() + "\" failures=\"" + failures + "\" errors=\"" + errors + "\"";
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<testsuites name=\"labyrinth\"" + counts + ">");
        out.println("  <testsuite name=\"labyrinth " + suite + "\"" + counts + " skipped=\"0\">");
        for (TraceRun r : runs) {
            testCase(r, suite, failOn == null ? Severity.ERROR : failOn, out);
        }
        out.println("  </testsuite>");
        out.println("</testsuites>");
    }

    private static void testCase(TraceRun r, String suite, Severity threshold, PrintWriter out) {
        String open = "    <testcase name=\"" + attr(r.name()) + "\" classname=\"labyrinth." + suite + "\"";
        if (r.unreadable()) {
            out.println(open + ">");
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
        StringBuilder lines = new StringBuilder();
        if (cut != null) {
            lines.append(cut).append('\n');
        }
        int shown = 0;
        for (Finding f : r.result().findings()) {
            if (f.severity().atLeast(threshold)) {
                lines.append(TextReport.findingLine(r.name(), f)).append('\n');
                shown++;
            }
        }
        String message = r.result().outcome().label() + ": "
                + (r.result().truncation() == null ? "" : r.result().truncation().describe() + "; ") + shown + (shown == 1 ? " finding" : " findings")
                + " at or above " + threshold.label()
                + (r.primary() == null ? "" : "; primary failure: " + r.primary().signature());
        out.println(open + ">");
        out.println("      <failure type=\"" + r.result().outcome().label() + "\" message=\"" + attr(message) + "\">"
                + text(lines.toString()) + "</failure>");
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
