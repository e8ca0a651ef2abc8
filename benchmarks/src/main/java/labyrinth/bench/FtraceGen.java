package labyrinth.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a kernel capture as {@code /sys/kernel/tracing/trace} prints it on Linux 6.x ({@code # tracer: nop}
 * header, five-column irq flags, {@code mm_page_alloc}/{@code mm_page_free} with a hashed {@code page=}
 * and a hex {@code pfn=}): a steady workload of page allocations and frees on a 1 GiB x86 machine, by a
 * few tasks on four CPUs, mostly order 0. Every free frees a block that is allocated, and every
 * allocation takes a block that is free, so {@code labyrinth replay} reads it without errors. The same
 * arguments always give the same file (fixed seed), so runs can be compared.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar labyrinth.bench.FtraceGen OUT LINES}
 * ({@code benchmarks/gen-ftrace.sh} does).
 */
public final class FtraceGen {
    /** Order-0 pages come from here: above the 16 MiB DMA zone, below the high-order region. */
    private static final int SMALL_FROM = 0x8000;
    private static final int SMALL_TO = 0x30000;
    /** Blocks of order 1 to 3, one per aligned 8-page slot, come from here; 1 GiB ends at 0x40000. */
    private static final int LARGE_FROM = 0x30000;
    private static final int LARGE_TO = 0x3f000;
    private static final int SLOT = 8;
    /** Live blocks the workload hovers around. */
    private static final int TARGET_LIVE = 30_000;

    /** A task as ftrace prints it (comm, pid), its CPU, irq-flags column and allocation flags. */
    private record Task(String comm, int pid, int cpu, String flags, String[] gfp, int[] migratetype) {
    }

    private static final Task[] TASKS = {
        new Task("bash", 1977, 0, ".....", new String[] {"GFP_KERNEL"}, new int[] {0}),
        new Task("java", 3021, 1, ".....", new String[] {"GFP_HIGHUSER_MOVABLE|__GFP_ZERO", "GFP_KERNEL_ACCOUNT"},
                new int[] {1, 0}),
        new Task("kworker/u8:2", 211, 2, ".....", new String[] {"GFP_KERNEL", "GFP_NOFS"}, new int[] {0, 0}),
        new Task("systemd-journal", 412, 3, ".....", new String[] {"GFP_HIGHUSER_MOVABLE"}, new int[] {1}),
        new Task("<idle>", 0, 1, "..s1.", new String[] {"GFP_ATOMIC|__GFP_NOWARN"}, new int[] {0}),
        new Task("kswapd0", 89, 2, "d..1.", new String[] {"GFP_NOWAIT|__GFP_NOWARN"}, new int[] {0}),
        new Task("sshd", 1204, 3, ".....", new String[] {"GFP_KERNEL|__GFP_COMP|__GFP_ZERO"}, new int[] {0}),
        new Task("gnome-shell", 1567, 0, ".....", new String[] {"GFP_HIGHUSER_MOVABLE|__GFP_ZERO"}, new int[] {1}),
    };

    private FtraceGen() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FtraceGen OUT LINES");
            System.exit(2);
        }
        long lines = Long.parseLong(args[1]);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])), 1 << 16)) {
            write(out, lines);
        }
    }

    static void write(OutputStream out, long lines) throws IOException {
        SplittableRandom rnd = new SplittableRandom(21);
        out.write(HEADER.formatted(lines + "/" + lines).getBytes(StandardCharsets.US_ASCII));
        // free order-0 pages as a shuffled stack, free high-order slots likewise
        int[] small = shuffled(SMALL_FROM, SMALL_TO, 1, rnd);
        int smallFree = small.length;
        int[] large = shuffled(LARGE_FROM, LARGE_TO, SLOT, rnd);
        int largeFree = large.length;
        // live blocks: pfn and order, removed by swapping with the last
        int[] livePfn = new int[small.length + large.length];
        byte[] liveOrder = new byte[livePfn.length];
        byte[] liveTask = new byte[livePfn.length];
        int live = 0;
        long micros = 100_000_000L; // 100 s after boot
        StringBuilder sb = new StringBuilder(160);
        byte[] bytes = new byte[256];
        for (long n = 0; n < lines; n++) {
            micros += 1 + rnd.nextInt(3);
            int task = rnd.nextInt(TASKS.length);
            // allocate more often below the target, free more often above it
            boolean alloc = live == 0 || rnd.nextInt(2 * TARGET_LIVE) >= live;
            int order = 0;
            if (alloc) {
                int r = rnd.nextInt(100);
                order = r < 90 ? 0 : r < 96 ? 1 : r < 99 ? 2 : 3;
                if (order == 0 ? smallFree == 0 : largeFree == 0) {
                    alloc = false;
                }
            }
            sb.setLength(0);
            int pfn;
            if (alloc) {
                pfn = order == 0 ? small[--smallFree] : large[--largeFree];
                livePfn[live] = pfn;
                liveOrder[live] = (byte) order;
                liveTask[live++] = (byte) task;
                Task t = TASKS[task];
                int g = rnd.nextInt(t.gfp.length);
                prefix(sb, t, micros).append("mm_page_alloc: page=");
                page(sb, pfn).append(" pfn=0x").append(Integer.toHexString(pfn)).append(" order=").append(order)
                        .append(" migratetype=").append(t.migratetype[g]).append(" gfp_flags=").append(t.gfp[g]);
                if (order > 0 && !t.gfp[g].contains("__GFP_COMP")) {
                    sb.append("|__GFP_COMP");
                }
            } else {
                int k = rnd.nextInt(live);
                pfn = livePfn[k];
                order = liveOrder[k];
                // the task that allocated a block frees it (another task's free is a finding of its own)
                Task t = TASKS[liveTask[k]];
                livePfn[k] = livePfn[--live];
                liveOrder[k] = liveOrder[live];
                liveTask[k] = liveTask[live];
                if (order == 0) {
                    small[smallFree++] = pfn;
                } else {
                    large[largeFree++] = pfn;
                }
                prefix(sb, t, micros).append("mm_page_free: page=");
                page(sb, pfn).append(" pfn=0x").append(Integer.toHexString(pfn)).append(" order=").append(order);
            }
            sb.append('\n');
            int len = sb.length();
            for (int i = 0; i < len; i++) {
                bytes[i] = (byte) sb.charAt(i);
            }
            out.write(bytes, 0, len);
        }
    }

    private static StringBuilder prefix(StringBuilder sb, Task t, long micros) {
        // "%16s-%-7d [%03d] " as the kernel pads task, pid and CPU
        for (int i = t.comm.length(); i < 16; i++) {
            sb.append(' ');
        }
        String pid = Integer.toString(t.pid);
        sb.append(t.comm).append('-').append(pid);
        for (int i = pid.length(); i < 7; i++) {
            sb.append(' ');
        }
        sb.append(" [00").append(t.cpu).append("] ").append(t.flags).append(' ');
        String secs = Long.toString(micros / 1_000_000);
        for (int i = secs.length(); i < 5; i++) {
            sb.append(' ');
        }
        String frac = Long.toString(micros % 1_000_000);
        sb.append(secs).append('.');
        for (int i = frac.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(frac).append(": ");
    }

    /** {@code %p} as the kernel prints it: a hashed pointer, 16 hex digits, the same for the same page. */
    private static StringBuilder page(StringBuilder sb, int pfn) {
        String h = Long.toHexString((pfn * 0x9E3779B97F4A7C15L) >>> 32);
        for (int i = h.length(); i < 16; i++) {
            sb.append('0');
        }
        return sb.append(h);
    }

    private static int[] shuffled(int from, int to, int step, SplittableRandom rnd) {
        int[] a = new int[(to - from) / step];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i * step;
        }
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
        return a;
    }

    private static final String HEADER = """
            # tracer: nop
            #
            # entries-in-buffer/entries-written: %s   #P:4
            #
            #                                _-----=> irqs-off/BH-disabled
            #                               / _----=> need-resched
            #                              | / _---=> hardirq/softirq
            #                              || / _--=> preempt-depth
            #                              ||| / _-=> migrate-disable
            #                              |||| /     delay
            #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
            #              | |         |   |||||     |         |
            """;
}
