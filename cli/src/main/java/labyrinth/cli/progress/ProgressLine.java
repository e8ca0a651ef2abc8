package labyrinth.cli.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of the progress bar: a pure function of what has been counted and the time since the
 * start, so tests compare golden strings without a clock. Parts are separated by two spaces:
 *
 * <pre>
 * replaying trace.json  42% 1.2 GiB/2.9 GiB  3.1 M events/s  ETA 0:07
 * triage  3/10 traces  42% 1.2 GiB/2.9 GiB  3.1 M events/s  ETA 0:07
 * reducing trace.json  120 tries  5432 events left  1:23 elapsed
 * </pre>
 *
 * The time left assumes the bytes still to come read as fast as those read so far; where no total
 * is known it shows the time elapsed instead. Stateless.
 */
public final class ProgressLine {
    private static final long SECOND = 1_000_000_000L;

    private ProgressLine() {
    }

    /**
     * What a progress bar shows; -1 leaves a part out.
     *
     * @param task what is being done, e.g. {@code replaying trace.json}
     * @param bytes bytes of the input read so far
     * @param totalBytes bytes of the whole input; -1 (or 0) when unknown: no percent and no time left
     * @param events events read so far
     * @param tracesDone traces finished ({@code triage})
     * @param traces traces in all ({@code triage}); -1 for one trace
     * @param tries candidates replayed ({@code reduce}); -1 outside a reduction. A reduction's end is not
     *     knowable in advance (each pass runs until nothing more can go), so it shows no percent.
     * @param eventsLeft events in the smallest failing candidate so far ({@code reduce})
     */
    public record Snapshot(String task, long bytes, long totalBytes, long events, int tracesDone, int traces,
                           long tries, long eventsLeft) {
    }

    /** The line for {@code s} after {@code elapsedNanos} (at least 0), without a line end. */
    public static String render(Snapshot s, long elapsedNanos) {
        List<String> parts = new ArrayList<>();
        parts.add(s.task());
        if (s.traces() >= 0) {
            parts.add(s.tracesDone() + "/" + s.traces() + " traces");
        }
        if (s.tries() >= 0) {
            parts.add(s.tries() + (s.tries() == 1 ? " try" : " tries"));
            if (s.eventsLeft() >= 0) {
                parts.add(s.eventsLeft() + " events left");
            }
            parts.add(clock(elapsedNanos) + " elapsed");
            return String.join("  ", parts);
        }
        boolean total = s.totalBytes() > 0;
        if (total) {
            long bytes = Math.min(s.bytes(), s.totalBytes());
            parts.add(bytes * 100 / s.totalBytes() + "% " + bytes(bytes) + "/" + bytes(s.totalBytes()));
        } else if (s.bytes() >= 0) {
            parts.add(bytes(s.bytes()));
        }
        if (s.events() >= 0 && elapsedNanos > 0) {
            parts.add(count(s.events() * (double) SECOND / elapsedNanos) + "events/s");
        }
        if (total && s.bytes() > 0 && elapsedNanos > 0) {
            long left = Math.max(0, s.totalBytes() - s.bytes());
            parts.add("ETA " + clock((long) (elapsedNanos * ((double) left / s.bytes()))));
        } else {
            parts.add(clock(elapsedNanos) + " elapsed");
        }
        return String.join("  ", parts);
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 12 MiB}, {@code 2.9 GiB}: one decimal below 10. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return number(v) + " " + units[u];
    }

    /** {@code 950 }, {@code 12 k}, {@code 3.1 M}: decimal units, with the space before the word that follows. */
    static String count(double n) {
        String[] units = {"", "k", "M", "G", "T"};
        int u = 0;
        while (n >= 999.5 && u < units.length - 1) {
            n /= 1000;
            u++;
        }
        return u == 0 ? Math.round(n) + " " : number(n) + " " + units[u] + " ";
    }

    private static String number(double v) {
        return v < 9.95 ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(Math.round(v));
    }

    /** {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
    static String clock(long nanos) {
        long s = Math.max(0, nanos) / SECOND;
        long h = s / 3600;
        long m = s / 60 % 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
