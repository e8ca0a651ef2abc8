package labyrinth.trace;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pull cursor over one trace: the header first, then events in file order. MemInfo use does not
 * grow with the number of events. Not thread-safe: one per trace.
 */
public interface TraceSource extends Closeable {
    /** Where the trace came from, as messages name it (usually the path as the user gave it). */
    String name();

    Header header();

    /**
     * @return the next event, or null at the end of the trace (complete, or cut short: see
     *     {@link #truncation()})
     * @throws TraceException on the first input that breaks the format; the cursor is then done
     */
    Event next() throws TraceException;

    /** After {@link #next()} returned null: how the input was cut short, or null when it was complete. */
    Truncation truncation();

    /**
     * What the reader noticed but did not reject (an importer's skipped lines, guessed machine, unknown
     * flags), one sentence each; complete once {@link #next()} has returned null.
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }

    /**
     * Bytes of the file consumed so far (compressed bytes for gzip), for progress; -1 when unknown
     * (events built in memory, a stream of unknown origin). Buffered readers read ahead, so this may
     * lead the event {@link #next()} returned by a buffer. Cheap: a field read.
     */
    default long bytesRead() {
        return -1;
    }

    @Override
    void close() throws IOException;

    /**
     * The input ended inside an event or before the document closed.
     *
     * @param lastEvent number of the last complete event, or -1 when there was none
     * @param eventsRead complete events yielded
     * @param byteOffset where the input ended
     */
    record Truncation(long lastEvent, long eventsRead, long byteOffset) {
        /** The report's words: {@code truncated after event N (byte B)}. */
        public String describe() {
            return lastEvent < 0
                    ? "truncated before the first event (byte " + byteOffset + ")"
                    : "truncated after event " + lastEvent + " (byte " + byteOffset + ")";
        }
    }
}
