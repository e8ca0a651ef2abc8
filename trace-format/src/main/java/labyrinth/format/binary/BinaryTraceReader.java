package labyrinth.format.binary;

import static labyrinth.format.binary.BinaryFormat.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import labyrinth.core.Machine;
import labyrinth.format.ReadErrors;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceBytes;
import labyrinth.format.json.HeaderReader;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Op;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceRules;
import labyrinth.trace.TraceSource;

/**
 * Reads the compact binary encoding (docs/binary-format.md), recognised by its magic bytes. The
 * header is a JSON document checked by the JSON codec's {@link HeaderReader}; events are decoded
 * from a byte buffer, and each decoded value is checked by {@link TraceRules}, as the JSON reader
 * checks it. The buffer with no per-event lookups: strings are defined once and then named by index, so every
 * event naming an owner shares one String. A file that ends inside a record or before the end
 * record yields its complete events, then {@link #truncation()}. Events carry no line or column
 * (0): messages name the byte offset instead. Not thread-safe: one per trace.
 */
public final class BinaryTraceReader implements TraceSource {
    private static final Op[] OPS = Op.values();
    private static final Context[] CTXS = Context.values();

    private final String name;
    private final TraceBytes in;
    private final ReaderLimits limits;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private Header header;
    private Machine machine;
    private int maxOrder;
    private String[] strings = new String[64];
    private int stringCount;
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
        if (!ensure(MAGIC.length) || !matches(Arrays.copyOfRange(buf, pos, pos + MAGIC.length))) {
            throw fail(-1, "not a Labyrinth binary trace (no magic bytes)");
        }
        pos += MAGIC.length;
        long version;
        long length;
        try {
            version = varint();
            length = varint();
        } catch (Cut c) {
            throw fail(-1, "cut short in its header");
        }
        if (version != VERSION) {
            throw fail(-1, "binary format version " + version + " is not supported (this reader knows " + VERSION + ")");
        }
        if (length < 0 || length > 1 << 26) {
            throw fail(-1, "header length " + length + " is out of range");
        }
        if (!ensure((int) length)) {
            throw fail(-1, "cut short in its header");
        }
        byte[] json = Arrays.copyOfRange(buf, pos, pos + (int) length);
        pos += (int) length;
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
        if (done) {
            return null;
        }
        try {
            while (true) {
                recordStart = offset();
                if (end - pos < 1 && !ensure(1)) {
                    cut();
                    return null;
                }
                int tag = buf[pos++] & 0xff;
                int op = tag & OP_MASK;
                if (op < OPS.length) {
                    return event(tag, op);
                } else if (op == T_STRING) {
                    string();
                } else {
                    finishEnd();
                    return null;
                }
            }
        } catch (Cut c) {
            cut();
            return null;
        } catch (IOException e) {
            done = true;
            throw ReadErrors.cannotRead(name, e);
        } catch (TraceException | RuntimeException e) {
            done = true;
            throw e;
        }
    }

    private Event event(int tag, int op) throws IOException, TraceException {
        int ext = (tag & F_EXT) != 0 ? byte1() : 0;
        boolean seqGiven = (ext & X_SEQ) != 0;
        long number = seqGiven ? lastNumber + 1 + varint() : position;
        current = number;
        if (seqGiven) {
            TraceRules.seq(number, lastSeq, here);
        }
        long time = CommonFields.NO_TIME;
        if ((tag & F_TIME) != 0) {
            long z = varint();
            time = lastTime + ((z >>> 1) ^ -(z & 1));
            TraceRules.time(time, timeSeen ? lastTime : CommonFields.NO_TIME, here);
        }
        int cpu = (tag & F_CPU) != 0 ? (int) varint() : -1;
        String owner = (tag & F_OWNER) != 0 ? str(number) : null;
        String site = (tag & F_SITE) != 0 ? str(number) : null;
        int ctxOrdinal = (ext & X_CTX_MASK) >>> X_CTX_SHIFT;
        if (ctxOrdinal >= CTXS.length) {
            throw fail(number, "ctx code " + ctxOrdinal + " is not a context");
        }
        List<String> stack = null;
        if ((ext & X_STACK) != 0) {
            long n = varint();
            if (n > limits.maxStringLength()) {
                throw fail(number, "stack of " + n + " frames is out of range");
            }
            stack = new ArrayList<>((int) n);
            for (int i = 0; i < n; i++) {
                stack.add(str(number));
            }
        }
        CommonFields c = new CommonFields(number, seqGiven, 0, 0, time, cpu, CTXS[ctxOrdinal], owner, site, stack);
        Event e = switch (OPS[op]) {
            case ALLOC -> {
                int order = byte1();
                long gfp = varint();
                long pfn = varint() - 2;
                String fn = (ext & X_FN) != 0 ? str(number) : null;
                String unparsed = (ext & X_GFP_UNPARSED) != 0 ? str(number) : null;
                TraceRules.order(order, maxOrder, here);
                if (pfn < Event.UNRECORDED) {
                    throw fail(number, "recorded pfn " + pfn + " of order " + order + " is not a block inside the machine");
                }
                TraceRules.allocBlock(pfn, order, machine, false, here);
                yield new Event.Alloc(c, order, gfp, fn, pfn, unparsed);
            }
            case FREE -> {
                long pfn = varint() - 1;
                long order = varint() - 1;
                if (pfn < Event.NULL_PFN || order < Event.ABSENT) {
                    throw fail(number, "free of pfn " + pfn + " order " + order + " is out of range");
                }
                if (order != Event.ABSENT) {
                    TraceRules.order(order, maxOrder, here);
                }
                yield new Event.Free(c, pfn, (int) order);
            }
            case ACCESS -> {
                long v = varint();
                if (v < 0) {
                    throw fail(number, "access pfn is out of range");
                }
                yield new Event.Access(c, v >>> 1, (v & 1) != 0);
            }
            case TRANSFER -> {
                long pfn = varint();
                if (pfn < 0) {
                    throw fail(number, "transfer pfn is out of range");
                }
                yield new Event.Transfer(c, pfn, str(number));
            }
            case PANIC -> new Event.Panic(c, str(number), varint() - 1);
            case MARK -> {
                long id = varint();
                yield new Event.Mark(c, id == 0 ? null : str(number, id - 1));
            }
        };
        if (time != CommonFields.NO_TIME) {
            lastTime = time;
            timeSeen = true;
        }
        if (seqGiven) {
            lastSeq = number;
        }
        lastNumber = number;
        position++;
        return e;
    }

    private void string() throws IOException, TraceException {
        long n = varint();
        if (n < 0 || n > limits.maxStringLength()) {
            throw fail(-1, "string of " + n + " bytes is longer than the reader limit of " + limits.maxStringLength()
                    + " characters (max-string-length)");
        }
        if (!ensure((int) n)) {
            throw new Cut();
        }
        String s = new String(buf, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        if (stringCount == strings.length) {
            strings = Arrays.copyOf(strings, stringCount * 2);
        }
        strings[stringCount++] = s;
    }

    private String str(long event) throws IOException, TraceException {
        return str(event, varint());
    }

    private String str(long event, long id) throws TraceException {
        if (id < 0 || id >= stringCount) {
            throw fail(event, "string " + id + " is not defined (" + stringCount + " are)");
        }
        return strings[(int) id];
    }

    private void finishEnd() throws IOException, TraceException {
        long count = varint();
        if (count != position) {
            throw fail(-1, "the end record counts " + count + " events, the file holds " + position);
        }
        if (end - pos > 0 || ensure(1)) {
            recordStart = offset();
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

    // ---------------------------------------------------------------- bytes

    /** The input ended inside a record. */
    private static final class Cut extends RuntimeException {
        Cut() {
            super(null, null, false, false);
        }
    }

    private long offset() {
        return in.count() - (end - pos);
    }

    private int byte1() throws IOException {
        if (pos == end && !ensure(1)) {
            throw new Cut();
        }
        return buf[pos++] & 0xff;
    }

    /** An unsigned LEB128 varint of at most 10 bytes. */
    private long varint() throws IOException {
        if (end - pos >= 10) {
            byte[] b = buf;
            int p = pos;
            long v = b[p++];
            if (v >= 0) {
                pos = p;
                return v;
            }
            v &= 0x7f;
            int shift = 7;
            while (true) {
                long x = b[p++];
                v |= (x & 0x7f) << shift;
                if (x >= 0 || shift >= 63) {
                    pos = p;
                    return v;
                }
                shift += 7;
            }
        }
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            long x = byte1();
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0 || shift >= 63) {
                return v;
            }
        }
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false when the input ends first. */
    private boolean ensure(int n) throws IOException {
        if (end - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        while (end < n && !eof) {
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
        return end - pos >= n;
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
