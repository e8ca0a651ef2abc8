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
 */
public record ReplayResult(String name, Header header, Mode mode, TraceSource.Truncation truncation,
                           List<Finding> findings, long droppedFindings, PanicVerdict panic, Summary summary,
                           Outcome outcome, List<String> warnings) {
    public ReplayResult {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
    }

    /** The findings left out of {@code findings}, by kind (the summary's counts less those kept); none: empty. */
    public Map<Kind, Long> droppedByKind() {
        Map<Kind, Long> dropped = new EnumMap<>(Kind.class);
        dropped.putAll(summary.findingsByKind());
        for (Finding f : findings) {
            dropped.merge(f.kind(), -1L, Long::sum);
        }
        dropped.values().removeIf(n -> n <= 0);
        return dropped;
    }
}
