package labyrinth.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labyrinth.format.TraceFiles;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.trace.Event;
import labyrinth.trace.ReadAhead;
import labyrinth.trace.TraceSource;

/**
 * Warm, in-process passes over one trace, alternating so noise hits each alike: the floor (a plain
 * Jackson token pass, {@link TokenSkim}), the values pass (every token's value decoded, {@link
 * ValuePass}: issue 21's peer for the JSON replay), the reader alone (every event built, nothing replayed), the
 * full replay on one thread ({@code Replays.run}) and the same with the reader a batch ahead on a
 * second thread ({@link ReadAhead}, what {@code labyrinth replay} does before writing its report).
 * Prints each pass's median seconds, events per second and the ratios to the floor and to the values pass.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar labyrinth.bench.Passes TRACE [ROUNDS]}.
 * A binary trace has no floor (Jackson cannot read it): pass {@code --no-floor}.
 */
public final class Passes {
    private Passes() {
    }

    public static void main(String[] args) throws Exception {
        boolean floor = true;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--no-floor")) {
                floor = false;
            } else {
                rest.add(a);
            }
        }
        Path trace = Path.of(rest.get(0));
        int rounds = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 5;
        double[] f = new double[rounds];
        double[] v = new double[rounds];
        double[] r = new double[rounds];
        double[] p = new double[rounds];
        double[] a = new double[rounds];
        long events = 0;
        for (int i = 0; i < rounds; i++) {
            if (floor) {
                long t0 = System.nanoTime();
                TokenSkim.pass(trace);
                f[i] = (System.nanoTime() - t0) / 1e9;
                long t2 = System.nanoTime();
                ValuePass.pass(trace);
                v[i] = (System.nanoTime() - t2) / 1e9;
            }
            long t1 = System.nanoTime();
            events = readOnly(trace);
            r[i] = (System.nanoTime() - t1) / 1e9;
            p[i] = replay(trace, false);
            a[i] = replay(trace, true);
            System.err.printf("round %d: floor %.3f s, values %.3f s, read %.3f s, replay %.3f s, read ahead %.3f s%n",
                    i + 1, f[i], v[i], r[i], p[i], a[i]);
        }
        double mf = median(f);
        double mv = median(v);
        double mr = median(r);
        double mp = median(p);
        double ma = median(a);
        System.out.printf("events %d%n", events);
        if (floor) {
            System.out.printf("floor  %.3f s%n", mf);
            System.out.printf("values %.3f s  ratio %.2f%n", mv, mv / mf);
        }
        System.out.printf("read   %.3f s  %.2f M events/s%s%n", mr, events / mr / 1e6, ratios(floor, mr, mf, mv));
        System.out.printf("replay %.3f s  %.2f M events/s%s  (one thread)%n", mp, events / mp / 1e6,
                ratios(floor, mp, mf, mv));
        System.out.printf("replay %.3f s  %.2f M events/s%s  (read ahead)%n", ma, events / ma / 1e6,
                ratios(floor, ma, mf, mv));
    }

    /** A pass's ratios to the floor and to the values pass, when there are peers to compare with. */
    private static String ratios(boolean floor, double pass, double mf, double mv) {
        return floor ? String.format("  ratio %.2f, to values %.2f", pass / mf, pass / mv) : "";
    }

    /** Seconds of one replay, what {@code labyrinth replay} does before its report. */
    static double replay(Path trace, boolean readAhead) throws Exception {
        long t0 = System.nanoTime();
        TraceSource opened = TraceFiles.open(trace, trace.toString());
        try (TraceSource s = readAhead ? ReadAhead.of(opened) : opened) {
            Replays.run(s, null, Severity.ERROR, Long.MAX_VALUE, 10000);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static long readOnly(Path trace) throws Exception {
        long n = 0;
        try (TraceSource s = TraceFiles.open(trace, trace.toString())) {
            for (Event e = s.next(); e != null; e = s.next()) {
                n++;
            }
        }
        return n;
    }

    static double median(double[] xs) {
        double[] c = xs.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }
}
