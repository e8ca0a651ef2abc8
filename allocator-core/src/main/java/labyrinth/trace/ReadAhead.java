package labyrinth.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a trace on a second thread, a batch of events ahead of its consumer, so that decoding the
 * file and replaying it run on two cores at once (docs/performance.md: on a JSON trace, reading
 * costs several times what the replay engine does, so the replay's own work then hides behind it).
 *
 * <p>A source that decodes into columns ({@link ColumnSource}) is read a batch of columns at a time,
 * and the consumer may take them as columns ({@link #fill}) or as events; the batches go back to the
 * reading thread to be filled again. Any other source's events are handed over as objects.
 *
 * <p>To the consumer it is the wrapped source, event for event: the same events in the same order,
 * then the same end. A read error reaches the consumer only after every event before it, as the
 * same exception. {@link #truncation()} and {@link #warnings()} are the wrapped source's, valid once
 * {@link #next()} has returned null, as for any source; {@link #bytesRead()} is the wrapped
 * source's too, so it runs ahead of the events handed over by a few batches. Memory stays
 * bounded: at most {@value #DEPTH} batches of {@value #BATCH} events wait. Events are immutable, and
 * a batch of columns is not written after it is handed over until the consumer gives it back, so
 * handing either to another thread is safe.
 *
 * <p>The consumer side is not thread-safe: one consumer thread, as for any source.
 */
public final class ReadAhead extends ForwardingSource implements ColumnSource {
    static final int BATCH = EventColumns.CAPACITY;
    static final int DEPTH = 8;

    /** What the reading thread hands over: events as objects or as columns, then one end or failure. */
    private record Batch(Event[] events, EventColumns columns, int size, Throwable failure, boolean last) {
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(DEPTH);
    /** Column batches the consumer is done with, for the reading thread to fill again. */
    private final BlockingQueue<EventColumns> spare = new ArrayBlockingQueue<>(DEPTH + 2);
    /** The source as columns, or null when it hands over objects. */
    private final ColumnSource columnSource;
    /** Strings of the batches {@link #fill} builds from objects. */
    private final StringTable strings = new StringTable();
    private final Thread reader;
    private volatile boolean closed;
    private Batch current;
    private int index;
    private boolean done;

    private ReadAhead(TraceSource source) {
        super(source);
        this.columnSource = source instanceof ColumnSource c ? c : null;
        this.reader = new Thread(columnSource != null ? this::readColumns : this::readEvents, "labyrinth-read-ahead");
        reader.setDaemon(true);
    }

    /**
     * {@code source} read ahead on a second thread, or {@code source} itself when this JVM has one
     * processor (a second thread would only take turns with the first) or the system property
     * {@code labyrinth.readahead} is {@code off} (for benchmarks that compare the two). The result
     * owns the source.
     */
    public static TraceSource of(TraceSource source) {
        if (Runtime.getRuntime().availableProcessors() < 2
                || "off".equals(System.getProperty("labyrinth.readahead"))) {
            return source;
        }
        ReadAhead r = new ReadAhead(source);
        r.reader.start();
        return r;
    }

    private void readEvents() {
        Event[] events = new Event[BATCH];
        int n = 0;
        try {
            for (Event e = source.next(); e != null; e = source.next()) {
                events[n++] = e;
                if (n == BATCH) {
                    hand(new Batch(events, null, n, null, false));
                    events = new Event[BATCH];
                    n = 0;
                }
            }
            hand(new Batch(events, null, n, null, true));
        } catch (InterruptedException e) {
            // closed by the consumer: nobody waits for the rest
        } catch (TraceException | RuntimeException | Error e) {
            handFailure(new Batch(events, null, n, e, true));
        }
    }

    /** A source of columns fails only in a batch of its own, after every event before the failure. */
    private void readColumns() {
        try {
            while (true) {
                EventColumns b = spare.poll();
                if (b == null) {
                    b = new EventColumns();
                }
                if (!columnSource.fill(b)) {
                    hand(new Batch(null, null, 0, null, true));
                    return;
                }
                b.seal();
                hand(new Batch(null, b, b.size(), null, false));
            }
        } catch (InterruptedException e) {
            // closed by the consumer: nobody waits for the rest
        } catch (TraceException | RuntimeException | Error e) {
            handFailure(new Batch(null, null, 0, e, true));
        }
    }

    private void handFailure(Batch b) {
        try {
            hand(b);
        } catch (InterruptedException closedMeanwhile) {
            // closed by the consumer while the failure waited
        }
    }

    private void hand(Batch b) throws InterruptedException {
        while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public Event next() throws TraceException {
        if (!ready()) {
            return null;
        }
        return current.columns != null ? current.columns.event(index++) : current.events[index++];
    }

    /**
     * The next batch of events as columns: those the reading thread decoded, or, from a source of
     * objects, the next events of up to {@value #BATCH} batches ahead.
     */
    @Override
    public boolean fill(EventColumns into) throws TraceException {
        into.clear(strings);
        if (!ready()) {
            return false;
        }
        if (current.columns != null) {
            if (index == 0) {
                into.swap(current.columns); // the spare batch now holds the consumer's old arrays
            } else {
                into.copy(current.columns, index);
            }
            index = current.size;
            return true;
        }
        do {
            into.add(current.events[index++]);
        } while (!into.full() && index < current.size);
        return true;
    }

    /** Whether {@link #current} has an event at {@link #index}, taking the next batch when needed. */
    private boolean ready() throws TraceException {
        if (closed) {
            return false;
        }
        while (current == null || index == current.size) {
            if (done) {
                return false;
            }
            if (current != null && current.last) {
                done = true;
                rethrow(current.failure);
                return false;
            }
            if (current != null && current.columns != null) {
                spare.offer(current.columns);
            }
            current = take();
            index = 0;
        }
        return true;
    }

    private Batch take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = true;
            throw new IllegalStateException("interrupted while waiting for the trace reader", e);
        }
    }

    private static void rethrow(Throwable failure) throws TraceException {
        if (failure instanceof TraceException e) {
            throw e;
        } else if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * Stops the reading thread (if the consumer stopped early), waits for it, and closes the source.
     * The interrupt also ends a read blocked in an interruptible channel; the source is closed anyway.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        done = true;
        reader.interrupt();
        try {
            while (reader.isAlive()) {
                queue.clear();
                reader.join(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while stopping the trace reader", e));
        }
        super.close();
    }
}
