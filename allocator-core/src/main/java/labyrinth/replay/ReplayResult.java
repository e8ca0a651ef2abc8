package labyrinth.replay;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import labyrinth.trace.Header;
import labyrinth.trace.TraceSource;

/**
 * Everything one replay produced, for reports. Immutable.
 *
 * @param name the trace as the user named it
 * @param truncation how the trace was cut short, or null
 * @param findings in event order (stable: findings of one event in the order they were found);
 *     at most the {@code --max-findings} limit besides the panic and the alloc-failures
 * @param droppedFindings findings left out of {@code findings} by that limit
 * @param panic the panic verdict, or null
 * @param warnings what the reader noticed without rejecting the trace (e.g. an importer's skipped lines)
 * @param findingsBySeverity every finding of the replay counted by severity, the dropped ones included
 *     (reports say how many findings are at or above {@code --fail-on}, not how many were kept)
 */
public record ReplayResult(String name, Header header, Mode mode, TraceSource.Truncation truncation,
                           List<Finding> findings, long droppedFindings, PanicVerdict panic, Summary summary,
                           Outcome outcome, List<String> warnings, Map<Severity, Long> findingsBySeverity) {
    public ReplayResult {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
        findingsBySeverity = Map.copyOf(findingsBySeverity);
    }

    /** A result that kept every finding it had: the counts by severity are those of {@code findings}. */
    public ReplayResult(String name, Header header, Mode mode, TraceSource.Truncation truncation,
                        List<Finding> findings, long droppedFindings, PanicVerdict panic, Summary summary,
                        Outcome outcome, List<String> warnings) {
        this(name, header, mode, truncation, findings, droppedFindings, panic, summary, outcome, warnings,
                countBySeverity(findings));
    }

    /** How many findings, kept or dropped, are at least {@code min}. */
    public long countAtLeast(Severity min) {
        long n = 0;
        for (Map.Entry<Severity, Long> e : findingsBySeverity.entrySet()) {
            if (e.getKey().atLeast(min)) {
                n += e.getValue();
            }
        }
        return n;
    }

    static Map<Severity, Long> countBySeverity(List<Finding> findings) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Finding f : findings) {
            counts.merge(f.severity(), 1L, Long::sum);
        }
        return counts;
    }

    /** The findings left out of {@code findings}, by kind (the summary's counts less those kept); none: empty. */
    public Map<FindingKind, Long> droppedByKind() {
        Map<FindingKind, Long> dropped = new EnumMap<>(FindingKind.class);
        dropped.putAll(summary.findingsByKind());
        for (Finding f : findings) {
            dropped.merge(f.kind(), -1L, Long::sum);
        }
        dropped.values().removeIf(n -> n <= 0);
        return dropped;
    }
}
