package labyrinth.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labyrinth.format.TraceFiles;
import labyrinth.replay.Replayer;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.trace.ColumnSource;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.TraceSource;

/**
 * The replay engine alone: the trace's events are read into memory once, then replayed ROUNDS
 * times from there, so no reading is timed. Prints the median seconds, nanoseconds an event and
 * events per second (issue 21's warm engine-only rate). A binary trace is held as the batches of
 * columns its reader decodes, and replayed from them as {@code labyrinth replay} replays it; any
 * other trace is held as events. Needs a heap that holds them (about 150 bytes an event as
 * objects, 100 as columns: {@code -Xmx3g} for 2 M events).
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
        List<EventColumns> batches = new ArrayList<>();
        long count = 0;
        Header header;
        try (TraceSource s = TraceFiles.open(trace, trace.toString())) {
            header = s.header();
            if (s instanceof ColumnSource columns) {
                for (EventColumns b = new EventColumns(); columns.fill(b); b = new EventColumns()) {
                    batches.add(b);
                    count += b.size();
                }
            } else {
                for (Event e = s.next(); e != null; e = s.next()) {
                    events.add(e);
                }
                count = events.size();
            }
        }
        double[] t = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            if (batches.isEmpty()) {
                Replays.run(new ListSource(trace.toString(), header, events), null, Severity.ERROR, Long.MAX_VALUE,
                        10000);
            } else {
                replayColumns(header, batches);
            }
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        double m = Passes.median(t);
        System.out.printf("engine %.3f s  %.0f ns/event  %.2f M events/s  (%d events%s, median of %d)%n", m,
                m * 1e9 / count, count / m / 1e6, count, batches.isEmpty() ? "" : " as columns", rounds);
    }

    /** What {@code Replays.run} does with a source of columns, from the batches in memory. */
    private static void replayColumns(Header header, List<EventColumns> batches) {
        Replayer r = new Replayer(header, Replayer.defaultMode(header.scope()), Long.MAX_VALUE, f -> {
        });
        for (EventColumns b : batches) {
            for (int i = 0; i < b.size(); i++) {
                r.apply(b, i);
            }
        }
        r.finish();
    }
}
