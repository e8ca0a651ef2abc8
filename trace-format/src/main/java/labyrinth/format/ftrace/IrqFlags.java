package labyrinth.format.ftrace;

import labyrinth.trace.Context;

/** The irq-flags column of ftrace's latency format ({@code d..1}, {@code dNs2.}) and what it says of context. Stateless. */
final class IrqFlags {
    private IrqFlags() {
    }

    /** Whether {@code s[b, e)} (4 or 5 characters) can be an irq-flags column. */
    static boolean isFlags(String s, int b, int e) {
        for (int k = b; k < e; k++) {
            if (!isFlag(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** One of {@code .dDXbBNnpLlZzHhs} or a hex digit (lower case). */
    private static boolean isFlag(char c) {
        return switch (c) {
            case '.', 'd', 'D', 'X', 'b', 'B', 'N', 'n', 'p', 'L', 'l', 'Z', 'z', 'H', 'h', 's',
                    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'c', 'e', 'f' -> true;
            default -> false;
        };
    }

    /**
     * The context of an ftrace irq-flags column ({@code d..1}, {@code dNs2.}): column 1 irqs-off
     * ({@code d} irqs off, {@code D} irqs and bottom halves off, {@code b} bottom halves off,
     * {@code X} not supported, {@code .}), column 2 need-resched ({@code N n p L B ...}, no
     * bearing on context), column 3 hard/soft irq ({@code Z} NMI in hardirq, {@code z} NMI,
     * {@code H} hardirq in softirq, {@code h} hardirq, {@code s} softirq), column 4 preempt depth
     * (hex digit or {@code .}), column 5 (kernels 5.13+) migrate-disable depth (no bearing: a task
     * with migration disabled may still sleep). NMI, then hardirq, then softirq win; otherwise
     * irqs or bottom halves off, or a preempt depth above {@code preemptOffset}, mean atomic.
     *
     * @param flags the column, or null when the layout has none: {@link Context#TASK}
     */
    static Context ctxOf(String flags, int preemptOffset) {
        if (flags == null) {
            return Context.TASK;
        }
        char irq = flags.charAt(2);
        if (irq == 'Z' || irq == 'z') {
            return Context.NMI;
        }
        if (irq == 'H' || irq == 'h') {
            return Context.HARDIRQ;
        }
        if (irq == 's') {
            return Context.SOFTIRQ;
        }
        char off = flags.charAt(0);
        if (off == 'd' || off == 'D' || off == 'b') {
            return Context.ATOMIC;
        }
        return preemptDepth(flags) > preemptOffset ? Context.ATOMIC : Context.TASK;
    }

    /** The flags column's preempt depth (column 4), 0 for {@code .}. */
    static int preemptDepth(String flags) {
        int d = Character.digit(flags.charAt(3), 16);
        return Math.max(d, 0);
    }
}
