package labyrinth.cli.progress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import labyrinth.trace.TraceSource;

/**
 * A progress bar on standard error: one line, rewritten in place with {@code \r} at most five times
 * a second and blanked out when the work ends, so that nothing of it is left in a terminal's
 * scrollback. It never writes anything else and never draws after {@link #close()}.
 *
 * <p>The readers count ({@link #count}) and tell the meter every {@value ProgressSource#BATCH} events;
 * whichever thread tells it draws, when a draw is due, so the replay loop pays a counter increment
 * per event and a clock read per batch. {@link #OFF} does nothing and {@link #count} hands its source
 * back untouched, so a run without a bar pays nothing at all.
 *
 * <p>Thread-safe: {@code triage}'s workers count their traces into one meter; one thread draws at a
 * time. Null policy: no argument may be null.
 */
public final class Progress implements AutoCloseable {
    /** The least time between two draws, and before the first one (a short run shows no bar at all). */
    static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(200);

    /** No bar: every method returns at once. */
    public static final Progress OFF = new Progress(null, () -> 0, 80, "", -1, -1);

    private final PrintWriter err;
    private final LongSupplier clock;
    private final int width;
    private final long start;
    private final long totalBytes;
    private final int traces;
    private final String task;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicInteger tracesDone = new AtomicInteger();
    private final AtomicLong tries = new AtomicLong(-1);
    private final AtomicLong eventsLeft = new AtomicLong(-1);

    private final ReentrantLock drawing = new ReentrantLock();
    private volatile long nextDraw;
    /** Characters on the line now, to blank out; guarded by {@link #drawing}. */
    private int shown;
    /** A message written through {@link #writer()} has not ended its line yet; guarded by {@link #drawing}. */
    private boolean midLine;
    private boolean closed;

    private Progress(PrintWriter err, LongSupplier clock, int width, String task, long totalBytes, int traces) {
        this.err = err;
        this.clock = clock;
        this.width = width;
        this.task = task;
        this.totalBytes = totalBytes;
        this.traces = traces;
        this.start = clock.getAsLong();
        this.nextDraw = start + INTERVAL;
    }

    /**
     * A bar that draws on {@code err}.
     *
     * @param clock nanoseconds, as {@link System#nanoTime()}
     * @param width the terminal's columns: the line is cut to one less, so it never wraps
     * @param totalBytes the size of the input, -1 when unknown
     * @param traces how many traces ({@code triage}), -1 for one
     */
    public static Progress start(PrintWriter err, LongSupplier clock, int width, String task, long totalBytes,
                                 int traces) {
        return new Progress(err, clock, width, task, totalBytes, traces);
    }

    /** The size of a regular file, or -1 (missing, a pipe, unreadable). */
    public static long sizeOf(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Whether this meter draws at all. */
    public boolean live() {
        return err != null;
    }

    /** {@code source}, counted into this bar as it is read; {@code source} itself when the bar is off. */
    public TraceSource count(TraceSource source) {
        return live() ? new ProgressSource(this, source, null) : source;
    }

    /** One of several traces ({@code triage}), before it is opened: see {@link Trace}. */
    public Trace trace(Path path) {
        return new Trace(live() ? sizeOf(path) : -1);
    }

    /** A reduction's progress: the bar shows tries and the size of the smallest failing candidate instead of bytes. */
    public void tries(long tries, long eventsLeft) {
        if (live()) {
            this.eventsLeft.set(eventsLeft);
            this.tries.set(tries);
            tick();
        }
    }

    /**
     * Standard error for messages while the bar is up: each write first blanks the bar out, and the
     * bar comes back at the next draw, below what was written, but not while a line is unfinished.
     * Only on a live bar: {@link #OFF} has nowhere to write.
     */
    public PrintWriter writer() {
        if (!live()) {
            throw new IllegalStateException("the progress bar is off: write to standard error itself");
        }
        return new PrintWriter(new Above(), true);
    }

    /** Counts what a reader has read since it last told. */
    void add(long newEvents, long newBytes) {
        events.addAndGet(newEvents);
        bytes.addAndGet(newBytes);
    }

    /** Draws the bar when a draw is due and no other thread is drawing. */
    void tick() {
        long now = clock.getAsLong();
        if (now - nextDraw < 0 || !drawing.tryLock()) {
            return;
        }
        try {
            if (!closed && !midLine && now - nextDraw >= 0) {
                draw(ProgressLine.render(snapshot(), now - start));
                nextDraw = now + INTERVAL;
            }
        } finally {
            drawing.unlock();
        }
    }

    ProgressLine.Snapshot snapshot() {
        return new ProgressLine.Snapshot(task, bytes.get(), totalBytes, events.get(), tracesDone.get(), traces,
                tries.get(), eventsLeft.get());
    }

    /**
     * Autowrap is off while the bar is drawn or blanked: a terminal made narrower than the width the
     * line was cut to then clips the line at its right edge instead of wrapping it, so each redraw
     * stays on its row rather than scrolling the screen by one.
     */
    static final String WRAP_OFF = "\u001b[?7l";
    static final String WRAP_ON = "\u001b[?7h";

    private void draw(String line) {
        String fitted = line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
        StringBuilder sb = new StringBuilder(width + 16).append(WRAP_OFF).append('\r').append(fitted);
        // a shorter line than the last must cover what is left of it
        sb.append(" ".repeat(Math.max(0, shown - fitted.length()))).append(WRAP_ON);
        err.print(sb);
        err.flush();
        shown = fitted.length();
    }

    /** Guarded by {@link #drawing}. */
    private void blank() {
        if (shown > 0) {
            err.print(WRAP_OFF + "\r" + " ".repeat(shown) + "\r" + WRAP_ON);
            err.flush();
            shown = 0;
        }
    }

    /** Blanks the bar out; nothing is drawn after. Safe to call more than once. */
    @Override
    public void close() {
        if (!live()) {
            return;
        }
        drawing.lock();
        try {
            closed = true;
            blank();
        } finally {
            drawing.unlock();
        }
    }

    /** Writes to standard error with the bar out of the way. */
    private final class Above extends java.io.Writer {
        @Override
        public void write(char[] buf, int off, int len) {
            if (len == 0) {
                return;
            }
            drawing.lock();
            try {
                blank();
                err.write(buf, off, len);
                midLine = buf[off + len - 1] != '\n';
            } finally {
                drawing.unlock();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /**
     * One trace of several: counts its source, and once closed counts the whole file as read and the
     * trace as done, whether it was read to its end, failed part-way or could not be opened at all, so
     * that the percentage reaches 100. Close it after its source. Confined to the thread that reads it.
     */
    public final class Trace implements AutoCloseable {
        private final long size;
        /** What its source has told the bar so far. */
        long counted;

        private Trace(long size) {
            this.size = size;
        }

        /** {@code source}, counted into the bar; {@code source} itself when the bar is off. */
        public TraceSource count(TraceSource source) {
            return live() ? new ProgressSource(Progress.this, source, this) : source;
        }

        @Override
        public void close() {
            if (live()) {
                add(0, Math.max(0, size - counted));
                counted = Math.max(counted, size);
                tracesDone.incrementAndGet();
                tick();
            }
        }
    }
}
