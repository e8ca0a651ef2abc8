package labyrinth.trace;

/**
 * A trace source that can hand over its events a batch of primitive columns at a time, so that the
 * replay takes no object per event (issue 21). A consumer reads a source either by {@link #fill} or
 * by {@link #next}, never both.
 */
public interface ColumnSource extends TraceSource {
    /**
     * Replaces what {@code into} holds with the next events, at most {@link EventColumns#CAPACITY}.
     *
     * @return false, with {@code into} empty, at the end of the trace (where {@link #next} returns null)
     * @throws TraceException on the first input that breaks the format, once every event before it
     *     was handed over
     */
    boolean fill(EventColumns into) throws TraceException;
}
