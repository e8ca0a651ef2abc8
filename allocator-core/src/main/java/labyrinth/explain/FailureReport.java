package labyrinth.explain;

import java.util.List;
import labyrinth.trace.Context;

/**
 * One "page allocation failure" report as a kernel log prints it ({@code warn_alloc} and the
 * Mem-Info of {@code show_mem}), read into numbers. Immutable; lists are copied.
 *
 * @param line the 1-based log line of the report's first line
 * @param task the task named before ": page allocation failure"
 * @param mode the printed mask with its names: {@code 0xc0c40(GFP_NOFS|__GFP_COMP|__GFP_NOMEMALLOC)}
 * @param kernel the kernel version the log names ({@code 6.19.0-rc5}), or null
 * @param context {@code hardirq} when the call trace shows {@code <IRQ>}, {@code softirq} for
 *     {@code <SOFTIRQ>}, {@code nmi} for {@code <NMI>}, else {@code task}
 * @param nodemask {@code nodemask=}, or null when not printed
 * @param cpuset {@code cpuset=}, or null
 * @param memsAllowed {@code mems_allowed=}, or null
 * @param pageSize bytes per page, from the buddy lines ({@code N*4kB} at order 0) or 4096
 * @param zones every zone printed, in order
 * @param problems parts of the report that could not be read, in words (empty when whole)
 */
public record FailureReport(long line, String task, int order, String mode, GfpReading gfp, String kernel,
                            Context context, String nodemask, String cpuset, String memsAllowed, int pageSize,
                            List<PrintedZone> zones, List<String> problems) {
    public FailureReport {
        zones = List.copyOf(zones);
        problems = List.copyOf(problems);
    }
}
