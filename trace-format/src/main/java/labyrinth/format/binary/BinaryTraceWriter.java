package labyrinth.format.binary;

import static labyrinth.format.binary.BinaryFormat.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labyrinth.format.TraceWriter;
import labyrinth.format.json.JsonTraceWriter;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * Writes the compact binary encoding of docs/binary-format.md: the magic bytes, the header as a
 * length-prefixed JSON document, then one record per event (strings defined once, numbers as
 * LEB128 varints, times as deltas) and an end record on {@link #close()}. Not thread-safe.
 */
public final class BinaryTraceWriter implements TraceWriter {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int len;
    private final Map<String, Integer> strings = new HashMap<>();
    private long lastTime;
    private long lastNumber = -1;
    private long events;
    private boolean closed;

    private BinaryTraceWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes the magic bytes and {@code header}; events follow with {@link #write}. */
    public static BinaryTraceWriter open(OutputStream out, Header header) throws IOException {
        BinaryTraceWriter w = new BinaryTraceWriter(out);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        // header only: closed at once, "events" stays empty
        JsonTraceWriter.document(json, header).close();
        byte[] h = json.toByteArray();
        w.bytes(MAGIC, MAGIC.length);
        w.varint(VERSION);
        w.varint(h.length);
        w.bytes(h, h.length);
        return w;
    }

    @Override
    public void write(Event e) throws IOException {
        CommonFields c = e.common();
        int owner = c.owner() == null ? -1 : id(c.owner());
        int site = c.site() == null ? -1 : id(c.site());
        int fn = e instanceof Event.Alloc a && a.fn() != null ? id(a.fn()) : -1;
        int unparsed = e instanceof Event.Alloc a && a.gfpUnparsed() != null ? id(a.gfpUnparsed()) : -1;
        int to = e instanceof Event.Transfer t ? id(t.to()) : -1;
        int text = e instanceof Event.Panic p ? id(p.message())
                : e instanceof Event.Mark m && m.label() != null ? id(m.label()) : -1;
        List<String> stack = c.stack();
        int[] frames = new int[stack.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = id(stack.get(i));
        }
        int ext = (c.seqGiven() ? X_SEQ : 0) | (c.ctx().ordinal() << X_CTX_SHIFT)
                | (frames.length > 0 ? X_STACK : 0) | (fn >= 0 ? X_FN : 0) | (unparsed >= 0 ? X_GFP_UNPARSED : 0);
        int tag = e.op().ordinal() | (c.time() != CommonFields.NO_TIME ? F_TIME : 0) | (c.cpu() >= 0 ? F_CPU : 0)
                | (owner >= 0 ? F_OWNER : 0) | (site >= 0 ? F_SITE : 0) | (ext != 0 ? F_EXT : 0);
        room(64);
        buf[len++] = (byte) tag;
        if (ext != 0) {
            buf[len++] = (byte) ext;
        }
        if (c.seqGiven()) {
            varint(c.number() - lastNumber - 1); // seqs only grow
        }
        lastNumber = c.number();
        if (c.time() != CommonFields.NO_TIME) {
            long d = c.time() - lastTime;
            varint((d << 1) ^ (d >> 63));
            lastTime = c.time();
        }
        if (c.cpu() >= 0) {
            varint(c.cpu());
        }
        if (owner >= 0) {
            varint(owner);
        }
        if (site >= 0) {
            varint(site);
        }
        if (frames.length > 0) {
            varint(frames.length);
            for (int f : frames) {
                room(10);
                varint(f);
            }
        }
        room(64);
        if (e instanceof Event.Alloc a) {
            buf[len++] = (byte) a.order();
            varint(a.gfp());
            varint(a.pfn() + 2);
            if (fn >= 0) {
                varint(fn);
            }
            if (unparsed >= 0) {
                varint(unparsed);
            }
        } else if (e instanceof Event.Free f) {
            varint(f.pfn() + 1);
            varint(f.order() + 1);
        } else if (e instanceof Event.Access a) {
            varint(a.pfn() << 1 | (a.write() ? 1 : 0));
        } else if (e instanceof Event.Transfer t) {
            varint(t.pfn());
            varint(to);
        } else if (e instanceof Event.Panic p) {
            varint(text);
            varint(p.cause() + 1);
        } else {
            varint(text + 1);
        }
        events++;
    }

    /** A string's id, defining it first (a string record) when it is new. */
    private int id(String s) throws IOException {
        Integer id = strings.get(s);
        if (id != null) {
            return id;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        room(16);
        buf[len++] = T_STRING;
        varint(b.length);
        bytes(b, b.length);
        int n = strings.size();
        strings.put(s, n);
        return n;
    }

    @Override
    public void flush() throws IOException {
        out.write(buf, 0, len);
        len = 0;
        out.flush();
    }

    /** Writes the end record (its absence marks a cut file) and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        room(16);
        buf[len++] = T_END;
        varint(events);
        out.write(buf, 0, len);
        len = 0;
        out.close();
    }

    private void room(int n) throws IOException {
        if (len + n > buf.length) {
            out.write(buf, 0, len);
            len = 0;
        }
    }

    private void bytes(byte[] b, int n) throws IOException {
        int off = 0;
        while (off < n) {
            if (len == buf.length) {
                out.write(buf, 0, len);
                len = 0;
            }
            int k = Math.min(n - off, buf.length - len);
            System.arraycopy(b, off, buf, len, k);
            len += k;
            off += k;
        }
    }

    /** An unsigned LEB128 varint; callers make room for its (at most 10) bytes. */
    private void varint(long v) throws IOException {
        if (len + 10 > buf.length) {
            room(10);
        }
        while ((v & ~0x7fL) != 0) {
            buf[len++] = (byte) (v & 0x7f | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    static Context ctx(int ordinal) {
        return Context.values()[ordinal];
    }
}
