package labyrinth.format.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import labyrinth.format.TraceWriter;
import labyrinth.core.Gfp;
import labyrinth.core.GfpNames;
import labyrinth.core.KernelVersion;
import labyrinth.core.Machine;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.EntryPoints;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a trace in either JSON encoding, one event per line, so that {@link JsonTraceReader}
 * reads back equal events (positions aside). Writes {@code pfn}, never {@code addr}; {@code seq}
 * only where the event had one; {@code gfp} as names of the trace's kernel (hex when a bit has no
 * name); and leaves out
 * keys at their default ({@code order} 0, {@code GFP_KERNEL}, {@code ctx} task, {@code mode}
 * write, and {@code order}/{@code gfp} a known {@code fn} implies). Non-string, non-number
 * {@code meta} values are written as strings.
 *
 * <p>Not thread-safe. {@link #close()} finishes the document and closes the stream.
 */
public final class JsonTraceWriter implements TraceWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().rootValueSeparator("").build();

    private final JsonGenerator g;
    private final boolean document;
    /** The trace's kernel's names: what is written must read back to the same mask. */
    private final GfpNames names;
    private boolean first = true;
    private boolean closed;

    private JsonTraceWriter(OutputStream out, Header header, boolean document) throws IOException {
        this.document = document;
        this.names = header.machine().gfpNames();
        // the header is written whole and, for a document, reopened for "events"; events are then
        // root values of one generator, so their separators are ours, not Jackson's
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try (JsonGenerator h = FACTORY.createGenerator(ObjectWriteContext.empty(), head)) {
            writeHeader(h, header);
        } catch (JacksonException e) {
            throw unwrap(e);
        }
        byte[] bytes = head.toByteArray();
        if (document) {
            out.write(bytes, 0, bytes.length - 1);
            out.write(",\"events\":[".getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(bytes);
            out.write('\n');
        }
        this.g = FACTORY.createGenerator(ObjectWriteContext.empty(), out);
    }

    private static void writeHeader(JsonGenerator g, Header header) {
        g.writeStartObject();
        g.writeNumberProperty("labyrinth", header.version());
        g.writeStringProperty("scope", header.scope().label());
        g.writeName("machine");
        writeMachine(g, header.machine());
        if (!header.meta().isEmpty()) {
            g.writeName("meta");
            g.writeStartObject();
            for (Map.Entry<String, Object> m : header.meta().entrySet()) {
                g.writeName(m.getKey());
                Object v = m.getValue();
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    g.writeNumber(((Number) v).longValue());
                } else if (v instanceof Number n) {
                    g.writeNumber(n.doubleValue());
                } else {
                    g.writeString(String.valueOf(v));
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A writer of the document encoding: one object whose {@code events} array closes on {@link #close()}. */
    public static JsonTraceWriter document(OutputStream out, Header header) throws IOException {
        return new JsonTraceWriter(out, header, true);
    }

    /** A writer of the JSON Lines encoding: the header line, then one line per event. */
    public static JsonTraceWriter stream(OutputStream out, Header header) throws IOException {
        return new JsonTraceWriter(out, header, false);
    }

    /**
     * Appends one event.
     *
     * @throws IllegalArgumentException when the event contradicts its own {@code fn}
     */
    @Override
    public void write(Event event) throws IOException {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        try {
            if (document) {
                g.writeRaw(first ? "\n" : ",\n");
            }
            first = false;
            g.writeStartObject();
            CommonFields c = event.common();
            if (c.seqGiven()) {
                g.writeNumberProperty("seq", c.number());
            }
            if (c.time() != CommonFields.NO_TIME) {
                g.writeNumberProperty("t", c.time());
            }
            if (c.cpu() >= 0) {
                g.writeNumberProperty("cpu", c.cpu());
            }
            if (c.ctx() != Context.TASK) {
                g.writeStringProperty("ctx", c.ctx().label());
            }
            if (c.owner() != null) {
                g.writeStringProperty("owner", c.owner());
            }
            g.writeStringProperty("op", event.op().label());
            writeBody(event);
            if (c.site() != null) {
                g.writeStringProperty("site", c.site());
            }
            if (!c.stack().isEmpty()) {
                g.writeName("stack");
                g.writeStartArray();
                for (String frame : c.stack()) {
                    g.writeString(frame);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            if (!document) {
                g.writeRaw('\n');
            }
        } catch (JacksonException e) {
            throw unwrap(e);
        }
    }

    private void writeBody(Event event) {
        if (event instanceof Event.Alloc a) {
            long implied = EntryPoints.impliedGfp(a.fn(), names);
            if (a.fn() != null) {
                g.writeStringProperty("fn", a.fn());
            }
            if (implied >= 0) {
                if (a.order() != 0 || a.gfp() != implied) {
                    throw new IllegalArgumentException("event " + a.number() + ": fn " + a.fn() + " implies order 0 and "
                            + names.format(implied) + ", found order " + a.order() + " and " + names.format(a.gfp()));
                }
            } else {
                if (a.order() != 0) {
                    g.writeNumberProperty("order", a.order());
                }
                if (a.gfp() != Gfp.GFP_KERNEL) {
                    g.writeStringProperty("gfp", gfpText(a.gfp(), names));
                }
            }
            if (a.gfpUnparsed() != null) {
                g.writeStringProperty("gfpUnparsed", a.gfpUnparsed());
            }
            if (a.pfn() != Event.UNRECORDED) {
                writePfn(a.pfn());
            }
        } else if (event instanceof Event.Free f) {
            writePfn(f.pfn());
            if (f.order() != Event.ABSENT) {
                g.writeNumberProperty("order", f.order());
            }
        } else if (event instanceof Event.Access a) {
            writePfn(a.pfn());
            if (!a.write()) {
                g.writeStringProperty("mode", "read");
            }
        } else if (event instanceof Event.Transfer t) {
            writePfn(t.pfn());
            g.writeStringProperty("to", t.to());
        } else if (event instanceof Event.Panic p) {
            g.writeStringProperty("message", p.message());
            if (p.cause() != Event.ABSENT) {
                g.writeNumberProperty("cause", p.cause());
            }
        } else if (event instanceof Event.Mark m) {
            if (m.label() != null) {
                g.writeStringProperty("label", m.label());
            }
        }
    }

    /** Names where every bit has one ({@code names.parse} reads them back), else hex. */
    static String gfpText(long mask, GfpNames names) {
        String text = names.names(mask);
        return text.isEmpty() || text.contains("0x") ? "0x" + Long.toHexString(mask) : text;
    }

    private void writePfn(long pfn) {
        g.writeName("pfn");
        if (pfn == Event.NULL_PFN) {
            g.writeNull();
        } else {
            g.writeNumber(pfn);
        }
    }

    private static void writeMachine(JsonGenerator g, Machine m) {
        g.writeStartObject();
        if (m.pageSize() != Machine.DEFAULT_PAGE_SIZE) {
            g.writeNumberProperty("pageSize", m.pageSize());
        }
        if (m.maxOrder() != Machine.DEFAULT_MAX_ORDER) {
            g.writeNumberProperty("maxOrder", m.maxOrder());
        }
        if (m.directMapBase() != Machine.DEFAULT_DIRECT_MAP_BASE) {
            g.writeStringProperty("directMapBase", "0x" + Long.toHexString(m.directMapBase()));
        }
        if (m.minFreeKbytesGiven()) {
            g.writeNumberProperty("minFreeKbytes", m.minFreeKbytes());
        }
        if (m.watermarkScaleFactor() != Machine.DEFAULT_WATERMARK_SCALE_FACTOR) {
            g.writeNumberProperty("watermarkScaleFactor", m.watermarkScaleFactor());
        }
        if (!m.transparentHugepages()) {
            g.writeBooleanProperty("transparentHugepages", false);
        }
        if (!m.kernel().equals(KernelVersion.DEFAULT)) {
            g.writeStringProperty("kernel", m.kernel().text());
        }
        ZoneSpec only = m.zones().size() == 1 ? m.zones().get(0) : null;
        if (only != null && only.kind() == ZoneKind.NORMAL && only.startPfn() == 0 && only.watermarks() == null
                && only.lowmemReserve().isEmpty()) {
            g.writeNumberProperty("pages", only.pages());
        } else {
            g.writeName("zones");
            g.writeStartArray();
            for (ZoneSpec z : m.zones()) {
                g.writeStartObject();
                g.writeStringProperty("name", z.kind().label());
                g.writeNumberProperty("startPfn", z.startPfn());
                g.writeNumberProperty("pages", z.pages());
                if (z.watermarks() != null) {
                    g.writeName("watermarks");
                    g.writeStartObject();
                    g.writeNumberProperty("min", z.watermarks().min());
                    g.writeNumberProperty("low", z.watermarks().low());
                    g.writeNumberProperty("high", z.watermarks().high());
                    g.writeEndObject();
                }
                if (!z.lowmemReserve().isEmpty()) {
                    g.writeName("lowmemReserve");
                    g.writeStartObject();
                    for (ZoneKind k : ZoneKind.values()) {
                        Long v = z.lowmemReserve().get(k);
                        if (v != null) {
                            g.writeNumberProperty(k.label(), v);
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Flushes what was written so far (a crash then leaves a readable prefix). */
    @Override
    public void flush() throws IOException {
        try {
            g.flush();
        } catch (JacksonException e) {
            throw unwrap(e);
        }
    }

    /** Finishes the document (closing {@code events} and the object) and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (document) {
                g.writeRaw(first ? "]}\n" : "\n]}\n");
            }
            g.close();
        } catch (JacksonException e) {
            throw unwrap(e);
        }
    }

    private static IOException unwrap(JacksonException e) {
        return e.getCause() instanceof IOException io ? io : new IOException(e.getOriginalMessage(), e);
    }
}
