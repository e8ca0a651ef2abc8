package labyrinth.format.json;

import static labyrinth.format.json.JsonTokens.duplicate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceBytes;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceRules;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a trace's header object (TRACE-FORMAT.md: {@code labyrinth}, {@code scope}, {@code
 * machine}, {@code meta}) up to its {@code events} key (a document) or its closing brace (the
 * first line of JSON Lines). The machine is {@link MachineReader}'s. The binary encoding's header
 * is the same JSON, read by {@link #headerOnly}. Not thread-safe: used once per trace.
 */
public final class HeaderReader {
    private final JsonTokens t;
    private final JsonParser p;

    HeaderReader(JsonTokens tokens) {
        this.t = tokens;
        this.p = tokens.p;
    }

    /**
     * Reads a header that stands alone: the JSON of a binary trace's header, a document whose
     * {@code events} are empty or an object with none.
     *
     * @param hasEvents where to blame events found after the header
     */
    public static Header headerOnly(byte[] json, String displayName, ReaderLimits limits, TraceRules.Where hasEvents)
            throws TraceException {
        TraceBytes bytes;
        try {
            bytes = TraceBytes.open(new ByteArrayInputStream(json));
        } catch (IOException e) {
            throw new IllegalStateException("bytes in memory cannot fail", e);
        }
        try (JsonTokens tokens = new JsonTokens(bytes, displayName, limits)) {
            Header header = new HeaderReader(tokens).read();
            tokens.inEvents = true;
            try {
                noEvents(tokens, hasEvents);
            } catch (JsonTokens.Truncated cut) {
                // a header whose empty events are cut off: as the JSON reader, no events and no error
            }
            return header;
        } catch (IOException e) {
            throw new IllegalStateException("bytes in memory cannot fail", e);
        }
    }

    /** After a header read alone: an empty {@code events} and the end of the document, or nothing. */
    private static void noEvents(JsonTokens tokens, TraceRules.Where hasEvents) throws TraceException {
        JsonToken k = tokens.token();
        if (tokens.document) {
            if (k != JsonToken.START_ARRAY) {
                throw tokens.fail("\"events\" must be an array, found " + tokens.found());
            }
            k = tokens.token();
            if (k == JsonToken.START_OBJECT) {
                throw hasEvents.at("the header document must hold no events");
            }
            if (k != JsonToken.END_ARRAY) {
                throw tokens.fail("expected an event object, found " + tokens.found());
            }
            tokens.documentEnd();
        } else if (k == JsonToken.START_OBJECT) {
            throw hasEvents.at("the header document must hold no events");
        } else if (k != null) {
            throw tokens.fail("expected an event object, found " + tokens.found());
        }
    }

    /**
     * Reads from the header's opening brace to its {@code events} key or its closing brace; tells
     * which by {@link JsonTokens#document}. A value the input cuts off is "the rest of the header".
     */
    Header read() throws TraceException {
        try {
            return readKeys();
        } catch (TraceException e) {
            if (e.getCause() == null && t.valueIsCut()) {
                throw t.at(p.currentLocation(), "expected the rest of the header, found the end of the file", null);
            }
            throw e;
        }
    }

    private Header readKeys() throws TraceException {
        JsonToken k = t.token();
        if (k != JsonToken.START_OBJECT) {
            throw t.fail("expected a Labyrinth trace (JSON object), found " + (k == null ? "an empty file" : t.found()));
        }
        int version = -1;
        Scope scope = null;
        Machine machine = null;
        Map<String, Object> meta = null;
        while (true) {
            k = t.token();
            if (k == JsonToken.END_OBJECT) {
                t.document = false;
                break;
            }
            String key = p.currentName();
            if ("events".equals(key)) {
                t.document = true;
                break;
            }
            k = t.token();
            switch (key) {
                case "labyrinth" -> {
                    if (version >= 0) {
                        throw t.fail(duplicate(key));
                    }
                    if (k != JsonToken.VALUE_NUMBER_INT || !t.isLong() || p.getLongValue() != Header.VERSION) {
                        throw t.fail("\"labyrinth\" must be " + Header.VERSION
                                + " (the only format version this labyrinth reads), found " + t.found());
                    }
                    version = Header.VERSION;
                }
                case "scope" -> {
                    if (scope != null) {
                        throw t.fail(duplicate(key));
                    }
                    scope = k == JsonToken.VALUE_STRING ? Scope.byLabel(p.getString()) : null;
                    if (scope == null) {
                        throw t.fail("\"scope\" must be \"complete\" or \"window\", found " + t.found());
                    }
                }
                case "machine" -> {
                    if (machine != null) {
                        throw t.fail(duplicate(key));
                    }
                    machine = new MachineReader(t).machine();
                }
                case "meta" -> {
                    if (meta != null) {
                        throw t.fail(duplicate(key));
                    }
                    meta = meta();
                }
                default -> t.skip();
            }
        }
        if (version < 0) {
            throw t.fail("the header must have \"labyrinth\", found " + (t.document ? "\"events\" first" : "none"));
        }
        if (machine == null) {
            throw t.fail("the header must have \"machine\", found " + (t.document ? "\"events\" first" : "none"));
        }
        return new Header(version, scope == null ? Scope.COMPLETE : scope, machine, meta);
    }

    private Map<String, Object> meta() throws TraceException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw t.fail("\"meta\" must be an object, found " + t.found());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        for (JsonToken k = t.token(); k != JsonToken.END_OBJECT; k = t.token()) {
            String key = p.currentName();
            if (meta.containsKey(key)) {
                throw t.fail(duplicate(key));
            }
            k = t.token();
            Object value;
            if (k == JsonToken.VALUE_STRING) {
                value = p.getString();
            } else if (k == JsonToken.VALUE_NUMBER_INT && t.isLong()) {
                value = p.getLongValue();
            } else if (k == JsonToken.VALUE_NUMBER_INT || k == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDoubleValue();
            } else {
                throw t.fail("\"meta\" values must be strings or numbers, found " + t.found());
            }
            meta.put(key, value);
        }
        return meta;
    }
}
