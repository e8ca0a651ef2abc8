package labyrinth.trace;

import java.io.IOException;
import java.util.List;

/**
 * A trace source that passes every call to the source it wraps; decorators (reading ahead,
 * counting progress) extend it and change only what they add to. The wrapper owns the source.
 */
public abstract class ForwardingSource implements TraceSource {
    protected final TraceSource source;

    protected ForwardingSource(TraceSource source) {
        this.source = source;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public Header header() {
        return source.header();
    }

    @Override
    public Event next() throws TraceException {
        return source.next();
    }

    @Override
    public Truncation truncation() {
        return source.truncation();
    }

    @Override
    public List<String> warnings() {
        return source.warnings();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
