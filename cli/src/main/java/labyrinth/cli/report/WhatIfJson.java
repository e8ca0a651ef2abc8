package labyrinth.cli.report;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.core.GfpNames;
import labyrinth.replay.Finding;
import labyrinth.replay.Holding;
import labyrinth.replay.ReplayResult;
import labyrinth.whatif.Baseline;
import labyrinth.whatif.Changes;
import labyrinth.whatif.LeakSearch;
import labyrinth.whatif.MemorySearch;
import labyrinth.whatif.WhatIfResult;
import tools.jackson.core.JsonGenerator;

/**
 * The JSON report of {@code labyrinth whatif --format json} (CLI.md): {@code changes},
 * {@code baseline} and {@code whatif} (each with {@code outcome}, {@code findings}, {@code panic},
 * {@code summary}), the failures that disappeared and appeared, the reclaim counts and
 * {@code search}. Keys in a fixed order, so the same run gives the same bytes. Stateless.
 */
public final class WhatIfJson {
    private WhatIfJson() {
    }

    public static void write(WhatIfReport r, String toolVersion, Writer out) {
        ReplayResult base = r.baseline().result();
        WhatIfResult w = r.whatIf();
        GfpNames names = base.header().machine().gfpNames();
        try (JsonGenerator g = JsonReport.generator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("report", JsonReport.VERSION);
            JsonReport.writeTool(g, toolVersion);
            g.writeName("trace");
            g.writeStartObject();
            g.writeStringProperty("path", r.name());
            g.writeNumberProperty("events", base.summary().events() + base.summary().ignoredAfterPanic());
            g.writeStringProperty("scope", base.header().scope().label());
            g.writeEndObject();
            g.writeName("changes");
            changes(g, r.changes());
            g.writeStringProperty("outcome", w.result().outcome().label());
            g.writeName("baseline");
            replay(g, base, names);
            g.writeName("whatif");
            g.writeStartObject();
            body(g, w.result(), names);
            g.writeBooleanProperty("panicAvoided", w.panicAvoided());
            g.writeNumberProperty("skippedEvents", w.skipped());
            g.writeNumberProperty("droppedEvents", w.dropped());
            g.writeName("heldWhatIfOnly");
            JsonReport.writeHolders(g, w.heldWhatIfOnly());
            g.writeEndObject();
            g.writeName("disappeared");
            findings(g, r.comparison().disappeared(), names);
            g.writeName("appeared");
            findings(g, r.comparison().appeared(), names);
            g.writeName("reclaim");
            g.writeStartObject();
            g.writeNumberProperty("sleepingFailuresAppeared", r.comparison().sleepingAppeared().size());
            g.writeName("events");
            g.writeStartArray();
            for (Finding f : r.comparison().sleepingAppeared()) {
                g.writeNumber(f.event());
            }
            g.writeEndArray();
            g.writeStringProperty("note", "the model invents no reclaim: a real kernel would have reclaimed for "
                    + "these sleeping allocations before failing them");
            g.writeName("atomicFailures");
            g.writeStartObject();
            g.writeNumberProperty("baseline", r.comparison().atomicBaseline());
            g.writeNumberProperty("whatif", r.comparison().atomicWhatIf());
            g.writeEndObject();
            g.writeEndObject();
            g.writeName("search");
            search(g, r);
            g.writeName("notes");
            g.writeStartArray();
            for (String n : r.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void changes(JsonGenerator g, Changes c) {
        g.writeStartObject();
        g.writeName("addMemoryPages");
        if (c.addPages() > 0) {
            g.writeNumber(c.addPages());
        } else {
            g.writeNull();
        }
        g.writeName("minFreeKbytes");
        if (c.minFreeKbytes() != null) {
            g.writeNumber(c.minFreeKbytes());
        } else {
            g.writeNull();
        }
        g.writeName("watermarkScaleFactor");
        if (c.watermarkScaleFactor() != null) {
            g.writeNumber(c.watermarkScaleFactor());
        } else {
            g.writeNull();
        }
        g.writeName("transparentHugepages");
        if (c.transparentHugepages() != null) {
            g.writeBoolean(c.transparentHugepages());
        } else {
            g.writeNull();
        }
        g.writeName("fixLeaks");
        g.writeStartArray();
        if (c.fixAll()) {
            g.writeString("all");
        }
        for (var f : c.fixLeaks()) {
            g.writeString(f.label());
        }
        g.writeEndArray();
        g.writeName("caps");
        g.writeStartObject();
        for (Map.Entry<String, Long> e : new TreeMap<>(c.caps()).entrySet()) {
            g.writeNumberProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void replay(JsonGenerator g, ReplayResult r, GfpNames names) {
        g.writeStartObject();
        body(g, r, names);
        g.writeEndObject();
    }

    private static void body(JsonGenerator g, ReplayResult r, GfpNames names) {
        g.writeStringProperty("outcome", r.outcome().label());
        g.writeName("findings");
        findings(g, r.findings(), names);
        if (r.droppedFindings() > 0) {
            g.writeNumberProperty("droppedFindings", r.droppedFindings());
        }
        g.writeName("panic");
        JsonReport.writePanic(g, r.panic());
        g.writeName("summary");
        JsonReport.writeSummary(g, r.summary());
    }

    private static void findings(JsonGenerator g, List<Finding> list, GfpNames names) {
        g.writeStartArray();
        for (Finding f : list) {
            JsonReport.writeFinding(g, f, names);
        }
        g.writeEndArray();
    }

    private static void search(JsonGenerator g, WhatIfReport r) {
        MemorySearch.Result m = r.memorySearch();
        List<LeakSearch.Verdict> leaks = r.leakSearch();
        if (m == null && leaks == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        if (m != null) {
            g.writeStringProperty("kind", "memory");
            g.writeBooleanProperty("found", m.found());
            g.writeName("pages");
            if (m.found()) {
                g.writeNumber(m.pages());
            } else {
                g.writeNull();
            }
            g.writeNumberProperty("limit", m.limit());
            g.writeBooleanProperty("survivesAtN", m.atN());
            g.writeBooleanProperty("survivesBelowN", m.belowN());
            g.writeBooleanProperty("monotonic", m.monotonic());
            g.writeName("probes");
            g.writeStartArray();
            for (Map.Entry<Long, Boolean> e : m.probes().entrySet()) {
                g.writeStartObject();
                g.writeNumberProperty("pages", e.getKey());
                g.writeBooleanProperty("survives", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else {
            g.writeStringProperty("kind", "leaks");
            Baseline.Primary p = r.baseline().primary();
            g.writeName("primary");
            if (p == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeNumberProperty("event", p.event());
                g.writeNumberProperty("line", p.line());
                g.writeBooleanProperty("panic", p.panic());
                g.writeStringProperty("message", p.message());
                g.writeEndObject();
            }
            g.writeName("groups");
            g.writeStartArray();
            for (LeakSearch.Verdict v : leaks) {
                Holding h = v.group();
                g.writeStartObject();
                g.writeStringProperty("owner", h.owner());
                g.writeStringProperty("site", h.site());
                g.writeNumberProperty("pages", h.pages());
                g.writeNumberProperty("blocks", h.blocks());
                g.writeBooleanProperty("removesPrimary", v.removesPrimary());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
