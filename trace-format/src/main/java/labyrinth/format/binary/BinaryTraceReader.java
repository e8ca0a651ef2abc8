package labyrinth.format.binary;

import static labyrinth.format.binary.BinaryFormat.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Machine;
import labyrinth.format.ReadErrors;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceBytes;
import labyrinth.format.json.HeaderReader;
import labyrinth.trace.ColumnSource;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Header;
import labyrinth.trace.Op;
import labyrinth.trace.StringTable;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceRules;

/**
 * Reads the compact binary encoding (docs/binary-format.md), recognised by its magic bytes. The
 * header is a JSON document checked by the JSON codec's {@link HeaderReader}; events are decoded
 * from a byte buffer, a batch of primitive columns at a time ({@link #fill}: no object per
 * event), and each decoded value is checked by {@link TraceRules}, as the JSON reader checks it. No
 * per-event lookups: strings are defined once and then named by id, so every event naming an owner
 * shares one String, and the columns carry the id. {@link #next} builds each event from the columns.
 * A file that ends inside a record or before the end record yields its complete events, then
 * {@link #truncation()}. Events carry no line or column
 * (0): messages name the byte offset instead. Not thread-safe: one per trace.
 */
public final class BinaryTraceReader implements ColumnSource {
    private static final Op[] OPS = Op.values();
    private static final Context[] CTXS = Context.values();

    private final String name;
    private final TraceBytes in;
    private final ReaderLimits limits;
    private final ByteCursor bytes;
    private Header header;
    private Machine machine;
    private int maxOrder;
    private final StringTable strings = new StringTable();
    /** The events {@link #next} hands over. */
    private final EventColumns own = new EventColumns();
    /** Events of {@link #own} that {@link #next} handed over. */
    private int handed;
    /** The batch being filled. */
    private EventColumns batch;
    /** The error that ended the last batch (a TraceException or a RuntimeException), for the next call. */
    private Exception failure;
    private long position;
    private long lastNumber = -1;
    /** Delta base of {@code t}; 0 before the first. */
    private long lastTime;
    private boolean timeSeen;
    /** The last {@code seq} given, for {@link TraceRules#seq}; -1: none yet. */
    private long lastSeq = -1;
    /** The event being decoded, for messages. */
    private long current = -1;
    /** Errors at the record being decoded. */
    private final TraceRules.Where here = d -> fail(current, d);
    private long recordStart;
    private boolean done;
    private Truncation truncation;

    private BinaryTraceReader(TraceBytes in, String name, ReaderLimits limits) {
        this.in = in;
        this.bytes = new ByteCursor(in);
        this.name = name;
        this.limits = limits;
    }

    /** Reads the magic bytes and the header of bytes another component recognised as binary; owns them. */
    public static BinaryTraceReader open(TraceBytes bytes, String displayName, ReaderLimits limits)
            throws TraceException {
        BinaryTraceReader r = new BinaryTraceReader(bytes, displayName, limits);
        try {
            r.readHeader();
            return r;
        } catch (TraceException | RuntimeException e) {
            try {
                bytes.close();
            } catch (IOException ignored) {
                // the format error is the one to report
            }
            throw e;
        } catch (IOException e) {
            try {
                bytes.close();
            } catch (IOException ignored) {
                // the read error is the one to report
            }
            throw ReadErrors.cannotRead(displayName, e);
        }
    }

    private void readHeader() throws IOException, TraceException {
        if (!bytes.ensure(MAGIC.length) || !matches(bytes.take(MAGIC.length))) {
            throw fail(-1, "not a Labyrinth binary trace (no magic bytes)");
        }
        long version;
        long length;
        try {
            version = bytes.varint();
            length = bytes.varint();
        } catch (ByteCursor.Cut c) {
            throw fail(-1, "cut short in its header");
        }
        if (version != VERSION) {
            throw fail(-1, "binary format version " + version + " is not supported (this reader knows " + VERSION + ")");
        }
        if (length < 0 || length > 1 << 26) {
            throw fail(-1, "header length " + length + " is out of range");
        }
        if (!bytes.ensure((int) length)) {
            throw fail(-1, "cut short in its header");
        }
        byte[] json = bytes.take((int) length);
        header = HeaderReader.headerOnly(json, name + " (header)", limits, d -> fail(-1, d));
        machine = header.machine();
        maxOrder = machine.maxOrder();
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
    public Truncation truncation() {
        return truncation;
    }

    @Override
    public long bytesRead() {
        return in.rawCount();
    }

    @Override
    public Event next() throws TraceException {
        if (handed == own.size()) {
            handed = 0;
            if (!fill(own)) {
                return null;
            }
        }
        return own.event(handed++);
    }

    /**
     * Decodes up to a batch of events. An error ends the batch; it is thrown by the next call, so
     * that every event before it is handed over first.
     */
    @Override
    public boolean fill(EventColumns into) throws TraceException {
        batch = into;
        batch.clear(strings);
        if (failure != null) {
            throwFailure();
        }
        try {
            while (!done && !batch.full()) {
                recordStart = bytes.offset();
                if (!bytes.ensure(1)) {
                    cut();
                    break;
                }
                int tag = bytes.byte1();
                int op = tag & OP_MASK;
                if (op < OPS.length) {
                    event(tag, op);
                } else if (op == T_STRING) {
                    string();
                } else {
                    finishEnd();
                }
            }
        } catch (ByteCursor.Cut c) {
            cut();
        } catch (IOException e) {
            done = true;
            failure = ReadErrors.cannotRead(name, e);
        } catch (TraceException | RuntimeException e) {
            done = true;
            failure = e;
        }
        if (batch.size() == 0) {
            if (failure != null) {
                throwFailure();
            }
            return false;
        }
        return true;
    }

    private void throwFailure() throws TraceException {
        Exception f = failure;
        failure = null;
        if (f instanceof TraceException t) {
            throw t;
        }
        throw (RuntimeException) f;
    }

    /** Decodes one event into the batch; nothing is added when it is cut short or broken. */
    private void event(int tag, int op) throws IOException, TraceException {
        int ext = (tag & F_EXT) != 0 ? bytes.byte1() : 0;
        boolean seqGiven = (ext & X_SEQ) != 0;
        long number = seqGiven ? lastNumber + 1 + bytes.varint() : position;
        current = number;
        if (seqGiven) {
            TraceRules.seq(number, lastSeq, here);
        }
        long time = CommonFields.NO_TIME;
        if ((tag & F_TIME) != 0) {
            long z = bytes.varint();
            time = lastTime + ((z >>> 1) ^ -(z & 1));
            TraceRules.time(time, timeSeen ? lastTime : CommonFields.NO_TIME, here);
        }
        int cpu = (tag & F_CPU) != 0 ? (int) bytes.varint() : -1;
        int owner = (tag & F_OWNER) != 0 ? strId(number) : -1;
        int site = (tag & F_SITE) != 0 ? strId(number) : -1;
        int ctxOrdinal = (ext & X_CTX_MASK) >>> X_CTX_SHIFT;
        if (ctxOrdinal >= CTXS.length) {
            throw fail(number, "ctx code " + ctxOrdinal + " is not a context");
        }
        List<String> stack = null;
        if ((ext & X_STACK) != 0) {
            long n = bytes.varint();
            if (n > limits.maxStringLength()) {
                throw fail(number, "stack of " + n + " frames is out of range");
            }
            stack = new ArrayList<>((int) n);
            for (int i = 0; i < n; i++) {
                stack.add(strings.get(strId(number)));
            }
        }
        Context ctx = CTXS[ctxOrdinal];
        Op o = OPS[op];
        switch (o) {
            case ALLOC -> {
                int order = bytes.byte1();
                long gfp = bytes.varint();
                long pfn = bytes.varint() - 2;
                int fn = (ext & X_FN) != 0 ? strId(number) : -1;
                int unparsed = (ext & X_GFP_UNPARSED) != 0 ? strId(number) : -1;
                TraceRules.order(order, maxOrder, here);
                if (pfn < Event.UNRECORDED) {
                    throw fail(number, "recorded pfn " + pfn + " of order " + order + " is not a block inside the machine");
                }
                TraceRules.allocBlock(pfn, order, machine, false, here);
                int i = batch.add(o, number, seqGiven, 0, 0, time, cpu, ctx, owner, site);
                if (stack != null || unparsed >= 0) {
                    batch.whole(i, new Event.Alloc(common(i, stack), order, gfp, batch.string(fn), pfn,
                            batch.string(unparsed)));
                } else {
                    batch.alloc(i, order, gfp, pfn, fn);
                }
            }
            case FREE -> {
                long pfn = bytes.varint() - 1;
                long order = bytes.varint() - 1;
                if (pfn < Event.NULL_PFN || order < Event.ABSENT) {
                    throw fail(number, "free of pfn " + pfn + " order " + order + " is out of range");
                }
                if (order != Event.ABSENT) {
                    TraceRules.order(order, maxOrder, here);
                }
                int i = batch.add(o, number, seqGiven, 0, 0, time, cpu, ctx, owner, site);
                if (stack != null) {
                    batch.whole(i, new Event.Free(common(i, stack), pfn, (int) order));
                } else {
                    batch.free(i, pfn, (int) order);
                }
            }
            case ACCESS -> {
                long v = bytes.varint();
                if (v < 0) {
                    throw fail(number, "access pfn is out of range");
                }
                int i = batch.add(o, number, seqGiven, 0, 0, time, cpu, ctx, owner, site);
                if (stack != null) {
                    batch.whole(i, new Event.Access(common(i, stack), v >>> 1, (v & 1) != 0));
                } else {
                    batch.access(i, v >>> 1, (v & 1) != 0);
                }
            }
            case TRANSFER -> {
                long pfn = bytes.varint();
                if (pfn < 0) {
                    throw fail(number, "transfer pfn is out of range");
                }
                int to = strId(number);
                int i = batch.add(o, number, seqGiven, 0, 0, time, cpu, ctx, owner, site);
                if (stack != null) {
                    batch.whole(i, new Event.Transfer(common(i, stack), pfn, batch.string(to)));
                } else {
                    batch.transfer(i, pfn, to);
                }
            }
            case PANIC -> {
                String message = strings.get(strId(number));
                long cause = bytes.varint() - 1;
                int i = batch.add(o, number, seqGiven, 0, 0, time, cpu, ctx, owner, site);
                batch.whole(i, new Event.Panic(common(i, stack), message, cause));
            }
            case MARK -> {
                long id = bytes.varint();
                String label = id == 0 ? null : strings.get(strId(number, id - 1));
                int i = batch.add(o, number, seqGiven, 0, 0, time, cpu, ctx, owner, site);
                batch.whole(i, new Event.Mark(common(i, stack), label));
            }
        }
        if (time != CommonFields.NO_TIME) {
            lastTime = time;
            timeSeen = true;
        }
        if (seqGiven) {
            lastSeq = number;
        }
        lastNumber = number;
        position++;
    }

    /** The common fields of event {@code i} of the batch, for an event that travels whole. */
    private CommonFields common(int i, List<String> stack) {
        return new CommonFields(batch.number(i), batch.seqGiven(i), 0, 0, batch.time(i), batch.cpu(i), batch.ctx(i),
                batch.string(batch.owner(i)), batch.string(batch.site(i)), stack);
    }

    private void string() throws IOException, TraceException {
        long n = bytes.varint();
        if (n < 0 || n > limits.maxStringLength()) {
            throw fail(-1, "string of " + n + " bytes is longer than the reader limit of " + limits.maxStringLength()
                    + " characters (max-string-length)");
        }
        strings.add(bytes.utf8((int) n));
    }

    private int strId(long event) throws IOException, TraceException {
        return strId(event, bytes.varint());
    }

    private int strId(long event, long id) throws TraceException {
        if (id < 0 || id >= strings.size()) {
            throw fail(event, "string " + id + " is not defined (" + strings.size() + " are)");
        }
        return (int) id;
    }

    private void finishEnd() throws IOException, TraceException {
        long count = bytes.varint();
        if (count != position) {
            throw fail(-1, "the end record counts " + count + " events, the file holds " + position);
        }
        if (bytes.ensure(1)) {
            recordStart = bytes.offset();
            throw fail(-1, "expected the end of the file after the end record, found more bytes");
        }
        done = true;
        if (in.cut()) {
            truncation = new Truncation(lastNumber, position, in.count());
        }
    }

    private void cut() {
        done = true;
        truncation = new Truncation(lastNumber, position, in.count());
    }

    private TraceException fail(long event, String detail) {
        return new TraceException(name, 0, 0, event, detail + " (byte " + recordStart + ")");
    }

    @Override
    public void close() throws IOException {
        done = true;
        in.close();
    }
}
