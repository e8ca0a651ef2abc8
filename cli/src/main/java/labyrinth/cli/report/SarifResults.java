package labyrinth.cli.report;

import java.util.List;
import labyrinth.replay.Finding;
import labyrinth.replay.Related;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the results of one trace: locations relative to {@code SRCROOT}, related locations that
 * the message links as {@code [text](id)} (the only way GitHub shows them), fingerprints. Not
 * thread-safe: one per trace.
 */
final class SarifResults {
    private final JsonGenerator g;
    private final String uri;
    private final boolean inside;

    SarifResults(JsonGenerator g, String name, SourceRoot root) {
        this.g = g;
        this.uri = root.uri(name);
        this.inside = root.inside(name);
    }

    void finding(Finding f, String lineHash, String signature) {
        g.writeStartObject();
        g.writeStringProperty("ruleId", f.kind().label());
        g.writeNumberProperty("ruleIndex", f.kind().ordinal());
        g.writeStringProperty("level", SarifReport.level(f.severity()));
        // a related event whose line is unknown (a named panic cause without a finding) is no location
        List<Related> located = f.related().stream().filter(r -> r.line() > 0).toList();
        text(g, "message", message(f, located));
        locations(f.line(), f.column());
        if (!located.isEmpty()) {
            g.writeName("relatedLocations");
            g.writeStartArray();
            int id = 1;
            for (Related rel : located) {
                g.writeStartObject();
                g.writeNumberProperty("id", id++);
                physical(g, uri, inside, rel.line(), rel.column());
                text(g, "message", describe(rel));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        fingerprints(lineHash, signature);
        g.writeName("properties");
        g.writeStartObject();
        g.writeNumberProperty("event", f.event());
        g.writeEndObject();
        g.writeEndObject();
    }

    void unreadable(String error, ErrorPosition pos, String lineHash) {
        g.writeStartObject();
        g.writeStringProperty("ruleId", SarifRules.UNREADABLE);
        g.writeNumberProperty("ruleIndex", SarifRules.UNREADABLE_INDEX);
        g.writeStringProperty("level", "error");
        text(g, "message", escape(error));
        locations(pos.line(), pos.column());
        fingerprints(lineHash, SarifRules.UNREADABLE + ":1");
        g.writeEndObject();
    }

    private void locations(long line, int column) {
        g.writeName("locations");
        g.writeStartArray();
        g.writeStartObject();
        physical(g, uri, inside, line, column);
        g.writeEndObject();
        g.writeEndArray();
    }

    private void fingerprints(String lineHash, String signature) {
        g.writeName("partialFingerprints");
        g.writeStartObject();
        if (lineHash != null) {
            g.writeStringProperty("primaryLocationLineHash", lineHash);
        }
        g.writeStringProperty(SarifReport.SIGNATURE_KEY, signature);
        g.writeEndObject();
    }

    /** The finding's message, then links to its related locations: {@code ... ([alloc: event 3 by a](1))}. */
    static String message(Finding f, List<Related> located) {
        StringBuilder sb = new StringBuilder(escape(f.message()));
        for (int i = 0; i < located.size(); i++) {
            sb.append(i == 0 ? " (" : ", ").append('[').append(escape(describe(located.get(i)))).append("](")
                    .append(i + 1).append(')');
        }
        return located.isEmpty() ? sb.toString() : sb.append(')').toString();
    }

    /** SARIF messages with links take brackets as markup: literal ones (and backslashes) are escaped. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    /** {@code alloc: event 700 by eth0-rx at rx_refill+0x4c}. */
    static String describe(Related rel) {
        StringBuilder sb = new StringBuilder(rel.role().label()).append(": event ").append(rel.event());
        if (rel.owner() != null) {
            sb.append(" by ").append(rel.owner());
        }
        if (rel.site() != null) {
            sb.append(" at ").append(rel.site());
        }
        return sb.toString();
    }

    static void notification(JsonGenerator g, String file, SourceRoot root, String level, String message) {
        g.writeStartObject();
        g.writeStringProperty("level", level);
        text(g, "message", message);
        g.writeName("locations");
        g.writeStartArray();
        g.writeStartObject();
        physical(g, root.uri(file), root.inside(file), 0, 0);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void physical(JsonGenerator g, String uri, boolean inside, long line, int column) {
        g.writeName("physicalLocation");
        g.writeStartObject();
        g.writeName("artifactLocation");
        g.writeStartObject();
        g.writeStringProperty("uri", uri);
        if (inside) {
            g.writeStringProperty("uriBaseId", SourceRoot.BASE_ID);
        }
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

    static void text(JsonGenerator g, String name, String text) {
        g.writeName(name);
        g.writeStartObject();
        g.writeStringProperty("text", text);
        g.writeEndObject();
    }
}
