package labyrinth.cli.report;

import java.io.PrintWriter;
import java.util.List;
import labyrinth.replay.Finding;

/**
 * The human triage report: one block per bucket (traces, severity, signature, an example pointing
 * into a trace), most traces first, then one summary line (with the files skipped as not traces).
 * Stateless.
 */
public final class TriageText {
    private TriageText() {
    }

    /** @param skipped files in the folders searched that were not traces */
    public static void write(List<TraceRun> runs, List<Bucket> buckets, int skipped, PrintWriter out) {
        write(runs, buckets, skipped, out, Colors.NONE);
    }

    /** The report, its severity words in {@code colors}. */
    public static void write(List<TraceRun> runs, List<Bucket> buckets, int skipped, PrintWriter out,
                             Colors colors) {
        for (Bucket b : buckets) {
            String severity = colors.severity(b.severity(),
                    String.format(java.util.Locale.ROOT, "%-7s", b.severity().label()));
            out.printf(java.util.Locale.ROOT, "%4d  %s  %s%s%n", b.runs().size(), severity, b.signature(),
                    b.known() ? "  (known)" : "");
            out.println("      example: " + example(b.example()));
        }
        if (!buckets.isEmpty()) {
            out.println();
        }
        out.println(summary(runs, buckets, skipped));
    }

    /** {@code FILE:LINE:COL: message} of the run's primary failure, its reading error, or where it was cut. */
    static String example(TraceRun r) {
        if (r.unreadable()) {
            return r.error();
        }
        Finding f = r.primary().finding();
        if (f == null) {
            return r.name() + ": " + TextReport.truncationMessage(r.result());
        }
        StringBuilder sb = new StringBuilder(r.name());
        if (f.line() > 0) {
            sb.append(':').append(f.line()).append(':').append(f.column());
        }
        return sb.append(": ").append(f.message()).toString();
    }

    static String summary(List<TraceRun> runs, List<Bucket> buckets, int skipped) {
        int failed = 0;
        int known = 0;
        for (Bucket b : buckets) {
            failed += b.runs().size();
            known += b.known() ? 1 : 0;
        }
        return plural(runs.size(), "trace") + ": " + failed + " failed in " + plural(buckets.size(), "bucket")
                + (known > 0 ? " (" + known + " known, " + (buckets.size() - known) + " new)" : "") + ", "
                + (runs.size() - failed) + " clean"
                + (skipped == 0 ? "" : "; " + plural(skipped, "other file") + " skipped, not "
                        + (skipped == 1 ? "a trace" : "traces"));
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
