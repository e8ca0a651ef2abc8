package labyrinth.trace;

import java.util.List;

/**
 * Events already in memory, as a trace source: for tests, for {@code reduce} (which holds the
 * events anyway) and for small traces built in code. Never truncated. Not thread-safe.
 */
public final class ListSource implements TraceSource {
    private final String name;
    private final Header header;
    private final List<Event> events;
    private int next;

    public ListSource(String name, Header header, List<Event> events) {
        this.name = name;
        this.header = header;
        this.events = events;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public Event next() {
        return next < events.size() ? events.get(next++) : null;
    }

    @Override
    public Truncation truncation() {
        return null;
    }

    @Override
    public void close() {
    }
}
