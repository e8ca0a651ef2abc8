package labyrinth.replay;

import java.util.List;
import labyrinth.trace.Context;

/**
 * One thing the replay found. Immutable.
 *
 * @param event the event's number ({@code seq}, else position)
 * @param line 1-based line of the event in its file, 0 when not from a file
 * @param column 1-based column, 0 likewise
 * @param pfn the page concerned, or -1 (a failed allocation, or none)
 * @param order the block order, or -1 when none applies
 * @param gfp the allocation's mask, or -1 when not an allocation finding
 * @param owner the acting owner, may be null
 * @param ctx the event's context, may be null for end-of-trace findings
 * @param site may be null
 * @param reason for {@code alloc-failure}, why it failed; else null
 * @param memory the snapshot for failures and pressure points, else null
 */
public record Finding(FindingKind kind, Severity severity, long event, long line, int column, long pfn,
                      int order, long gfp, String owner, Context ctx, String site, FailureCause reason,
                      String message, List<Related> related, MemInfo memory) {
    public Finding {
        related = related == null ? List.of() : List.copyOf(related);
    }
}
