package labyrinth.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labyrinth.format.TraceFiles;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.TraceSource;

/**
 * The replay engine alone: the trace's events are read into memory once, then replayed ROUNDS
 * times from there, so no reading is timed. Prints the median seconds, nanoseconds an event and
 * events per second (issue 21's warm engine-only rate).
 * Needs a heap that holds the events (about 150 bytes each: {@code -Xmx3g} for 2 M events).
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar labyrinth.bench.Engine TRACE [ROUNDS]}.
 */
public final class Engine {
    private Engine() {
    }

    public static void main(String[] args) throws Exception {
        Path trace = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        List<Event> events = new ArrayList<>();
        Header header;
        try (TraceSource s = TraceFiles.open(trace, trace.toString())) {
            header = s.header();
            for (Event e = s.next(); e != null; e = s.next()) {
                events.add(e);
            }
        }
        double[] t = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            Replays.run(new ListSource(trace.toString(), header, events), null, Severity.ERROR, Long.MAX_VALUE, 10000);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        double m = Passes.median(t);
        System.out.printf("engine %.3f s  %.0f ns/event  %.2f M events/s  (%d events, median of %d)%n", m,
                m * 1e9 / events.size(), events.size() / m / 1e6, events.size(), rounds);
    }
}
