package labyrinth.cli.report;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.core.GfpNames;
import labyrinth.core.ZoneState;
import labyrinth.replay.Finding;
import labyrinth.replay.Holding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.MemInfo;
import labyrinth.replay.PanicVerdict;
import labyrinth.replay.Related;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Summary;
import labyrinth.replay.ZoneHeadroom;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * The JSON report of CLI.md ({@code "report": 1}). Keys are written in a fixed order and maps are
 * sorted, so the same result always gives the same bytes. Stateless.
 */
public final class JsonReport {
    /** Version of the report's shape; bumped on any change to the keys CLI.md lists. */
    public static final int VERSION = 1;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonReport() {
    }

    /** A generator that indents by one space per level with {@code \n} line ends on every platform. */
    public static JsonGenerator generator(Writer out) {
        Separators separators = Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        ObjectWriteContext ctx = new ObjectWriteContext.Base() {
            @Override
            public PrettyPrinter getPrettyPrinter() {
                return pp.createInstance();
            }

            @Override
            public boolean hasPrettyPrinter() {
                return true;
            }
        };
        return FACTORY.createGenerator(ctx, out);
    }

    public static void write(ReplayResult r, String toolVersion, Writer out) {
        try (JsonGenerator g = generator(out)) {
            writeReport(g, r, toolVersion);
        }
    }

    /** {@code "tool": {"name": "labyrinth", "version": ...}}, as the replay and triage reports both name it. */
    public static void writeTool(JsonGenerator g, String toolVersion) {
        g.writeName("tool");
        g.writeStartObject();
        g.writeStringProperty("name", "labyrinth");
        g.writeStringProperty("version", toolVersion);
        g.writeEndObject();
    }

    /** Writes one report object; triage reuses it for each trace. */
    static void writeReport(JsonGenerator g, ReplayResult r, String toolVersion) {
        g.writeStartObject();
        g.writeNumberProperty("report", VERSION);
        writeTool(g, toolVersion);
        g.writeName("trace");
        g.writeStartObject();
        g.writeStringProperty("path", r.name());
        g.writeNumberProperty("events", r.summary().events() + r.summary().ignoredAfterPanic());
        g.writeStringProperty("scope", r.header().scope().label());
        g.writeStringProperty("mode", r.mode().label());
        g.writeBooleanProperty("truncated", r.truncation() != null);
        if (r.truncation() != null) {
            g.writeStringProperty("truncation", r.truncation().describe());
        }
        if (!r.warnings().isEmpty()) {
            g.writeName("warnings");
            g.writeStartArray();
            for (String w : r.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
        }
        if (!r.header().meta().isEmpty()) {
            g.writeName("meta");
            g.writeStartObject();
            for (Map.Entry<String, Object> e : r.header().meta().entrySet()) {
                g.writeName(e.getKey());
                writeScalar(g, e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeStringProperty("outcome", r.outcome().label());
        g.writeName("findings");
        g.writeStartArray();
        for (Finding f : r.findings()) {
            writeFinding(g, f, r.header().machine().gfpNames());
        }
        g.writeEndArray();
        if (r.droppedFindings() > 0) {
            g.writeNumberProperty("droppedFindings", r.droppedFindings());
            g.writeName("droppedByKind");
            writeCounts(g, r.droppedByKind());
        }
        g.writeName("panic");
        writePanic(g, r.panic());
        g.writeName("summary");
        writeSummary(g, r.summary());
        g.writeEndObject();
    }

    private static void writeScalar(JsonGenerator g, Object v) {
        if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    /** One finding object; its mask printed with {@code names}, the trace's kernel's. */
    static void writeFinding(JsonGenerator g, Finding f, GfpNames names) {
        g.writeStartObject();
        g.writeStringProperty("kind", f.kind().label());
        g.writeStringProperty("severity", f.severity().label());
        g.writeNumberProperty("event", f.event());
        g.writeNumberProperty("line", f.line());
        g.writeNumberProperty("column", f.column());
        writeOptional(g, "pfn", f.pfn());
        writeOptional(g, "order", f.order());
        g.writeName("gfp");
        if (f.gfp() >= 0) {
            g.writeString(names.format(f.gfp()));
        } else {
            g.writeNull();
        }
        g.writeStringProperty("owner", f.owner());
        g.writeStringProperty("ctx", f.ctx() == null ? null : f.ctx().label());
        g.writeStringProperty("site", f.site());
        g.writeStringProperty("reason", f.reason() == null ? null : f.reason().label());
        g.writeStringProperty("message", f.message());
        g.writeName("related");
        g.writeStartArray();
        for (Related rel : f.related()) {
            g.writeStartObject();
            g.writeStringProperty("role", rel.role().label());
            g.writeNumberProperty("event", rel.event());
            if (rel.line() > 0) {
                g.writeNumberProperty("line", rel.line());
                g.writeNumberProperty("column", rel.column());
            }
            if (rel.owner() != null) {
                g.writeStringProperty("owner", rel.owner());
            }
            if (rel.site() != null) {
                g.writeStringProperty("site", rel.site());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (f.memory() != null) {
            g.writeName("memory");
            writeMemory(g, f.memory());
        }
        g.writeEndObject();
    }

    private static void writeOptional(JsonGenerator g, String name, long value) {
        g.writeName(name);
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNull();
        }
    }

    private static void writeMemory(JsonGenerator g, MemInfo m) {
        g.writeStartObject();
        g.writeName("zones");
        g.writeStartArray();
        for (ZoneState z : m.zones()) {
            g.writeStartObject();
            g.writeStringProperty("name", z.kind().label());
            g.writeNumberProperty("free", z.free());
            g.writeNumberProperty("min", z.min());
            g.writeNumberProperty("low", z.low());
            g.writeNumberProperty("high", z.high());
            g.writeName("freeByOrder");
            g.writeStartArray();
            for (long n : z.freeByOrder()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("topOwners");
        g.writeStartArray();
        for (Holding h : m.topOwners()) {
            g.writeStartObject();
            g.writeStringProperty("owner", h.owner());
            g.writeNumberProperty("pages", h.pages());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The panic object, or null. */
    static void writePanic(JsonGenerator g, PanicVerdict p) {
        if (p == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberProperty("event", p.event());
        g.writeStringProperty("message", p.message());
        g.writeBooleanProperty("reproduced", p.reproduced());
        writeOptional(g, "trigger", p.trigger());
        g.writeStringProperty("why", p.why());
        g.writeName("holders");
        writeHolders(g, p.holders());
        g.writeEndObject();
    }

    /** MemInfo held by owner and site: {@code [{"owner", "site", "pages", "blocks", "firstEvent"}]}. */
    static void writeHolders(JsonGenerator g, List<Holding> holders) {
        g.writeStartArray();
        for (Holding h : holders) {
            g.writeStartObject();
            g.writeStringProperty("owner", h.owner());
            g.writeStringProperty("site", h.site());
            g.writeNumberProperty("pages", h.pages());
            g.writeNumberProperty("blocks", h.blocks());
            g.writeNumberProperty("firstEvent", h.firstEvent());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code {"kind": n, ...}}, kinds in name order. */
    private static void writeCounts(JsonGenerator g, Map<FindingKind, Long> counts) {
        g.writeStartObject();
        Map<String, Long> sorted = new TreeMap<>();
        for (Map.Entry<FindingKind, Long> e : counts.entrySet()) {
            sorted.put(e.getKey().label(), e.getValue());
        }
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            g.writeNumberProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** The summary object of CLI.md, {@code headroom} included. */
    static void writeSummary(JsonGenerator g, Summary s) {
        g.writeStartObject();
        g.writeNumberProperty("events", s.events());
        g.writeNumberProperty("allocs", s.allocs());
        g.writeNumberProperty("frees", s.frees());
        g.writeNumberProperty("failures", s.failures());
        g.writeNumberProperty("peakUsedPages", s.peakUsedPages());
        writeOptional(g, "peakEvent", s.peakEvent());
        g.writeNumberProperty("kswapdWakes", s.kswapdWakes());
        g.writeName("findingsByKind");
        writeCounts(g, s.findingsByKind());
        g.writeName("headroom");
        g.writeStartArray();
        for (ZoneHeadroom z : s.headroom()) {
            g.writeStartObject();
            g.writeStringProperty("zone", z.zone().label());
            g.writeNumberProperty("pages", z.pages());
            // no line: the report must not depend on the encoding (an imported capture replays as the capture)
            writeOptional(g, "event", z.event());
            g.writeNumberProperty("free", z.free());
            g.writeNumberProperty("floor", z.floor());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (s.ignoredAfterPanic() > 0) {
            g.writeNumberProperty("ignoredAfterPanic", s.ignoredAfterPanic());
        }
        g.writeEndObject();
    }
}
