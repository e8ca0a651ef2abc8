package labyrinth.format;

import java.io.Closeable;
import java.io.IOException;
import labyrinth.trace.Event;

/**
 * A writer of one trace encoding (JSON document, JSON Lines, binary): the header is written when
 * it is opened, then the events in order, and {@link #close()} ends the trace and closes the stream.
 * Not thread-safe.
 */
public interface TraceWriter extends Closeable {
    void write(Event event) throws IOException;

    /** Pushes what is buffered to the stream, the trace not yet ended. */
    void flush() throws IOException;
}
