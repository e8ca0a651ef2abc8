package labyrinth.cli.progress;

import java.io.IOException;
import labyrinth.trace.Event;
import labyrinth.trace.ForwardingSource;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * A trace source that counts the events and bytes its consumer reads into a {@link Progress}: a
 * counter increment per event, and every {@value #BATCH} events (and at the end) one report of the
 * events and {@link TraceSource#bytesRead() bytes} since the last. Everything else is the wrapped
 * source's. Not thread-safe: one per trace, like the source.
 */
final class ProgressSource extends ForwardingSource {
    /** Events between reports: often enough for a smooth bar at a million events a second, rare enough to cost nothing. */
    static final int BATCH = 4096;

    private final Progress progress;
    /** The trace of several this one is, or null. */
    private final Progress.Trace trace;
    private int unreported;
    private long reportedBytes;

    ProgressSource(Progress progress, TraceSource source, Progress.Trace trace) {
        super(source);
        this.progress = progress;
        this.trace = trace;
    }

    @Override
    public Event next() throws TraceException {
        Event e = source.next();
        if (e == null || ++unreported == BATCH) {
            report();
        }
        return e;
    }

    private void report() {
        long read = source.bytesRead();
        long newBytes = read > reportedBytes ? read - reportedBytes : 0;
        reportedBytes += newBytes;
        if (trace != null) {
            trace.counted += newBytes;
        }
        progress.add(unreported, newBytes);
        unreported = 0;
        progress.tick();
    }

    @Override
    public void close() throws IOException {
        if (unreported > 0) {
            report();
        }
        super.close();
    }
}
