package labyrinth.format.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labyrinth.core.Gfp;
import labyrinth.core.KernelVersion;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.format.ReadErrors;
import labyrinth.format.ReaderLimits;
import labyrinth.format.Texts;
import labyrinth.format.TraceBytes;
import labyrinth.trace.Common;
import labyrinth.trace.Ctx;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Op;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a Labyrinth trace in either JSON encoding of TRACE-FORMAT.md (document or JSON Lines,
 * plain or gzip), recognised by content, with Jackson's streaming parser: memory does not grow
 * with the number of events. The header is read by {@code open}; events one at a time by
 * {@link #next()}.
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
    private static final String OPS = "alloc, free, access, transfer, panic, mark";
    private static final String CTXS = "task, atomic, softirq, hardirq, nmi";
    /** 2^52 pages: every page of a 64-bit physical address space of 4 KiB pages. */
    static final long MAX_PAGES = 1L << 52;

    // event keys, as bit positions in a mask of keys seen
    private static final int K_OP = 0;
    private static final int K_SEQ = 1;
    private static final int K_T = 2;
    private static final int K_CPU = 3;
    private static final int K_CTX = 4;
    private static final int K_OWNER = 5;
    private static final int K_SITE = 6;
    private static final int K_PFN = 7;
    private static final int K_ADDR = 8;
    private static final int K_ORDER = 9;
    private static final int K_GFP = 10;
    private static final int K_FN = 11;
    private static final int K_MODE = 12;
    private static final int K_TO = 13;
    private static final int K_MESSAGE = 14;
    private static final int K_CAUSE = 15;
    private static final int K_LABEL = 16;
    private static final int K_STACK = 17;
    private static final int K_GFP_UNPARSED = 18;
    private static final int KEYS = 19;

    private final String name;
    private final TraceBytes bytes;
    private final JsonParser p;
    private final ReaderLimits limits;
    private Header header;
    private Machine machine;
    private boolean document;
    /** JSON Lines: the line the last object (header or event) ended on; each line holds one object. */
    private long lastObjectLine;
    /** Reading the events (an early end is a truncation, not an error). */
    private boolean inEvents;
    /** After the document's closing brace (anything but the end of the file is an error). */
    private boolean trailer;
    private boolean done;
    private Truncation truncation;

    private long position;
    private long lastNumber = -1;
    private long lastSeq = -1;
    private long lastTime = Common.NO_TIME;
    /** Number of the event being read, for messages; -1 outside events. */
    private long current = -1;

    // scratch for the event being read
    private int seen;
    private final long[] keyLine = new long[KEYS];
    private final int[] keyCol = new int[KEYS];
    private long eventLine;
    private int eventCol;
    private Op op;
    private long seq;
    private long time;
    private int cpu;
    private Ctx ctx;
    private String owner;
    private String site;
    /** Resolved page of pfn/addr; {@link Event#NULL_PFN} for null/0x0. */
    private long page;
    private int order;
    private long gfp;
    private String gfpText;
    private String fn;
    private boolean write;
    private String to;
    private String message;
    private long cause;
    private String label;
    private List<String> stack;
    private String gfpUnparsed;
    /** pfn/addr as written, for messages. */
    private String pageText;

    // spellings met before, looked up without allocating (see TextTable)
    private static final Op[] OP_VALUES = Op.values();
    private static final Ctx[] CTX_VALUES = Ctx.values();
    private final TextTable ops = new TextTable();
    private final TextTable ctxs = new TextTable();
    private final TextTable names = new TextTable();
    private final TextTable gfps = new TextTable();
    /** Jackson hands out one String per key name: its key id remembered by identity. */
    private static final int NAME_CACHE = 64;
    private final String[] nameCache = new String[NAME_CACHE];
    private final int[] nameKeys = new int[NAME_CACHE];

    private JsonTraceReader(TraceBytes bytes, String name, ReaderLimits limits) {
        this.name = name;
        this.bytes = bytes;
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(JsonLimits.constraints(limits)).build();
        this.p = factory.createParser(ObjectReadContext.empty(), bytes);
        for (Op o : OP_VALUES) {
            ops.put(o.label(), o.ordinal());
        }
        for (Ctx c : CTX_VALUES) {
            ctxs.put(c.label(), c.ordinal());
        }
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
        return name;
    }

    @Override
    public Header header() {
        return header;
    }

    /** Whether the trace is a document (one object with {@code events}) rather than JSON Lines. */
    public boolean isDocument() {
        return document;
    }

    @Override
    public Truncation truncation() {
        return truncation;
    }

    @Override
    public long bytesRead() {
        return bytes.rawCount();
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
        try {
            JsonToken t = token();
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
                throw fail("expected an event object, found " + found());
            }
            long startLine = line();
            if (!document && startLine == lastObjectLine) {
                current = position;
                throw fail("each line of a JSON Lines trace must hold one object, found another on line " + startLine);
            }
            Event e = readEvent();
            if (!document) {
                if (line() != startLine) {
                    current = e.number();
                    throw fail("an event of a JSON Lines trace must be on one line, found it going on to line "
                            + line());
                }
                lastObjectLine = startLine;
            }
            return e;
        } catch (Truncated cut) {
            truncated();
            return null;
        } catch (TraceException | RuntimeException e) {
            done = true;
            current = -1;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        done = true;
        try {
            p.close();
        } catch (JacksonException e) {
            // closing a parser only releases buffers; the stream is closed below
        } finally {
            bytes.close();
        }
    }

    // ---------------------------------------------------------------- header

    private void readHeader() throws TraceException {
        try {
            readHeaderKeys();
        } catch (TraceException e) {
            if (e.getCause() == null && !inEvents && valueIsCut()) {
                throw at(p.currentLocation(), "expected the rest of the header, found the end of the file", null);
            }
            throw e;
        }
    }

    private void readHeaderKeys() throws TraceException {
        JsonToken t = token();
        if (t != JsonToken.START_OBJECT) {
            throw fail("expected a Labyrinth trace (JSON object), found " + (t == null ? "an empty file" : found()));
        }
        int version = -1;
        Scope scope = null;
        Map<String, Object> meta = null;
        while (true) {
            t = token();
            if (t == JsonToken.END_OBJECT) {
                document = false;
                lastObjectLine = line();
                break;
            }
            String key = p.currentName();
            if ("events".equals(key)) {
                document = true;
                break;
            }
            t = token();
            switch (key) {
                case "labyrinth" -> {
                    if (version >= 0) {
                        throw fail(duplicate(key));
                    }
                    if (t != JsonToken.VALUE_NUMBER_INT || !isLong() || p.getLongValue() != Header.VERSION) {
                        throw fail("\"labyrinth\" must be " + Header.VERSION
                                + " (the only format version this labyrinth reads), found " + found());
                    }
                    version = Header.VERSION;
                }
                case "scope" -> {
                    if (scope != null) {
                        throw fail(duplicate(key));
                    }
                    scope = t == JsonToken.VALUE_STRING ? Scope.byLabel(p.getString()) : null;
                    if (scope == null) {
                        throw fail("\"scope\" must be \"complete\" or \"window\", found " + found());
                    }
                }
                case "machine" -> {
                    if (machine != null) {
                        throw fail(duplicate(key));
                    }
                    machine = readMachine();
                }
                case "meta" -> {
                    if (meta != null) {
                        throw fail(duplicate(key));
                    }
                    meta = readMeta();
                }
                default -> skip();
            }
        }
        if (version < 0) {
            throw fail("the header must have \"labyrinth\", found " + (document ? "\"events\" first" : "none"));
        }
        if (machine == null) {
            throw fail("the header must have \"machine\", found " + (document ? "\"events\" first" : "none"));
        }
        header = new Header(version, scope == null ? Scope.COMPLETE : scope, machine, meta);
        inEvents = true;
        if (document) {
            try {
                t = token();
            } catch (Truncated cut) {
                truncated();
                return;
            }
            if (t != JsonToken.START_ARRAY) {
                throw fail("\"events\" must be an array, found " + found());
            }
        }
    }

    private Machine readMachine() throws TraceException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail("\"machine\" must be an object, found " + found());
        }
        long line = line();
        int col = column();
        int pageSize = Machine.DEFAULT_PAGE_SIZE;
        int maxOrder = Machine.DEFAULT_MAX_ORDER;
        long directMapBase = Machine.DEFAULT_DIRECT_MAP_BASE;
        long minFreeKbytes = Machine.COMPUTED;
        int scaleFactor = Machine.DEFAULT_WATERMARK_SCALE_FACTOR;
        boolean thp = true;
        KernelVersion kernel = KernelVersion.DEFAULT;
        long pages = -1;
        List<ZoneSpec> zones = null;
        int seenKeys = 0;
        for (JsonToken t = token(); t != JsonToken.END_OBJECT; t = token()) {
            String key = p.currentName();
            token();
            int bit = switch (key) {
                case "pageSize" -> 1;
                case "maxOrder" -> 2;
                case "pages" -> 4;
                case "zones" -> 8;
                case "directMapBase" -> 16;
                case "minFreeKbytes" -> 32;
                case "watermarkScaleFactor" -> 64;
                case "transparentHugepages" -> 128;
                case "kernel" -> 256;
                default -> 0;
            };
            if ((seenKeys & bit) != 0) {
                throw fail(duplicate(key));
            }
            seenKeys |= bit;
            switch (key) {
                case "pageSize" -> {
                    long v = p.currentToken() == JsonToken.VALUE_NUMBER_INT && isLong() ? p.getLongValue() : -1;
                    if (v < 512 || v > 65536 || Long.bitCount(v) != 1) {
                        throw fail("\"pageSize\" must be a power of two from 512 to 65536, found " + found());
                    }
                    pageSize = (int) v;
                }
                case "maxOrder" -> maxOrder = (int) integer(key, 0, Machine.MAX_MAX_ORDER);
                case "pages" -> {
                    if (zones != null) {
                        throw fail(pagesAndZones());
                    }
                    pages = integer(key, 1, MAX_PAGES);
                }
                case "zones" -> {
                    if (pages >= 0) {
                        throw fail(pagesAndZones());
                    }
                    zones = readZones();
                }
                case "directMapBase" -> directMapBase = hex(key);
                // vm.min_free_kbytes is an int sysctl
                case "minFreeKbytes" -> minFreeKbytes = integer(key, 0, Integer.MAX_VALUE);
                case "watermarkScaleFactor" -> scaleFactor = (int) integer(key, 1, Machine.MAX_WATERMARK_SCALE_FACTOR);
                case "transparentHugepages" -> thp = bool(key);
                case "kernel" -> kernel = kernelVersion(key);
                default -> skip();
            }
        }
        if (pages < 0 && zones == null) {
            throw failAt(line, col, "\"machine\" must have \"pages\" or \"zones\", found neither");
        }
        if (zones == null) {
            zones = List.of(new ZoneSpec(ZoneKind.NORMAL, 0, pages));
        }
        try {
            return new Machine(pageSize, maxOrder, zones, directMapBase, minFreeKbytes, scaleFactor, thp, kernel);
        } catch (IllegalArgumentException e) {
            // every rule Machine checks was checked above with a location; this is a safety net
            throw failAt(line, col, "\"machine\" is invalid: " + e.getMessage());
        }
    }

    private static String pagesAndZones() {
        return "\"machine\" must have only one of \"pages\" and \"zones\", found both";
    }

    private List<ZoneSpec> readZones() throws TraceException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw fail("\"zones\" must be an array of zones, found " + found());
        }
        long arrayLine = line();
        int arrayCol = column();
        List<ZoneSpec> zones = new ArrayList<>();
        for (JsonToken t = token(); t != JsonToken.END_ARRAY; t = token()) {
            if (t != JsonToken.START_OBJECT) {
                throw fail("a zone must be an object, found " + found());
            }
            long zoneLine = line();
            int zoneCol = column();
            ZoneKind kind = null;
            long nameLine = 0;
            int nameCol = 0;
            long start = -1;
            long startLine = 0;
            int startCol = 0;
            long pages = -1;
            Watermarks wm = null;
            boolean wmSeen = false;
            Map<ZoneKind, Long> reserve = null;
            List<long[]> reserveKeyLocs = new ArrayList<>();
            List<ZoneKind> reserveKinds = new ArrayList<>();
            for (JsonToken k = token(); k != JsonToken.END_OBJECT; k = token()) {
                String key = p.currentName();
                token();
                switch (key) {
                    case "name" -> {
                        if (kind != null) {
                            throw fail(duplicate(key));
                        }
                        kind = p.currentToken() == JsonToken.VALUE_STRING ? ZoneKind.byLabel(p.getString()) : null;
                        if (kind == null) {
                            throw fail("\"name\" must be one of DMA, DMA32, Normal, found " + found());
                        }
                        nameLine = line();
                        nameCol = column();
                    }
                    case "startPfn" -> {
                        if (start >= 0) {
                            throw fail(duplicate(key));
                        }
                        startLine = line();
                        startCol = column();
                        start = integer(key, 0, MAX_PAGES);
                    }
                    case "pages" -> {
                        if (pages >= 0) {
                            throw fail(duplicate(key));
                        }
                        pages = integer(key, 1, MAX_PAGES);
                    }
                    case "watermarks" -> {
                        if (wmSeen) {
                            throw fail(duplicate(key));
                        }
                        wmSeen = true;
                        wm = readWatermarks();
                    }
                    case "lowmemReserve" -> {
                        if (reserve != null) {
                            throw fail(duplicate(key));
                        }
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            throw fail("\"lowmemReserve\" must be an object keyed by zone names, found " + found());
                        }
                        reserve = new EnumMap<>(ZoneKind.class);
                        for (JsonToken r = token(); r != JsonToken.END_OBJECT; r = token()) {
                            String zoneName = p.currentName();
                            ZoneKind higher = ZoneKind.byLabel(zoneName);
                            if (higher == null) {
                                throw fail("\"lowmemReserve\" keys must be DMA32 or Normal, found "
                                        + Texts.quote(zoneName, 40));
                            }
                            if (reserve.containsKey(higher)) {
                                throw fail(duplicate(zoneName));
                            }
                            reserveKeyLocs.add(new long[] {line(), column()});
                            reserveKinds.add(higher);
                            token();
                            reserve.put(higher, integer(zoneName, 0, MAX_PAGES));
                        }
                    }
                    default -> skip();
                }
            }
            if (kind == null) {
                throw failAt(zoneLine, zoneCol, "a zone must have \"name\", found none");
            }
            if (start < 0) {
                throw failAt(zoneLine, zoneCol, "a zone must have \"startPfn\", found none");
            }
            if (pages < 0) {
                throw failAt(zoneLine, zoneCol, "a zone must have \"pages\", found none");
            }
            for (int i = 0; i < reserveKinds.size(); i++) {
                if (reserveKinds.get(i).ordinal() <= kind.ordinal()) {
                    long[] loc = reserveKeyLocs.get(i);
                    throw failAt(loc[0], (int) loc[1], "\"lowmemReserve\" keys must name a zone above "
                            + kind.label() + ", found \"" + reserveKinds.get(i).label() + "\"");
                }
            }
            if (start + pages > MAX_PAGES) {
                throw failAt(startLine, startCol, "a zone must end by pfn " + MAX_PAGES + ", found one ending at "
                        + (start + pages));
            }
            if (!zones.isEmpty()) {
                ZoneSpec prev = zones.get(zones.size() - 1);
                for (ZoneSpec z : zones) {
                    if (z.kind() == kind) {
                        throw failAt(nameLine, nameCol, "\"name\" must name each zone at most once, found \""
                                + kind.label() + "\" again");
                    }
                }
                if (kind.ordinal() < prev.kind().ordinal()) {
                    throw failAt(nameLine, nameCol, "\"name\" must be a zone above " + prev.kind().label()
                            + " (zones ascend DMA, DMA32, Normal), found \"" + kind.label() + "\"");
                }
                if (start < prev.endPfn()) {
                    throw failAt(startLine, startCol, "\"startPfn\" must be at least " + prev.endPfn() + " (the end of "
                            + prev.kind().label() + ": zones ascend without overlapping), found " + start);
                }
            }
            zones.add(new ZoneSpec(kind, start, pages, wm, reserve));
        }
        if (zones.isEmpty()) {
            throw failAt(arrayLine, arrayCol, "\"zones\" must have at least one zone, found none");
        }
        return zones;
    }

    private Watermarks readWatermarks() throws TraceException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail("\"watermarks\" must be an object with \"min\", \"low\" and \"high\", found " + found());
        }
        long line = line();
        int col = column();
        long min = -1;
        long low = -1;
        long high = -1;
        for (JsonToken t = token(); t != JsonToken.END_OBJECT; t = token()) {
            String key = p.currentName();
            token();
            switch (key) {
                case "min" -> {
                    if (min >= 0) {
                        throw fail(duplicate(key));
                    }
                    min = integer(key, 0, MAX_PAGES);
                    if (low >= 0 && min > low) {
                        throw fail("\"min\" must be at most \"low\" (" + low + "), found " + min);
                    }
                }
                case "low" -> {
                    if (low >= 0) {
                        throw fail(duplicate(key));
                    }
                    low = integer(key, 0, MAX_PAGES);
                    if (min >= 0 && low < min) {
                        throw fail("\"low\" must be at least \"min\" (" + min + "), found " + low);
                    }
                    if (high >= 0 && low > high) {
                        throw fail("\"low\" must be at most \"high\" (" + high + "), found " + low);
                    }
                }
                case "high" -> {
                    if (high >= 0) {
                        throw fail(duplicate(key));
                    }
                    high = integer(key, 0, MAX_PAGES);
                    if (low >= 0 && high < low) {
                        throw fail("\"high\" must be at least \"low\" (" + low + "), found " + high);
                    }
                    if (min >= 0 && high < min) {
                        throw fail("\"high\" must be at least \"min\" (" + min + "), found " + high);
                    }
                }
                default -> skip();
            }
        }
        String missing = min < 0 ? "min" : low < 0 ? "low" : high < 0 ? "high" : null;
        if (missing != null) {
            throw failAt(line, col, "\"watermarks\" must have \"min\", \"low\" and \"high\", found no \"" + missing + "\"");
        }
        return new Watermarks(min, low, high);
    }

    private Map<String, Object> readMeta() throws TraceException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail("\"meta\" must be an object, found " + found());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        for (JsonToken t = token(); t != JsonToken.END_OBJECT; t = token()) {
            String key = p.currentName();
            if (meta.containsKey(key)) {
                throw fail(duplicate(key));
            }
            t = token();
            Object value;
            if (t == JsonToken.VALUE_STRING) {
                value = p.getString();
            } else if (t == JsonToken.VALUE_NUMBER_INT && isLong()) {
                value = p.getLongValue();
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDoubleValue();
            } else {
                throw fail("\"meta\" values must be strings or numbers, found " + found());
            }
            meta.put(key, value);
        }
        return meta;
    }

    // ---------------------------------------------------------------- events

    private Event readEvent() throws TraceException {
        TokenStreamLocation at = p.currentTokenLocation();
        eventLine = at.getLineNr();
        eventCol = at.getColumnNr();
        current = position;
        seen = 0;
        op = null;
        seq = -1;
        time = Common.NO_TIME;
        cpu = -1;
        ctx = Ctx.TASK;
        owner = null;
        site = null;
        page = Event.UNRECORDED;
        order = Event.ABSENT;
        gfp = -1;
        gfpText = null;
        fn = null;
        write = true;
        to = null;
        message = null;
        cause = Event.ABSENT;
        label = null;
        stack = null;
        gfpUnparsed = null;
        try {
            readKeys();
        } catch (TraceException e) {
            if (e.getCause() == null && valueIsCut()) {
                // a bad value in an event the input cuts off (a "4" that was "41"): not an error
                throw new Truncated();
            }
            throw e;
        }
        return finishEvent();
    }

    private void readKeys() throws TraceException {
        for (JsonToken t = token(); t != JsonToken.END_OBJECT; t = token()) {
            String key = p.currentName();
            int slot = System.identityHashCode(key) & (NAME_CACHE - 1);
            int k;
            if (nameCache[slot] == key) {
                k = nameKeys[slot];
            } else {
                k = keyOf(key);
                nameCache[slot] = key;
                nameKeys[slot] = k;
            }
            if (k < 0) {
                token();
                skip();
                continue;
            }
            if ((seen & (1 << k)) != 0) {
                throw fail(duplicate(key));
            }
            if (k == K_ADDR && (seen & (1 << K_PFN)) != 0 || k == K_PFN && (seen & (1 << K_ADDR)) != 0) {
                throw fail("an event must have at most one of \"pfn\" and \"addr\", found both");
            }
            seen |= 1 << k;
            token();
            if (k == K_ORDER || k == K_GFP || k == K_PFN || k == K_ADDR) {
                // only these keys' places are named by checks made after the whole event is read
                TokenStreamLocation at = p.currentTokenLocation();
                keyLine[k] = at.getLineNr();
                keyCol[k] = at.getColumnNr();
                pageText = k == K_ADDR ? found() : k == K_PFN ? "null" : pageText;
            }
            readKey(k, key);
        }
    }

    private static int keyOf(String key) {
        return switch (key) {
            case "op" -> K_OP;
            case "seq" -> K_SEQ;
            case "t" -> K_T;
            case "cpu" -> K_CPU;
            case "ctx" -> K_CTX;
            case "owner" -> K_OWNER;
            case "site" -> K_SITE;
            case "pfn" -> K_PFN;
            case "addr" -> K_ADDR;
            case "order" -> K_ORDER;
            case "gfp" -> K_GFP;
            case "fn" -> K_FN;
            case "mode" -> K_MODE;
            case "to" -> K_TO;
            case "message" -> K_MESSAGE;
            case "cause" -> K_CAUSE;
            case "label" -> K_LABEL;
            case "stack" -> K_STACK;
            case "gfpUnparsed" -> K_GFP_UNPARSED;
            default -> -1;
        };
    }

    private void readKey(int k, String key) throws TraceException {
        JsonToken t = p.currentToken();
        switch (k) {
            case K_OP -> {
                int i = t == JsonToken.VALUE_STRING ? lookup(ops) : -1;
                op = i >= 0 ? OP_VALUES[(int) ops.value(i)] : null;
                if (op == null) {
                    throw fail("\"op\" must be one of " + OPS + ", found " + found());
                }
            }
            case K_SEQ -> {
                seq = integer(key, 0, Long.MAX_VALUE);
                if (seq <= lastSeq) {
                    throw fail("\"seq\" must be greater than the previous event's " + lastSeq + ", found " + seq);
                }
                current = seq;
            }
            case K_T -> {
                time = integer(key, Long.MIN_VALUE + 1, Long.MAX_VALUE);
                if (lastTime != Common.NO_TIME && time < lastTime) {
                    throw fail("\"t\" must not be less than the previous event's " + lastTime + ", found " + time);
                }
            }
            case K_CPU -> cpu = (int) integer(key, 0, Integer.MAX_VALUE);
            case K_CTX -> {
                int i = t == JsonToken.VALUE_STRING ? lookup(ctxs) : -1;
                ctx = i >= 0 ? CTX_VALUES[(int) ctxs.value(i)] : null;
                if (ctx == null) {
                    throw fail("\"ctx\" must be one of " + CTXS + ", found " + found());
                }
            }
            case K_OWNER -> owner = name(key);
            case K_SITE -> site = name(key);
            case K_PFN -> page = t == JsonToken.VALUE_NULL ? Event.NULL_PFN : integer(key, 0, Long.MAX_VALUE);
            case K_ADDR -> {
                if (t == JsonToken.VALUE_NULL) {
                    page = Event.NULL_PFN;
                } else {
                    long addr = hex(key);
                    if (addr == 0) {
                        page = Event.NULL_PFN;
                    } else {
                        page = machine.pfnOf(addr);
                        if (page < 0) {
                            throw fail("\"addr\" must be at or above the direct-map base 0x"
                                    + Long.toHexString(machine.directMapBase()) + ", found " + found());
                        }
                    }
                }
            }
            case K_ORDER -> order = (int) integer(key, 0, machine.maxOrder());
            case K_GFP -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw fail("\"gfp\" must be GFP flag names or a hex mask, found " + found());
                }
                int i = lookup(gfps);
                if (i >= 0) {
                    gfpText = gfps.key(i);
                    gfp = gfps.value(i);
                } else {
                    gfpText = p.getString();
                    try {
                        gfp = machine.gfpNames().parse(gfpText);
                    } catch (IllegalArgumentException e) {
                        throw fail("\"gfp\" must be GFP flag names or a hex mask, found " + found() + ": "
                                + e.getMessage());
                    }
                    gfps.put(gfpText, gfp);
                }
            }
            case K_FN -> fn = name(key);
            case K_MODE -> {
                String m = t == JsonToken.VALUE_STRING ? name(key) : null;
                if ("read".equals(m)) {
                    write = false;
                } else if ("write".equals(m)) {
                    write = true;
                } else {
                    throw fail("\"mode\" must be \"read\" or \"write\", found " + found());
                }
            }
            case K_TO -> to = name(key);
            case K_MESSAGE -> message = string(key);
            case K_CAUSE -> cause = integer(key, 0, Long.MAX_VALUE);
            case K_LABEL -> label = string(key);
            case K_STACK -> {
                if (t != JsonToken.START_ARRAY) {
                    throw fail("\"stack\" must be an array of strings, found " + found());
                }
                List<String> frames = new ArrayList<>();
                for (JsonToken f = token(); f != JsonToken.END_ARRAY; f = token()) {
                    if (f != JsonToken.VALUE_STRING) {
                        throw fail("\"stack\" must be an array of strings, found " + found() + " in it");
                    }
                    frames.add(p.getString());
                }
                stack = frames;
            }
            case K_GFP_UNPARSED -> gfpUnparsed = string(key);
            default -> throw new IllegalStateException("key " + key);
        }
    }

    private boolean has(int k) {
        return (seen & (1 << k)) != 0;
    }

    private int pageKey() {
        return has(K_ADDR) ? K_ADDR : K_PFN;
    }

    private String pageKeyName() {
        return has(K_ADDR) ? "\"addr\"" : "\"pfn\"";
    }

    private Event finishEvent() throws TraceException {
        if (op == null) {
            throw failAt(eventLine, eventCol, "an event must have \"op\" (one of " + OPS + "), found none");
        }
        boolean seqGiven = has(K_SEQ);
        long number = seqGiven ? seq : position;
        Common common = new Common(number, seqGiven, eventLine, eventCol, time, cpu, ctx, owner, site, stack);
        Event e = switch (op) {
            case ALLOC -> finishAlloc(common);
            case FREE -> {
                requirePage("a free");
                yield new Event.Free(common, page, order);
            }
            case ACCESS -> {
                requirePage("an access");
                requireNonNullPage("an access");
                yield new Event.Access(common, page, write);
            }
            case TRANSFER -> {
                requirePage("a transfer");
                requireNonNullPage("a transfer");
                if (to == null) {
                    throw failAt(eventLine, eventCol, "a transfer must have \"to\", found none");
                }
                yield new Event.Transfer(common, page, to);
            }
            case PANIC -> {
                if (message == null) {
                    throw failAt(eventLine, eventCol, "a panic must have \"message\", found none");
                }
                yield new Event.Panic(common, message, cause);
            }
            case MARK -> new Event.Mark(common, label);
        };
        if (seqGiven) {
            lastSeq = seq;
        }
        if (time != Common.NO_TIME) {
            lastTime = time;
        }
        lastNumber = number;
        position++;
        current = -1;
        return e;
    }

    private Event finishAlloc(Common common) throws TraceException {
        int o = order == Event.ABSENT ? 0 : order;
        long mask = gfp < 0 ? Gfp.GFP_KERNEL : gfp;
        long implied = EntryPoints.impliedGfp(fn, machine.gfpNames());
        if (implied >= 0) {
            if (has(K_ORDER) && order != 0) {
                throw failAt(keyLine[K_ORDER], keyCol[K_ORDER],
                        "\"order\" must be 0 as fn " + fn + " implies, found " + order);
            }
            if (has(K_GFP) && gfp != implied) {
                throw failAt(keyLine[K_GFP], keyCol[K_GFP], "\"gfp\" must be " + machine.gfpNames().names(implied) + " as fn " + fn
                        + " implies, found " + Texts.quote(gfpText, 60));
            }
            o = 0;
            mask = implied;
        }
        if (page >= 0) {
            long end = machine.endPfn();
            if (page >= end || page + (1L << o) > end) {
                String what = o == 0 ? "a page of the machine (0 to " + (end - 1) + ")"
                        : "the first page of an order-" + o + " block inside the machine (pfns 0 to " + (end - 1) + ")";
                String foundText = has(K_ADDR) ? "pfn " + page : Long.toString(page);
                throw failAt(keyLine[pageKey()], keyCol[pageKey()], pageKeyName() + " must be " + what
                        + ", found " + foundText);
            }
        }
        return new Event.Alloc(common, o, mask, fn, page, gfpUnparsed);
    }

    private void requirePage(String what) throws TraceException {
        if (!has(K_PFN) && !has(K_ADDR)) {
            throw failAt(eventLine, eventCol, what + " must have \"pfn\" or \"addr\", found neither");
        }
    }

    private void requireNonNullPage(String what) throws TraceException {
        if (page == Event.NULL_PFN) {
            int k = pageKey();
            throw failAt(keyLine[k], keyCol[k], pageKeyName() + " of " + what + " must be a page, found " + pageText);
        }
    }

    // ---------------------------------------------------------------- end of input

    private void finishDocument() throws TraceException {
        JsonToken t;
        try {
            t = token();
        } catch (Truncated cut) {
            truncated();
            return;
        }
        if (t != JsonToken.END_OBJECT) {
            throw fail("expected the end of the trace after \"events\", found " + found());
        }
        inEvents = false;
        trailer = true;
        t = token();
        if (t != null) {
            throw fail("expected the end of the file after the trace, found " + found());
        }
        end();
    }

    private void end() {
        done = true;
        if (bytes.cut()) {
            truncation = new Truncation(lastNumber, position, bytes.count());
        }
    }

    private void truncated() {
        done = true;
        current = -1;
        truncation = new Truncation(lastNumber, position, bytes.count());
    }

    // ---------------------------------------------------------------- tokens and values

    /** The input ended early after the header: not an error, see {@link #truncation()}. */
    private static final class Truncated extends RuntimeException {
        Truncated() {
            super(null, null, false, false);
        }
    }

    /** The next token; Jackson's errors become located TraceExceptions, an early end {@link Truncated}. */
    private JsonToken token() throws TraceException {
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

    /** Skips the current value (an unknown key's), with Jackson's errors converted like {@link #token()}'s. */
    private void skip() throws TraceException {
        try {
            p.skipChildren();
        } catch (JacksonException e) {
            throw convert(e, e.getLocation());
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
        String token = new String(t, start, t.length - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        return "true".startsWith(token) || "false".startsWith(token) || "null".startsWith(token)
                || NUMBER_PREFIX.matcher(token).matches();
    }

    /**
     * After a value broke a rule: whether it is a number the input ends right after, so it may be
     * a cut one (a {@code 4} that was {@code 41}). Reads one token on; the reader is done either way.
     */
    private boolean valueIsCut() {
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
            return "malformed JSON: expected a JSON value, found " + Texts.quote(r.group(1), 40);
        }
        String first = m.lines().findFirst().orElse("").replaceAll("\\s*\\(.*$", "").strip();
        if (first.isEmpty()) {
            first = "invalid input";
        } else {
            first = Character.toLowerCase(first.charAt(0)) + first.substring(1);
        }
        return "malformed JSON: " + first;
    }

    private boolean isLong() {
        JsonParser.NumberType nt = p.getNumberType();
        return nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG;
    }

    private long integer(String key, long min, long max) throws TraceException {
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
        } else if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE || max == MAX_PAGES && !tooBig) {
            range = "an integer >= " + min;
        } else {
            range = "an integer from " + min + " to " + max;
        }
        throw fail(quoteKey(key) + " must be " + range + ", found " + found());
    }

    /** The current string value's index in {@code table}, or -1; allocates nothing. */
    private int lookup(TextTable table) {
        return table.find(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
    }

    /**
     * {@link #string} for values that repeat (owner, site, fn, to, mode): one shared String per
     * spelling, so a repeated value allocates nothing.
     */
    private String name(String key) throws TraceException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw fail(quoteKey(key) + " must be a string, found " + found());
        }
        int i = lookup(names);
        return i >= 0 ? names.key(i) : names.put(p.getString(), 0);
    }

    private String string(String key) throws TraceException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw fail(quoteKey(key) + " must be a string, found " + found());
        }
        return p.getString();
    }

    private boolean bool(String key) throws TraceException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw fail(quoteKey(key) + " must be true or false, found " + found());
        }
        return t == JsonToken.VALUE_TRUE;
    }

    private KernelVersion kernelVersion(String key) throws TraceException {
        String text = string(key);
        try {
            return KernelVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(quoteKey(key) + " must be a Linux version starting with major.minor (\"6.6\", "
                    + "\"5.15.0-91-generic\"), found " + found());
        }
    }

    private long hex(String key) throws TraceException {
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

    private static String quoteKey(String key) {
        return Texts.quote(key, 40);
    }

    private static String duplicate(String key) {
        return quoteKey(key) + " must be given once, found it again";
    }

    /** The current token as messages show it. */
    private String found() {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT -> "the end of the object";
            case END_ARRAY -> "the end of the array";
            case PROPERTY_NAME -> "key " + Texts.quote(p.currentName(), 40);
            case VALUE_STRING -> Texts.quote(p.getString(), 60);
            case VALUE_NULL -> "null";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> {
                String text = p.getString();
                yield text.length() > 40 ? text.substring(0, 40) + "..." : text;
            }
        };
    }

    private long line() {
        return p.currentTokenLocation().getLineNr();
    }

    private int column() {
        return p.currentTokenLocation().getColumnNr();
    }

    private TraceException fail(String detail) {
        return failAt(line(), column(), detail);
    }

    private TraceException failAt(long line, int column, String detail) {
        return new TraceException(name, line, column, current, detail);
    }

    private TraceException at(TokenStreamLocation loc, String detail, Throwable cause) {
        if (loc == null || loc.getLineNr() <= 0) {
            loc = p.currentLocation(); // constraint errors carry no location: where the parser stopped
        }
        long line = loc == null ? 0 : Math.max(0, loc.getLineNr());
        int col = loc == null ? 0 : Math.max(0, loc.getColumnNr());
        return new TraceException(name, line, col, current, detail, cause);
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
