package labyrinth.format.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labyrinth.format.ReadErrors;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceBytes;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import tools.jackson.core.JsonToken;

/**
 * Reads a Labyrinth trace in either JSON encoding of TRACE-FORMAT.md (document or JSON Lines,
 * plain or gzip), recognised by content, with Jackson's streaming parser: memory does not grow
 * with the number of events. The header is read by {@code open}; events one at a time by
 * {@link #next()}.
 *
 * <p>The work is layered by grammar: {@link JsonTokens} (tokens, locations, limits, an early end
 * told apart from an error), {@link HeaderReader} and {@link MachineReader} (the header),
 * {@link EventReader} (event objects, the rules of {@link labyrinth.trace.TraceRules}). This class
 * holds the layout around them: where the events start, one object per line in JSON Lines, the end
 * of the document, and the truncation.
 *
 * <p>Every rule of the format is checked; the first violation is one {@link TraceException}
 * located at the offending token ({@code FILE:LINE:COL: event N: "key" must be X, found Y}). The
 * event number in a message is the event's {@code seq} when it was read before the offending key,
 * else its 0-based position. A file that ends early after the header is not an error: {@link
 * #next()} returns null and {@link #truncation()} says where it ended.
 *
 * <p>Decisions where the format is silent: keys that belong to other ops (e.g. {@code to} on an
 * alloc) are type-checked but otherwise ignored; a free's {@code order} must also lie in
 * 0..maxOrder; a recorded alloc result must be a block inside the machine (other pfns are left to
 * the replay, which reports them as findings); a duplicate key is an error; {@code stack} (array
 * of strings) and {@code gfpUnparsed} (string) are read as Labyrinth extensions written by
 * importers.
 *
 * <p>Not thread-safe: one per trace. Never returns null from {@link #header()}.
 */
public final class JsonTraceReader implements TraceSource {
    private final JsonTokens tokens;
    private Header header;
    private EventReader events;
    /** JSON Lines: the line the last object (header or event) ended on; each line holds one object. */
    private long lastObjectLine;
    private boolean done;
    private Truncation truncation;

    private JsonTraceReader(TraceBytes bytes, String name, ReaderLimits limits) {
        this.tokens = new JsonTokens(bytes, name, limits);
    }

    /**
     * Opens a trace file and reads its header.
     *
     * @param displayName the file as messages name it (usually as the user typed it)
     * @throws TraceException when the file cannot be read or its header breaks the format
     */
    public static JsonTraceReader open(Path path, String displayName, ReaderLimits limits) throws TraceException {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            throw ReadErrors.cannotRead(displayName, e);
        }
        return open(in, displayName, limits);
    }

    /** Like {@link #open(Path, String, ReaderLimits)} for a stream, which the reader then owns and closes. */
    public static JsonTraceReader open(InputStream in, String displayName, ReaderLimits limits) throws TraceException {
        TraceBytes bytes;
        try {
            bytes = TraceBytes.open(in);
        } catch (IOException e) {
            closeQuietly(in);
            throw ReadErrors.cannotRead(displayName, e);
        }
        return open(bytes, displayName, limits);
    }

    /** Reads decoded bytes another component has already recognised as JSON; owns and closes them. */
    public static JsonTraceReader open(TraceBytes bytes, String displayName, ReaderLimits limits) throws TraceException {
        JsonTraceReader r = new JsonTraceReader(bytes, displayName, limits);
        try {
            r.readHeader();
            return r;
        } catch (TraceException | RuntimeException e) {
            r.closeQuietly();
            throw e;
        }
    }

    @Override
    public String name() {
        return tokens.name;
    }

    @Override
    public Header header() {
        return header;
    }

    /** Whether the trace is a document (one object with {@code events}) rather than JSON Lines. */
    public boolean isDocument() {
        return tokens.document;
    }

    @Override
    public Truncation truncation() {
        return truncation;
    }

    @Override
    public long bytesRead() {
        return tokens.bytes.rawCount();
    }

    /** The remaining events, for tests and small traces only. */
    public List<Event> readAll() throws TraceException {
        List<Event> all = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            all.add(e);
        }
        return all;
    }

    @Override
    public Event next() throws TraceException {
        if (done) {
            return null;
        }
        boolean document = tokens.document;
        try {
            JsonToken t = tokens.token();
            if (document) {
                if (t == JsonToken.END_ARRAY) {
                    finishDocument();
                    return null;
                }
            } else if (t == null) {
                end();
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw tokens.fail("expected an event object, found " + tokens.found());
            }
            long startLine = tokens.line();
            if (!document && startLine == lastObjectLine) {
                tokens.current = events.position();
                throw tokens.fail("each line of a JSON Lines trace must hold one object, found another on line "
                        + startLine);
            }
            Event e = events.read();
            if (!document) {
                if (tokens.line() != startLine) {
                    tokens.current = e.number();
                    throw tokens.fail("an event of a JSON Lines trace must be on one line, found it going on to line "
                            + tokens.line());
                }
                lastObjectLine = startLine;
            }
            return e;
        } catch (JsonTokens.Truncated cut) {
            truncated();
            return null;
        } catch (TraceException | RuntimeException e) {
            done = true;
            tokens.current = -1;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        done = true;
        tokens.close();
    }

    private void readHeader() throws TraceException {
        header = new HeaderReader(tokens).read();
        events = new EventReader(tokens, header.machine());
        if (!tokens.document) {
            lastObjectLine = tokens.line();
        }
        tokens.inEvents = true;
        if (tokens.document) {
            JsonToken t;
            try {
                t = tokens.token();
            } catch (JsonTokens.Truncated cut) {
                truncated();
                return;
            }
            if (t != JsonToken.START_ARRAY) {
                throw tokens.fail("\"events\" must be an array, found " + tokens.found());
            }
        }
    }

    private void finishDocument() throws TraceException {
        try {
            tokens.documentEnd();
        } catch (JsonTokens.Truncated cut) {
            truncated();
            return;
        }
        end();
    }

    private void end() {
        done = true;
        if (tokens.bytes.cut()) {
            truncation = new Truncation(events.lastNumber(), events.position(), tokens.bytes.count());
        }
    }

    private void truncated() {
        done = true;
        tokens.current = -1;
        truncation = new Truncation(events.lastNumber(), events.position(), tokens.bytes.count());
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // already failing with a better message
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already failing with a better message
        }
    }
}
