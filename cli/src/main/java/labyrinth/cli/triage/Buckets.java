package labyrinth.cli.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import labyrinth.cli.report.Bucket;
import labyrinth.cli.report.TraceRun;
import labyrinth.replay.Severity;

/** Groups triaged traces by the signature of their primary failure. Stateless. */
public final class Buckets {
    private Buckets() {
    }

    /**
     * @param runs in input order
     * @param baseline the known signatures
     * @return buckets, most traces first, ties by signature
     */
    public static List<Bucket> of(List<TraceRun> runs, Set<String> baseline) {
        Map<String, List<TraceRun>> bySignature = new LinkedHashMap<>();
        for (TraceRun r : runs) {
            if (r.primary() != null) {
                bySignature.computeIfAbsent(r.primary().signature(), s -> new ArrayList<>()).add(r);
            }
        }
        List<Bucket> buckets = new ArrayList<>();
        bySignature.forEach((signature, members) -> {
            Severity severity = Severity.INFO;
            int exit = 0;
            for (TraceRun r : members) {
                severity = r.primary().severity().atLeast(severity) ? r.primary().severity() : severity;
                exit = Math.max(exit, r.exit());
            }
            buckets.add(new Bucket(signature, severity, members, exit, baseline.contains(signature)));
        });
        buckets.sort(Comparator.comparingInt((Bucket b) -> b.runs().size()).reversed()
                .thenComparing(Bucket::signature));
        return buckets;
    }

    /** The highest exit code of the traces, leaving out buckets the baseline knows. */
    public static int exitCode(List<TraceRun> runs, List<Bucket> buckets) {
        int exit = 0;
        for (TraceRun r : runs) {
            if (r.primary() == null) {
                exit = Math.max(exit, r.exit());
            }
        }
        for (Bucket b : buckets) {
            if (!b.known()) {
                exit = Math.max(exit, b.exit());
            }
        }
        return exit;
    }
}
