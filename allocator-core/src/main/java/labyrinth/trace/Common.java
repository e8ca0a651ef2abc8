package labyrinth.trace;

import java.util.List;
import java.util.Objects;

/**
 * The keys every event may carry, and where it stands in its file.
 *
 * @param number the event number: its {@code seq} when {@code seqGiven}, else its 0-based position
 * @param seqGiven whether the trace gave {@code seq}
 * @param line 1-based line of the event's opening brace, 0 when the event was not read from a file
 * @param column 1-based column of that brace, 0 likewise
 * @param time timestamp in ns, {@link #NO_TIME} when absent
 * @param cpu CPU, -1 when absent
 * @param ctx execution context ({@link Ctx#TASK} when absent); never null
 * @param owner who acts, null when absent
 * @param site call site, null when absent
 * @param stack call stack, innermost first, from importers that saw one; empty when absent
 */
public record Common(long number, boolean seqGiven, long line, int column, long time, int cpu, Ctx ctx,
                     String owner, String site, List<String> stack) {
    public static final long NO_TIME = Long.MIN_VALUE;

    public Common {
        Objects.requireNonNull(ctx, "ctx");
        stack = stack == null ? List.of() : List.copyOf(stack);
    }

    /** An event with no optional keys at position {@code number}, not read from a file. */
    public static Common at(long number) {
        return new Common(number, false, 0, 0, NO_TIME, -1, Ctx.TASK, null, null, List.of());
    }

    /** The same event moved to another place in a file (for round-trip comparisons). */
    public Common located(long newLine, int newColumn) {
        return new Common(number, seqGiven, newLine, newColumn, time, cpu, ctx, owner, site, stack);
    }

    public Common withOwner(String newOwner) {
        return new Common(number, seqGiven, line, column, time, cpu, ctx, newOwner, site, stack);
    }

    public Common withCtx(Ctx newCtx) {
        return new Common(number, seqGiven, line, column, time, cpu, newCtx, owner, site, stack);
    }

    public Common withSite(String newSite) {
        return new Common(number, seqGiven, line, column, time, cpu, ctx, owner, newSite, stack);
    }

    public Common numbered(long newNumber, boolean newSeqGiven) {
        return new Common(newNumber, newSeqGiven, line, column, time, cpu, ctx, owner, site, stack);
    }
}
