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
 * @param ctx execution context ({@link Context#TASK} when absent); never null
 * @param owner who acts, null when absent
 * @param site call site, null when absent
 * @param stack call stack, innermost first, from importers that saw one; empty when absent
 */
public record CommonFields(long number, boolean seqGiven, long line, int column, long time, int cpu, Context ctx,
                     String owner, String site, List<String> stack) {
    public static final long NO_TIME = Long.MIN_VALUE;

    public CommonFields {
        Objects.requireNonNull(ctx, "ctx");
        stack = stack == null ? List.of() : List.copyOf(stack);
    }

    /** An event with no optional keys at position {@code number}, not read from a file. */
    public static CommonFields at(long number) {
        return new CommonFields(number, false, 0, 0, NO_TIME, -1, Context.TASK, null, null, List.of());
    }

    /** The same event moved to another place in a file (for round-trip comparisons). */
    public CommonFields located(long newLine, int newColumn) {
        return new CommonFields(number, seqGiven, newLine, newColumn, time, cpu, ctx, owner, site, stack);
    }

    public CommonFields withOwner(String newOwner) {
        return new CommonFields(number, seqGiven, line, column, time, cpu, ctx, newOwner, site, stack);
    }

    public CommonFields withCtx(Context newCtx) {
        return new CommonFields(number, seqGiven, line, column, time, cpu, newCtx, owner, site, stack);
    }

    public CommonFields withSite(String newSite) {
        return new CommonFields(number, seqGiven, line, column, time, cpu, ctx, owner, newSite, stack);
    }

    public CommonFields numbered(long newNumber, boolean newSeqGiven) {
        return new CommonFields(newNumber, newSeqGiven, line, column, time, cpu, ctx, owner, site, stack);
    }
}
