package labyrinth.cli.report;

import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import labyrinth.cli.triage.TraceRun;
import labyrinth.replay.Finding;
import labyrinth.replay.Kind;
import labyrinth.replay.Outcome;
import labyrinth.replay.Related;
import labyrinth.replay.Severity;
import labyrinth.replay.Signatures;
import tools.jackson.core.JsonGenerator;

/**
 * SARIF 2.1.0: one run, one rule per finding kind, one result per finding located at its trace
 * file, line and column, related events as related locations, and the finding's signature as a
 * partial fingerprint so that code-scanning services track the same bug across runs. Unreadable
 * traces, and traces cut short (only part was checked), are tool execution notifications. Stateless.
 */
public final class SarifReport {
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    public static void write(List<TraceRun> runs, String toolVersion, Writer out) {
        try (JsonGenerator g = JsonReport.generator(out)) {
            g.writeStartObject();
            g.writeStringProperty("$schema", SCHEMA);
            g.writeStringProperty("version", "2.1.0");
            g.writeName("runs");
            g.writeStartArray();
            g.writeStartObject();
            tool(g, toolVersion);
            invocations(g, runs);
            g.writeName("results");
            g.writeStartArray();
            for (TraceRun r : runs) {
                if (!r.unreadable()) {
                    for (Finding f : r.result().findings()) {
                        result(g, r.name(), f);
                    }
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void tool(JsonGenerator g, String toolVersion) {
        g.writeName("tool");
        g.writeStartObject();
        g.writeName("driver");
        g.writeStartObject();
        g.writeStringProperty("name", "labyrinth");
        g.writeStringProperty("version", toolVersion);
        g.writeName("rules");
        g.writeStartArray();
        for (Kind k : Kind.values()) {
            g.writeStartObject();
            g.writeStringProperty("id", k.label());
            text(g, "shortDescription", k.shortDescription());
            text(g, "fullDescription", k.fullDescription());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void invocations(JsonGenerator g, List<TraceRun> runs) {
        g.writeName("invocations");
        g.writeStartArray();
        g.writeStartObject();
        boolean allRead = runs.stream().noneMatch(TraceRun::unreadable);
        g.writeBooleanProperty("executionSuccessful", allRead);
        if (runs.stream().anyMatch(r -> r.unreadable() || r.result().truncation() != null)) {
            g.writeName("toolExecutionNotifications");
            g.writeStartArray();
            for (TraceRun r : runs) {
                if (r.unreadable()) {
                    notification(g, r.name(), "error", r.error());
                } else if (r.result().truncation() != null) {
                    // only part of the trace was checked: an error where that decides the verdict
                    notification(g, r.name(), r.result().outcome() == Outcome.TRUNCATED ? "error" : "warning",
                            TextReport.truncationMessage(r.result()));
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void notification(JsonGenerator g, String file, String level, String message) {
        g.writeStartObject();
        g.writeStringProperty("level", level);
        text(g, "message", message);
        g.writeName("locations");
        g.writeStartArray();
        g.writeStartObject();
        physical(g, file, 0, 0);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, String file, Finding f) {
        g.writeStartObject();
        g.writeStringProperty("ruleId", f.kind().label());
        g.writeNumberProperty("ruleIndex", f.kind().ordinal());
        g.writeStringProperty("level", level(f.severity()));
        text(g, "message", f.message());
        g.writeName("locations");
        g.writeStartArray();
        g.writeStartObject();
        physical(g, file, f.line(), f.column());
        g.writeEndObject();
        g.writeEndArray();
        if (!f.related().isEmpty()) {
            g.writeName("relatedLocations");
            g.writeStartArray();
            int id = 1;
            for (Related rel : f.related()) {
                g.writeStartObject();
                g.writeNumberProperty("id", id++);
                physical(g, file, rel.line(), rel.column());
                text(g, "message", describe(rel));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeName("partialFingerprints");
        g.writeStartObject();
        g.writeStringProperty("labyrinthSignature/v1", Signatures.of(f));
        g.writeEndObject();
        g.writeName("properties");
        g.writeStartObject();
        g.writeNumberProperty("event", f.event());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** {@code alloc: event 700 by eth0-rx at rx_refill+0x4c}. */
    static String describe(Related rel) {
        StringBuilder sb = new StringBuilder(rel.role()).append(": event ").append(rel.event());
        if (rel.owner() != null) {
            sb.append(" by ").append(rel.owner());
        }
        if (rel.site() != null) {
            sb.append(" at ").append(rel.site());
        }
        return sb.toString();
    }

    private static void physical(JsonGenerator g, String file, long line, long column) {
        g.writeName("physicalLocation");
        g.writeStartObject();
        g.writeName("artifactLocation");
        g.writeStartObject();
        g.writeStringProperty("uri", uri(file));
        g.writeEndObject();
        if (line > 0) {
            g.writeName("region");
            g.writeStartObject();
            g.writeNumberProperty("startLine", line);
            if (column > 0) {
                g.writeNumberProperty("startColumn", column);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The trace's path as a URI reference: forward slashes, unsafe characters percent-encoded. */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        try {
            String encoded = new URI(null, null, p, null).toASCIIString();
            return encoded.indexOf(':') >= 0 && !encoded.startsWith("/") ? "./" + encoded : encoded;
        } catch (URISyntaxException e) {
            return p;
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static void text(JsonGenerator g, String name, String text) {
        g.writeName(name);
        g.writeStartObject();
        g.writeStringProperty("text", text);
        g.writeEndObject();
    }
}
