package labyrinth.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Alloc/free pairs per second on a 4 GiB machine (1 Mi pages of 4 KiB, maxOrder 10, default
 * watermarks). MemInfo is kept partly full and fragmented so the lowest-block search is realistic:
 * random blocks of order 0..3 fill about half the machine and every other one is freed again;
 * then a FIFO ring of 32 Ki live blocks is kept, each operation allocating a new block and freeing
 * the oldest one. Orders of the mixed benchmark are pre-generated so no random number is drawn in
 * the measured loop.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AllocatorBenchmark}. Not thread-safe
 * state: one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AllocatorBenchmark {
    private static final long PAGES = 1L << 20;
    private static final int RING = 1 << 15;
    private static final int ORDERS = 1 << 16;

    private Allocator allocator;
    private final long[] ringPfn = new long[RING];
    private final int[] ringOrder = new int[RING];
    private int head;
    private final int[] orders = new int[ORDERS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new Allocator(Machine.ofPages(PAGES));
        SplittableRandom random = new SplittableRandom(42);
        long[] background = new long[(int) (PAGES / 2)];
        int[] backgroundOrder = new int[background.length];
        int n = 0;
        while (allocator.freePages() > PAGES / 2) {
            int order = random.nextInt(4);
            backgroundOrder[n] = order;
            background[n++] = checked(allocator.allocate(order, Gfp.GFP_KERNEL));
        }
        for (int i = 0; i < n; i += 2) {
            allocator.free(background[i], backgroundOrder[i]);
        }
        for (int i = 0; i < ORDERS; i++) {
            orders[i] = random.nextInt(4);
        }
        for (int i = 0; i < RING; i++) {
            ringOrder[i] = orders[i];
            ringPfn[i] = checked(allocator.allocate(orders[i], Gfp.GFP_KERNEL));
        }
    }

    private static long checked(long pfn) {
        if (pfn < 0) {
            throw new IllegalStateException("benchmark machine ran out of memory: " + pfn);
        }
        return pfn;
    }

    /** One order-0 allocation and one free of the oldest live block (mixed orders from set-up). */
    @Benchmark
    public long order0AllocFreePair() {
        return pair(0);
    }

    /** One allocation of a pre-generated order 0..3 and one free of the oldest live block. */
    @Benchmark
    public long mixedOrderAllocFreePair() {
        int order = orders[next];
        next = (next + 1) & (ORDERS - 1);
        return pair(order);
    }

    private long pair(int order) {
        long pfn = allocator.allocate(order, Gfp.GFP_KERNEL);
        if (pfn < 0) {
            throw new IllegalStateException("allocation failed: " + pfn);
        }
        int h = head;
        allocator.free(ringPfn[h], ringOrder[h]);
        ringPfn[h] = pfn;
        ringOrder[h] = order;
        head = (h + 1) & (RING - 1);
        return pfn; // returned so JMH consumes it
    }
}
