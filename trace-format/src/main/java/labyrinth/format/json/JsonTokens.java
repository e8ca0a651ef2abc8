package labyrinth.format.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labyrinth.format.ReadErrors;
import labyrinth.format.ReaderLimits;
import labyrinth.format.Quoting;
import labyrinth.format.TraceBytes;
import labyrinth.trace.Interner;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceRules;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;

/**
 * The token layer of the JSON reader: Jackson's streaming parser over the (decompressed) bytes,
 * with every Jackson complaint turned into a located {@link TraceException} in the format's
 * "must be X, found Y" words, the reader limits applied, and an input that ends early told apart
 * from a malformed one ({@link Truncated}). The machine and event readers above it read values
 * through the helpers here ({@link #integer}, {@link #string}, {@link #found}) so that every
 * message has the same shape.
 *
 * <p>Not thread-safe: one per trace.
 */
final class JsonTokens implements AutoCloseable {
    final String name;
    final TraceBytes bytes;
    /** The parser, for the readers' hot paths; advanced only through {@link #token()} and {@link #skip()}. */
    final JsonParser p;
    final ReaderLimits limits;
    /** The trace is a document (one object with {@code events}) rather than JSON Lines. */
    boolean document;
    /** Reading the events (an early end is a truncation, not an error). */
    boolean inEvents;
    /** After the document's closing brace (anything but the end of the file is an error). */
    boolean trailer;
    /** Number of the event being read, for messages; -1 outside events. */
    long current = -1;
    /** Errors at the current token, for {@link TraceRules}. */
    final TraceRules.Where here = this::fail;

    JsonTokens(TraceBytes bytes, String name, ReaderLimits limits) {
        this.name = name;
        this.bytes = bytes;
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(JsonLimits.constraints(limits)).build();
        this.p = factory.createParser(ObjectReadContext.empty(), bytes);
    }

    /** The input ended early after the header: not an error, the reader reports a truncation. */
    static final class Truncated extends RuntimeException {
        Truncated() {
            super(null, null, false, false);
        }
    }

    /** The next token; Jackson's errors become located TraceExceptions, an early end {@link Truncated}. */
    JsonToken token() throws TraceException {
        try {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_STRING) {
                try {
                    // Jackson checks max-string-length lazily; make it fail here, at the string. Finishing
                    // the text (getStringLength) builds no String; getString() throws for a long one.
                    if (p.getStringLength() > limits.maxStringLength()) {
                        p.getString();
                    }
                } catch (StreamConstraintsException e) {
                    throw convert(e, p.currentTokenLocation());
                }
            }
            if (t == null && bytes.cut() && inEvents) {
                throw new Truncated();
            }
            return t;
        } catch (JacksonException e) {
            throw convert(e, e.getLocation());
        }
    }

    /**
     * The next key of the current object as its index in {@code keys}, {@link
     * PropertyNameMatcher#MATCH_UNKNOWN_NAME} for another key, or {@link
     * PropertyNameMatcher#MATCH_END_OBJECT} at the object's end. The key's own token stays current
     * (its name and location); the value comes with the next {@link #token()}. Errors as {@link #token()}'s.
     */
    int key(PropertyNameMatcher keys) throws TraceException {
        try {
            int id = p.nextNameMatch(keys);
            if (id == PropertyNameMatcher.MATCH_ODD_TOKEN && p.currentToken() == null && bytes.cut() && inEvents) {
                throw new Truncated();
            }
            return id;
        } catch (JacksonException e) {
            throw convert(e, e.getLocation());
        }
    }

    /** Skips the current value (an unknown key's), with Jackson's errors converted like {@link #token()}'s. */
    void skip() throws TraceException {
        try {
            p.skipChildren();
        } catch (JacksonException e) {
            throw convert(e, e.getLocation());
        }
    }

    /**
     * After {@code events}' closing bracket: the document's closing brace, then the end of the file.
     *
     * @throws Truncated when the input ends before the closing brace
     */
    void documentEnd() throws TraceException {
        JsonToken t = token();
        if (t != JsonToken.END_OBJECT) {
            throw fail("expected the end of the trace after \"events\", found " + found());
        }
        inEvents = false;
        trailer = true;
        t = token();
        if (t != null) {
            throw fail("expected the end of the file after the trace, found " + found());
        }
    }

    /** A Jackson error as a located TraceException; throws {@link Truncated} when the input just ended early. */
    private TraceException convert(JacksonException e, TokenStreamLocation where) {
        if (e instanceof StreamConstraintsException) {
            String d = limits.describe(e.getOriginalMessage());
            return at(where, d != null ? d : "input over a reader limit: " + e.getOriginalMessage(), e);
        }
        if (e instanceof JacksonIOException) {
            IOException io = e.getCause() != null ? (IOException) e.getCause() : new IOException(e.getOriginalMessage());
            TraceException te = ReadErrors.cannotRead(name, io);
            return new TraceException(name, 0, 0, current, te.detail(), e);
        }
        if (trailer) {
            return at(e.getLocation(), "expected the end of the file after the trace, found more: "
                    + malformed(e.getOriginalMessage()).replace("malformed JSON: ", ""), e);
        }
        boolean atEnd = endedEarly(e);
        if (atEnd) {
            if (inEvents && (current >= 0 || document)) {
                throw new Truncated();
            }
            return at(e.getLocation(), inEvents
                    ? "expected an event, found the end of the file in the middle of a value"
                    : "expected the rest of the header, found the end of the file", e);
        }
        return at(e.getLocation(), malformed(e.getOriginalMessage()), e);
    }

    private static final Pattern NUMBER_PREFIX = Pattern.compile("-?(0|[1-9][0-9]*)?(\\.[0-9]*)?([eE][+-]?[0-9]*)?");

    /** Whether Jackson complains because the input ended, not because of a bad token. */
    private boolean endedEarly(JacksonException e) {
        String jm = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        return e instanceof UnexpectedEndOfInputException
                || bytes.ended() && (jm.startsWith("Unexpected end-of-input") || endsInCutToken());
    }

    /**
     * Whether the input ends in the beginning of a literal or number ({@code nu}, {@code -1.}),
     * which Jackson reports as a bad token rather than as an early end.
     */
    private boolean endsInCutToken() {
        byte[] t = bytes.tail();
        int start = t.length;
        while (start > 0 && " \t\r\n,:[{".indexOf(t[start - 1]) < 0) {
            start--;
        }
        if (start == t.length || start == 0 && t.length == 64) {
            return false;
        }
        String token = new String(t, start, t.length - start, StandardCharsets.ISO_8859_1);
        return "true".startsWith(token) || "false".startsWith(token) || "null".startsWith(token)
                || NUMBER_PREFIX.matcher(token).matches();
    }

    /**
     * After a value broke a rule: whether it is a number the input ends right after, so it may be
     * a cut one (a {@code 4} that was {@code 41}). Reads one token on; the reader is done either way.
     */
    boolean valueIsCut() {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            return false;
        }
        try {
            return p.nextToken() == null;
        } catch (JacksonException e) {
            return endedEarly(e);
        }
    }

    private static final Pattern UNEXPECTED_CHAR =
            Pattern.compile("Unexpected character \\((.+?) \\(code \\d+\\)\\)(?::\\s*(?:was )?(?:expecting|expected) (.*))?",
                    Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.*?)'", Pattern.DOTALL);

    /** Jackson's complaint in the "expected X, found Y" shape, without Jackson's vocabulary. */
    static String malformed(String jackson) {
        String m = jackson == null ? "" : jackson;
        Matcher u = UNEXPECTED_CHAR.matcher(m);
        if (u.lookingAt()) {
            String expected = u.group(2) == null ? "valid JSON" : u.group(2);
            expected = expected.replaceAll("\\s*\\(.*$", "").replace("double-quote", "'\"'").strip();
            if (expected.startsWith("a valid value") || expected.isEmpty()) {
                expected = "a JSON value";
            }
            return "malformed JSON: expected " + expected + ", found " + u.group(1);
        }
        Matcher r = UNRECOGNIZED.matcher(m);
        if (r.lookingAt()) {
            return "malformed JSON: expected a JSON value, found " + Quoting.quote(r.group(1), 40);
        }
        String first = m.lines().findFirst().orElse("").replaceAll("\\s*\\(.*$", "").strip();
        if (first.isEmpty()) {
            first = "invalid input";
        } else {
            first = Character.toLowerCase(first.charAt(0)) + first.substring(1);
        }
        return "malformed JSON: " + first;
    }

    // ---------------------------------------------------------------- values

    /** How many spellings {@link #remember} keeps in one table. */
    static final int MAX_SHARED = 1 << 16;
    /** Spellings longer than this are not remembered. */
    static final int MAX_SHARED_LENGTH = 256;

    /** Whether the current number fits a long. */
    boolean isLong() {
        JsonParser.NumberType nt = p.getNumberType();
        return nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG;
    }

    /** The current value as an integer from {@code min} to {@code max}, else "must be an integer ..." there. */
    long integer(String key, long min, long max) throws TraceException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && isLong()) {
            long v = p.getLongValue();
            if (v >= min && v <= max) {
                return v;
            }
        }
        String range;
        boolean tooBig = p.currentToken() == JsonToken.VALUE_NUMBER_INT && (!isLong() || p.getLongValue() > max);
        if (max == Long.MAX_VALUE && min == Long.MIN_VALUE + 1) {
            range = "an integer";
        } else if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE || max == TraceRules.MAX_PAGES && !tooBig) {
            range = "an integer >= " + min;
        } else {
            range = "an integer from " + min + " to " + max;
        }
        throw fail(quoteKey(key) + " must be " + range + ", found " + found());
    }

    /** The current string value's id in {@code table}, or -1 when it has none; allocates nothing. */
    int lookup(Interner table) {
        int len = p.getStringLength();
        return len > MAX_SHARED_LENGTH ? -1 : table.find(p.getStringCharacters(), p.getStringOffset(), len);
    }

    /**
     * The current string value, the one String of its spelling in {@code table}: a repeated value
     * allocates nothing. A new spelling is remembered unless {@link #remember} declines it.
     */
    String shared(Interner table) {
        int i = lookup(table);
        if (i >= 0) {
            return table.name(i);
        }
        String s = p.getString();
        remember(table, s);
        return s;
    }

    /**
     * {@code s}'s id in {@code table}, adding it; -1, and not added, when it is longer than {@link
     * #MAX_SHARED_LENGTH} or the table holds {@link #MAX_SHARED} spellings already, so memory stays
     * bounded on a trace whose vocabulary is not.
     */
    static int remember(Interner table, String s) {
        return table.size() >= MAX_SHARED || s.length() > MAX_SHARED_LENGTH ? -1 : table.id(s);
    }

    String string(String key) throws TraceException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw fail(quoteKey(key) + " must be a string, found " + found());
        }
        return p.getString();
    }

    /** A hex string such as {@code "0xffff888000000000"} ({@code directMapBase}, {@code addr}). */
    long hex(String key) throws TraceException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            String s = p.getString();
            if (s.length() > 2 && s.length() <= 18 && (s.startsWith("0x") || s.startsWith("0X"))) {
                boolean ok = true;
                for (int i = 2; i < s.length(); i++) {
                    ok &= Character.digit(s.charAt(i), 16) >= 0;
                }
                if (ok) {
                    return Long.parseUnsignedLong(s.substring(2), 16);
                }
            }
        }
        throw fail(quoteKey(key) + " must be a hex string like \"0xffff888000000000\", found " + found());
    }

    static String quoteKey(String key) {
        return Quoting.quote(key, 40);
    }

    static String duplicate(String key) {
        return quoteKey(key) + " must be given once, found it again";
    }

    /** The current token as messages show it. */
    String found() {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT -> "the end of the object";
            case END_ARRAY -> "the end of the array";
            case PROPERTY_NAME -> "key " + Quoting.quote(p.currentName(), 40);
            case VALUE_STRING -> Quoting.quote(p.getString(), 60);
            case VALUE_NULL -> "null";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> {
                String text = p.getString();
                yield text.length() > 40 ? text.substring(0, 40) + "..." : text;
            }
        };
    }

    // ---------------------------------------------------------------- locations

    long line() {
        return p.currentTokenLocation().getLineNr();
    }

    int column() {
        return p.currentTokenLocation().getColumnNr();
    }

    /** An error at the current token. */
    TraceException fail(String detail) {
        return failAt(line(), column(), detail);
    }

    TraceException failAt(long line, int column, String detail) {
        return new TraceException(name, line, column, current, detail);
    }

    TraceException at(TokenStreamLocation loc, String detail, Throwable cause) {
        if (loc == null || loc.getLineNr() <= 0) {
            loc = p.currentLocation(); // constraint errors carry no location: where the parser stopped
        }
        long line = loc == null ? 0 : Math.max(0, loc.getLineNr());
        int col = loc == null ? 0 : Math.max(0, loc.getColumnNr());
        return new TraceException(name, line, col, current, detail, cause);
    }

    @Override
    public void close() throws IOException {
        try {
            p.close();
        } catch (JacksonException e) {
            // closing a parser only releases buffers; the stream is closed below
        } finally {
            bytes.close();
        }
    }
}
