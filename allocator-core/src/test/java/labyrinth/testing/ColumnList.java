package labyrinth.testing;

import java.util.List;
import labyrinth.trace.ColumnSource;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Header;
import labyrinth.trace.StringTable;

/**
 * Events in memory handed over as batches of columns, the way a binary trace reaches the replay:
 * {@code size} events a batch (less than {@link EventColumns#CAPACITY} puts batch ends at other
 * events), strings interned into one table. Not thread-safe.
 */
public final class ColumnList implements ColumnSource {
    private final Header header;
    private final List<Event> events;
    private final int size;
    private final StringTable strings = new StringTable();
    private int next;

    public ColumnList(Header header, List<Event> events, int size) {
        this.header = header;
        this.events = events;
        this.size = size;
    }

    @Override
    public boolean fill(EventColumns into) {
        into.clear(strings);
        while (next < events.size() && into.size() < size) {
            into.add(events.get(next++));
        }
        return into.size() > 0;
    }

    @Override
    public Event next() {
        return next < events.size() ? events.get(next++) : null;
    }

    @Override
    public String name() {
        return "test.json";
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public Truncation truncation() {
        return null;
    }

    @Override
    public void close() {
    }
}
