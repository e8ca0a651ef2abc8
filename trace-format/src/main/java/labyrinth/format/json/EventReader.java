package labyrinth.format.json;

import static labyrinth.format.json.JsonTokens.duplicate;
import static labyrinth.format.json.JsonTokens.quoteKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import labyrinth.core.Gfp;
import labyrinth.core.GfpNames;
import labyrinth.core.Machine;
import labyrinth.format.Quoting;
import labyrinth.trace.Interner;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.EntryPoints;
import labyrinth.trace.Event;
import labyrinth.trace.Op;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceRules;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads one event object into an {@link Event}: each key's value is decoded and type-checked as it
 * comes, the format's rules ({@link TraceRules}) are applied to it with its own location, and the
 * op's required keys are checked once the object is closed, located at its {@code {}. The hot path
 * allocates nothing per key: keys are matched to ids by Jackson ({@link EventKeys#MATCHER}) and
 * are bits in a mask, and repeated strings are shared (see {@link JsonTokens#shared}).
 *
 * <p>Keys that belong to other ops (e.g. {@code to} on an alloc) are type-checked but otherwise
 * ignored; a duplicate key is an error. Not thread-safe: one per trace.
 */
final class EventReader {
    private static final String OPS = "alloc, free, access, transfer, panic, mark";
    private static final String CTXS = "task, atomic, softirq, hardirq, nmi";
    private static final Op[] OP_VALUES = Op.values();
    private static final Context[] CTX_VALUES = Context.values();

    private final JsonTokens t;
    private final JsonParser p;
    private final Machine machine;
    private final int maxOrder;
    private final GfpNames gfpNames;
    private final EventKeys keys = new EventKeys();

    // spellings met before, looked up without allocating (see JsonTokens.shared); an op's and a
    // ctx's id is its ordinal, a gfp spelling's id indexes its mask
    private final Interner ops = new Interner();
    private final Interner ctxs = new Interner();
    private final Interner names = new Interner();
    private final Interner gfps = new Interner();
    private long[] gfpMasks = new long[64];

    /** Events read; the number of an event that gives no {@code seq}. */
    private long position;
    private long lastNumber = -1;
    private long lastSeq = -1;
    private long lastTime = CommonFields.NO_TIME;

    // the event being read
    private long eventLine;
    private int eventCol;
    private Op op;
    private long seq;
    private long time;
    private int cpu;
    private Context ctx;
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

    /**
     * The last {@code fn} and the mask it implies ({@code null} implies none): {@code fn} values are
     * shared Strings (see {@link #name}), so a repeated one is recognised by identity, not hashed.
     */
    private String impliedFn;
    private long implied = -1;

    // where TraceRules' complaints about values checked after the whole event point
    private final TraceRules.Where orderAt = d -> keyFail(EventKeys.ORDER, d);
    private final TraceRules.Where gfpAt = d -> keyFail(EventKeys.GFP, d);
    private final TraceRules.Where pageAt = d -> keyFail(pageKey(), d);
    private final Supplier<String> gfpFound = () -> Quoting.quote(gfpText, 60);

    EventReader(JsonTokens tokens, Machine machine) {
        this.t = tokens;
        this.p = tokens.p;
        this.machine = machine;
        this.maxOrder = machine.maxOrder();
        this.gfpNames = machine.gfpNames();
        for (Op o : OP_VALUES) {
            ops.id(o.label());
        }
        for (Context c : CTX_VALUES) {
            ctxs.id(c.label());
        }
    }

    /** Events read so far. */
    long position() {
        return position;
    }

    /** The number of the last event read, or -1. */
    long lastNumber() {
        return lastNumber;
    }

    /**
     * The event whose object starts at the current token.
     *
     * @throws JsonTokens.Truncated when a bad value may be a number the input cuts off
     */
    Event read() throws TraceException {
        TokenStreamLocation at = p.currentTokenLocation();
        eventLine = at.getLineNr();
        eventCol = at.getColumnNr();
        t.current = position;
        keys.clear();
        op = null;
        seq = -1;
        time = CommonFields.NO_TIME;
        cpu = -1;
        ctx = Context.TASK;
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
            if (e.getCause() == null && t.valueIsCut()) {
                // a bad value in an event the input cuts off (a "4" that was "41"): not an error
                throw new JsonTokens.Truncated();
            }
            throw e;
        }
        return finish();
    }

    private void readKeys() throws TraceException {
        for (int id = t.key(EventKeys.MATCHER); id != EventKeys.END; id = t.key(EventKeys.MATCHER)) {
            if (id < 0) {
                // a key the format does not know: ignored, for forward compatibility
                t.token();
                t.skip();
                continue;
            }
            String key = EventKeys.name(id);
            if (keys.has(id)) {
                throw t.fail(duplicate(key));
            }
            if (id == EventKeys.ADDR && keys.has(EventKeys.PFN) || id == EventKeys.PFN && keys.has(EventKeys.ADDR)) {
                throw t.fail("an event must have at most one of \"pfn\" and \"addr\", found both");
            }
            keys.see(id);
            t.token();
            if (id == EventKeys.ORDER || id == EventKeys.GFP || id == EventKeys.PFN || id == EventKeys.ADDR) {
                // only these keys' places are named by checks made after the whole event is read
                keys.place(id, p.currentTokenLocation());
                pageText = id == EventKeys.ADDR ? t.found() : id == EventKeys.PFN ? "null" : pageText;
            }
            readValue(id, key);
        }
    }

    private void readValue(int id, String key) throws TraceException {
        JsonToken k = p.currentToken();
        switch (id) {
            case EventKeys.OP -> {
                int i = k == JsonToken.VALUE_STRING ? t.lookup(ops) : -1;
                op = i >= 0 ? OP_VALUES[i] : null;
                if (op == null) {
                    throw t.fail("\"op\" must be one of " + OPS + ", found " + t.found());
                }
            }
            case EventKeys.SEQ -> {
                seq = t.integer(key, 0, Long.MAX_VALUE);
                TraceRules.seq(seq, lastSeq, t.here);
                t.current = seq;
            }
            case EventKeys.T -> {
                time = t.integer(key, Long.MIN_VALUE + 1, Long.MAX_VALUE);
                TraceRules.time(time, lastTime, t.here);
            }
            case EventKeys.CPU -> cpu = (int) t.integer(key, 0, Integer.MAX_VALUE);
            case EventKeys.CTX -> {
                int i = k == JsonToken.VALUE_STRING ? t.lookup(ctxs) : -1;
                ctx = i >= 0 ? CTX_VALUES[i] : null;
                if (ctx == null) {
                    throw t.fail("\"ctx\" must be one of " + CTXS + ", found " + t.found());
                }
            }
            case EventKeys.OWNER -> owner = name(key);
            case EventKeys.SITE -> site = name(key);
            case EventKeys.PFN -> page = k == JsonToken.VALUE_NULL ? Event.NULL_PFN : t.integer(key, 0, Long.MAX_VALUE);
            case EventKeys.ADDR -> page = k == JsonToken.VALUE_NULL ? Event.NULL_PFN : addr(key);
            case EventKeys.ORDER -> {
                if (k != JsonToken.VALUE_NUMBER_INT || !t.isLong()) {
                    throw t.fail(TraceRules.orderMustBe(maxOrder) + ", found " + t.found());
                }
                order = TraceRules.order(p.getLongValue(), maxOrder, t.here);
            }
            case EventKeys.GFP -> gfp(k);
            case EventKeys.FN -> fn = name(key);
            case EventKeys.MODE -> {
                String m = k == JsonToken.VALUE_STRING ? name(key) : null;
                if ("read".equals(m)) {
                    write = false;
                } else if ("write".equals(m)) {
                    write = true;
                } else {
                    throw t.fail("\"mode\" must be \"read\" or \"write\", found " + t.found());
                }
            }
            case EventKeys.TO -> to = name(key);
            case EventKeys.MESSAGE -> message = t.string(key);
            case EventKeys.CAUSE -> cause = t.integer(key, 0, Long.MAX_VALUE);
            case EventKeys.LABEL -> label = t.string(key);
            case EventKeys.STACK -> stack = stack(k);
            case EventKeys.GFP_UNPARSED -> gfpUnparsed = t.string(key);
            default -> throw new IllegalStateException("key " + key);
        }
    }

    /** A direct-map address as its pfn; 0x0 is NULL. */
    private long addr(String key) throws TraceException {
        long addr = t.hex(key);
        if (addr == 0) {
            return Event.NULL_PFN;
        }
        long pfn = machine.pfnOf(addr);
        if (pfn < 0) {
            throw t.fail("\"addr\" must be at or above the direct-map base 0x"
                    + Long.toHexString(machine.directMapBase()) + ", found " + t.found());
        }
        return pfn;
    }

    private void gfp(JsonToken k) throws TraceException {
        if (k != JsonToken.VALUE_STRING) {
            throw t.fail("\"gfp\" must be GFP flag names or a hex mask, found " + t.found());
        }
        int i = t.lookup(gfps);
        if (i >= 0) {
            gfpText = gfps.name(i);
            gfp = gfpMasks[i];
        } else {
            gfpText = p.getString();
            try {
                gfp = gfpNames.parse(gfpText);
            } catch (IllegalArgumentException e) {
                throw t.fail("\"gfp\" must be GFP flag names or a hex mask, found " + t.found() + ": "
                        + e.getMessage());
            }
            int id = JsonTokens.remember(gfps, gfpText);
            if (id >= gfpMasks.length) {
                gfpMasks = Arrays.copyOf(gfpMasks, gfpMasks.length * 2);
            }
            if (id >= 0) {
                gfpMasks[id] = gfp;
            }
        }
    }

    private List<String> stack(JsonToken k) throws TraceException {
        if (k != JsonToken.START_ARRAY) {
            throw t.fail("\"stack\" must be an array of strings, found " + t.found());
        }
        List<String> frames = new ArrayList<>();
        for (JsonToken f = t.token(); f != JsonToken.END_ARRAY; f = t.token()) {
            if (f != JsonToken.VALUE_STRING) {
                throw t.fail("\"stack\" must be an array of strings, found " + t.found() + " in it");
            }
            frames.add(p.getString());
        }
        return frames;
    }

    /**
     * A string for values that repeat (owner, site, fn, to, mode): one shared String per spelling,
     * so a repeated value allocates nothing.
     */
    private String name(String key) throws TraceException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw t.fail(quoteKey(key) + " must be a string, found " + t.found());
        }
        return t.shared(names);
    }

    // ---------------------------------------------------------------- the whole event

    private Event finish() throws TraceException {
        if (op == null) {
            throw t.failAt(eventLine, eventCol, "an event must have \"op\" (one of " + OPS + "), found none");
        }
        boolean seqGiven = keys.has(EventKeys.SEQ);
        long number = seqGiven ? seq : position;
        CommonFields common = new CommonFields(number, seqGiven, eventLine, eventCol, time, cpu, ctx, owner, site, stack);
        Event e = switch (op) {
            case ALLOC -> alloc(common);
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
                    throw t.failAt(eventLine, eventCol, "a transfer must have \"to\", found none");
                }
                yield new Event.Transfer(common, page, to);
            }
            case PANIC -> {
                if (message == null) {
                    throw t.failAt(eventLine, eventCol, "a panic must have \"message\", found none");
                }
                yield new Event.Panic(common, message, cause);
            }
            case MARK -> new Event.Mark(common, label);
        };
        if (seqGiven) {
            lastSeq = seq;
        }
        if (time != CommonFields.NO_TIME) {
            lastTime = time;
        }
        lastNumber = number;
        position++;
        t.current = -1;
        return e;
    }

    private Event alloc(CommonFields common) throws TraceException {
        int o = order == Event.ABSENT ? 0 : order;
        long mask = gfp < 0 ? Gfp.GFP_KERNEL : gfp;
        if (fn != impliedFn) {
            implied = EntryPoints.impliedGfp(fn, gfpNames);
            impliedFn = fn;
        }
        if (implied >= 0) {
            if (keys.has(EventKeys.ORDER)) {
                TraceRules.orderAsImplied(fn, order, orderAt);
            }
            if (keys.has(EventKeys.GFP)) {
                TraceRules.gfpAsImplied(fn, gfp, implied, gfpNames, gfpFound, gfpAt);
            }
            o = 0;
            mask = implied;
        }
        TraceRules.allocBlock(page, o, machine, keys.has(EventKeys.ADDR), pageAt);
        return new Event.Alloc(common, o, mask, fn, page, gfpUnparsed);
    }

    private void requirePage(String what) throws TraceException {
        if (!keys.has(EventKeys.PFN) && !keys.has(EventKeys.ADDR)) {
            throw t.failAt(eventLine, eventCol, what + " must have \"pfn\" or \"addr\", found neither");
        }
    }

    private void requireNonNullPage(String what) throws TraceException {
        if (page == Event.NULL_PFN) {
            throw keyFail(pageKey(), pageKeyName() + " of " + what + " must be a page, found " + pageText);
        }
    }

    private int pageKey() {
        return keys.has(EventKeys.ADDR) ? EventKeys.ADDR : EventKeys.PFN;
    }

    private String pageKeyName() {
        return keys.has(EventKeys.ADDR) ? "\"addr\"" : "\"pfn\"";
    }

    private TraceException keyFail(int id, String detail) {
        return t.failAt(keys.line(id), keys.column(id), detail);
    }
}
