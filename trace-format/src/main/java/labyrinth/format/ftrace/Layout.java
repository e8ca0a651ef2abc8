package labyrinth.format.ftrace;

/** The text layouts of kernel trace lines the importer recognises. */
public enum Layout {
    /**
     * {@code comm-pid [cpu] flags timestamp: event: fields} from {@code /sys/kernel/tracing/trace}
     * and {@code trace-cmd report} (padded event names), with a 4- or 5-character flags column or
     * none (before 2.6.37; old {@code perf trace}), optionally with a {@code (tgid)} column.
     */
    FTRACE,
    /** {@code perf script}: {@code comm pid [cpu] secs: sys:event: fields} and callchain lines. */
    PERF_SCRIPT,
    /** function_graph tracer: {@code cpu) duration | /* event: fields *\/}. */
    FUNCTION_GRAPH,
    /** An event with no prefix: {@code mm_page_alloc: fields}. */
    BARE
}
