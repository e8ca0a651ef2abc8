package labyrinth.cli.triage;

import java.io.PrintWriter;
import java.util.List;
import labyrinth.replay.Finding;

/**
 * The human triage report: one block per bucket (traces, severity, signature, an example pointing
 * into a trace), most traces first, then one summary line. Stateless.
 */
public final class TriageText {
    private TriageText() {
    }

    public static void write(List<TraceRun> runs, List<Bucket> buckets, PrintWriter out) {
        for (Bucket b : buckets) {
            out.printf("%4d  %-7s  %s%s%n", b.runs().size(), b.severity().label(), b.signature(),
                    b.known() ? "  (known)" : "");
            out.println("      example: " + example(b.example()));
        }
        if (!buckets.isEmpty()) {
            out.println();
        }
        out.println(summary(runs, buckets));
    }

    /** {@code FILE:LINE:COL: message} of the run's primary failure, or its reading error. */
    public static String example(TraceRun r) {
        if (r.unreadable()) {
            return r.error();
        }
        Finding f = r.primary().finding();
        StringBuilder sb = new StringBuilder(r.name());
        if (f.line() > 0) {
            sb.append(':').append(f.line()).append(':').append(f.column());
        }
        return sb.append(": ").append(f.message()).toString();
    }

    static String summary(List<TraceRun> runs, List<Bucket> buckets) {
        int failed = 0;
        int known = 0;
        for (Bucket b : buckets) {
            failed += b.runs().size();
            known += b.known() ? 1 : 0;
        }
        return plural(runs.size(), "trace") + ": " + failed + " failed in " + plural(buckets.size(), "bucket")
                + (known > 0 ? " (" + known + " known, " + (buckets.size() - known) + " new)" : "") + ", "
                + (runs.size() - failed) + " clean";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
