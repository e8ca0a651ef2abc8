package labyrinth.cli.explain;

import java.io.Writer;
import java.util.List;
import labyrinth.cli.report.JsonReport;
import labyrinth.explain.Explanation;
import labyrinth.explain.FailureReport;
import labyrinth.explain.PrintedZone;
import labyrinth.explain.ReportGroups;
import labyrinth.explain.Verdict;
import labyrinth.explain.ZoneResult;
import tools.jackson.core.JsonGenerator;

/**
 * {@code labyrinth explain --format json} (CLI.md): {@code {"explain": 1, "tool", "log",
 * "reports": [...]}}, one entry per group of reports, in pages. Keys in a fixed order: the same
 * log gives the same bytes. Stateless.
 */
public final class ExplainJson {
    /** Version of the shape; bumped on any change to the keys CLI.md lists. */
    public static final int VERSION = 1;

    private ExplainJson() {
    }

    public static void write(String log, List<ReportGroups.Group> groups, String toolVersion, Writer out) {
        try (JsonGenerator g = JsonReport.generator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("explain", VERSION);
            JsonReport.writeTool(g, toolVersion);
            g.writeStringProperty("log", log);
            g.writeName("reports");
            g.writeStartArray();
            for (ReportGroups.Group group : groups) {
                report(g, group);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void report(JsonGenerator g, ReportGroups.Group group) {
        Explanation e = group.first();
        FailureReport r = e.report();
        g.writeStartObject();
        g.writeNumberProperty("line", r.line());
        g.writeNumberProperty("count", group.count());
        g.writeName("lines");
        g.writeStartArray();
        for (Explanation x : group.all()) {
            g.writeNumber(x.report().line());
        }
        g.writeEndArray();
        g.writeStringProperty("task", r.task());
        g.writeNumberProperty("order", r.order());
        g.writeStringProperty("gfp", r.gfp().text());
        g.writeStringProperty("mode", r.mode());
        g.writeStringProperty("kernel", r.kernel());
        g.writeStringProperty("context", r.context().label());
        g.writeStringProperty("verdict", e.verdict().label());
        g.writeStringProperty("reason", e.reason() == null ? null : e.reason().label());
        if (e.pagesShort() >= 0) {
            g.writeNumberProperty("short", e.pagesShort());
        } else {
            g.writeNullProperty("short");
        }
        g.writeStringProperty("taken", e.taken());
        g.writeNumberProperty("pageSize", r.pageSize());
        boolean decided = e.verdict() == Verdict.FAILS || e.verdict() == Verdict.SUCCEEDS;
        g.writeName("zones");
        g.writeStartArray();
        for (ZoneResult z : e.zones()) {
            zone(g, z, decided);
        }
        g.writeEndArray();
        g.writeName("notes");
        g.writeStartArray();
        for (String n : e.notes()) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void zone(JsonGenerator g, ZoneResult zr, boolean decided) {
        PrintedZone z = zr.zone();
        g.writeStartObject();
        g.writeStringProperty("name", z.name());
        g.writeNumberProperty("node", z.node());
        g.writeNumberProperty("free", z.free());
        g.writeNumberProperty("min", z.min());
        g.writeNumberProperty("low", z.low());
        g.writeNumberProperty("high", z.high());
        g.writeNumberProperty("boost", z.boost());
        numbers(g, "lowmemReserve", z.lowmemReserve());
        numbers(g, "freeByOrder", z.freeByOrder());
        g.writeStringProperty("check", zr.check() == null && !decided ? null : CheckText.check(zr, decided));
        g.writeEndObject();
    }

    private static void numbers(JsonGenerator g, String name, long[] values) {
        if (values == null) {
            g.writeNullProperty(name);
            return;
        }
        g.writeName(name);
        g.writeStartArray();
        for (long v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }
}
