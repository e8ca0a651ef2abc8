package labyrinth.replay;

import java.util.List;
import labyrinth.trace.Header;
import labyrinth.trace.TraceSource;

/**
 * Everything one replay produced, for reports. Immutable.
 *
 * @param name the trace as the user named it
 * @param truncation how the trace was cut short, or null
 * @param findings in event order (stable: findings of one event in the order they were found);
 *     at most the {@code --max-findings} limit
 * @param droppedFindings findings left out of {@code findings} by that limit
 * @param panic the panic verdict, or null
 */
public record ReplayResult(String name, Header header, Mode mode, TraceSource.Truncation truncation,
                           List<Finding> findings, long droppedFindings, PanicVerdict panic, Summary summary,
                           Outcome outcome) {
    public ReplayResult {
        findings = List.copyOf(findings);
    }
}
