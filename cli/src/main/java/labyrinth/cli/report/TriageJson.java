package labyrinth.cli.report;

import java.io.Writer;
import java.util.List;
import labyrinth.replay.Finding;
import tools.jackson.core.JsonGenerator;

/**
 * The triage report as JSON ({@code "triage": 1}): how many traces and how many files that were
 * not traces, the buckets in report order, each with its traces, then the exit code. Keys in a fixed order: the same input gives the same bytes. Stateless.
 */
public final class TriageJson {
    public static final int VERSION = 1;

    private TriageJson() {
    }

    /** @param skipped files in the folders searched that were not traces */
    public static void write(List<TraceRun> runs, List<Bucket> buckets, int skipped, int exit, String toolVersion,
                             Writer out) {
        try (JsonGenerator g = JsonReport.generator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("triage", VERSION);
            JsonReport.writeTool(g, toolVersion);
            g.writeNumberProperty("traces", runs.size());
            g.writeNumberProperty("skipped", skipped);
            g.writeName("buckets");
            g.writeStartArray();
            for (Bucket b : buckets) {
                bucket(g, b);
            }
            g.writeEndArray();
            g.writeNumberProperty("clean", runs.stream().filter(r -> r.primary() == null).count());
            g.writeNumberProperty("exit", exit);
            g.writeEndObject();
        }
    }

    private static void bucket(JsonGenerator g, Bucket b) {
        g.writeStartObject();
        g.writeStringProperty("signature", b.signature());
        g.writeNumberProperty("count", b.runs().size());
        g.writeStringProperty("severity", b.severity().label());
        g.writeNumberProperty("exit", b.exit());
        g.writeBooleanProperty("known", b.known());
        g.writeName("example");
        example(g, b.example());
        g.writeName("traces");
        g.writeStartArray();
        for (TraceRun r : b.runs()) {
            g.writeString(r.name());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void example(JsonGenerator g, TraceRun r) {
        g.writeStartObject();
        g.writeStringProperty("path", r.name());
        Finding f = r.unreadable() ? null : r.primary().finding();
        if (f != null) {
            g.writeStringProperty("kind", f.kind().label());
            g.writeNumberProperty("event", f.event());
            g.writeNumberProperty("line", f.line());
            g.writeNumberProperty("column", f.column());
            g.writeStringProperty("message", f.message());
        } else {
            g.writeStringProperty("message", r.unreadable() ? r.error() : TextReport.truncationMessage(r.result()));
        }
        g.writeEndObject();
    }
}
