package labyrinth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labyrinth.core.Allocator;
import labyrinth.gen.Scenario;
import labyrinth.gen.Scenarios;
import labyrinth.replay.Mode;
import labyrinth.replay.Replayer;
import labyrinth.replay.Summary;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Header;
import labyrinth.trace.StringTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replay engine alone (issue 21): nanoseconds an event for a whole replay of {@value #EVENTS}
 * events of {@code gen steady} (seed 1: a 1 GiB machine, pages spread over all of it), held in
 * memory, so no reading is timed. {@code path=columns} replays them from fixed batches of
 * {@link EventColumns}, as {@code labyrinth replay} does with a binary trace; {@code path=events}
 * replays the same events as objects, as from a JSON trace.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EngineBenchmark}. Not thread-safe
 * state: one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@OperationsPerInvocation(EngineBenchmark.EVENTS)
public class EngineBenchmark {
    static final int EVENTS = 2_000_000;

    @Param({"columns", "events"})
    public String path;

    private Header header;
    private final List<Event> events = new ArrayList<>();
    private final List<EventColumns> batches = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        Scenario steady = Scenarios.byName("steady").orElseThrow();
        header = steady.header(1, EVENTS);
        steady.generate(1, EVENTS, events::add);
        if (path.equals("columns")) {
            StringTable strings = new StringTable();
            EventColumns b = null;
            for (Event e : events) {
                if (b == null || b.full()) {
                    b = new EventColumns();
                    b.clear(strings);
                    batches.add(b);
                }
                b.add(e);
            }
            events.clear();
        }
    }

    /** One replay of every event, without its leak report; the summary is returned so JMH consumes it. */
    @Benchmark
    public Summary replay() {
        Replayer r = new Replayer(header, Mode.SIMULATE, Allocator.DEFAULT_MAX_PAGES, f -> {
        });
        if (path.equals("columns")) {
            for (EventColumns b : batches) {
                for (int i = 0; i < b.size(); i++) {
                    r.apply(b, i);
                }
            }
        } else {
            for (Event e : events) {
                r.apply(e);
            }
        }
        return r.summary();
    }
}
