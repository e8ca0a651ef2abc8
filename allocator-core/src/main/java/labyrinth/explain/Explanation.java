package labyrinth.explain;

import java.util.List;
import labyrinth.core.FailureReason;

/**
 * What the model makes of one failure report. Immutable; lists are copied.
 *
 * @param reason why it fails; null unless the verdict is {@link Verdict#FAILS}
 * @param zones every printed zone: the checked ones first, in the order the request tries them
 *     (node by node), then the others
 * @param pagesShort for a {@code watermark} failure, the fewest free pages a zone lacked to pass;
 *     else -1
 * @param taken the verdict in words: what it would have taken, or where the model serves it, or
 *     why nothing was decided
 * @param notes what the model leaves out that the report shows, and how the report was read
 */
public record Explanation(FailureReport report, Verdict verdict, FailureReason reason, List<ZoneResult> zones,
                          long pagesShort, String taken, List<String> notes) {
    public Explanation {
        zones = List.copyOf(zones);
        notes = List.copyOf(notes);
    }
}
