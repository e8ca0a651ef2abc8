package labyrinth.cli.report;

import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Outcome;
import labyrinth.replay.Severity;
import labyrinth.replay.Signatures;
import tools.jackson.core.JsonGenerator;

/**
 * SARIF 2.1.0 that code-scanning services take as it is: one run, one rule per finding kind, one
 * result per listed finding (at most {@link CiSettings#limit}, the most severe first; what was left
 * out is counted in a notification and {@code run.properties}), located at its trace relative to
 * {@code SRCROOT}, with GitHub's {@code primaryLocationLineHash} and the signature as fingerprints.
 * An unreadable trace is a result at its file; a trace cut short is a tool notification. Stateless.
 */
public final class SarifReport {
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The signature plus its occurrence in the trace: unique per result, stable across runs. */
    static final String SIGNATURE_KEY = "labyrinthSignature/v2";

    private SarifReport() {
    }

    public static void write(List<TraceRun> runs, String toolVersion, CiSettings settings, Writer out) {
        int unreadable = (int) runs.stream().filter(TraceRun::unreadable).count();
        ListedFindings listed = ListedFindings.select(runs, Math.max(0, settings.limit() - unreadable), r -> true,
                f -> true);
        try (JsonGenerator g = JsonReport.generator(out)) {
            g.writeStartObject();
            g.writeStringProperty("$schema", SCHEMA);
            g.writeStringProperty("version", "2.1.0");
            g.writeName("runs");
            g.writeStartArray();
            g.writeStartObject();
            g.writeName("tool");
            g.writeStartObject();
            SarifRules.driver(g, toolVersion);
            g.writeEndObject();
            g.writeName("automationDetails");
            g.writeStartObject();
            g.writeStringProperty("id", settings.automationId());
            g.writeEndObject();
            String rootUri = settings.root().rootUri();
            if (rootUri != null) {
                g.writeName("originalUriBaseIds");
                g.writeStartObject();
                g.writeName(SourceRoot.BASE_ID);
                g.writeStartObject();
                g.writeStringProperty("uri", rootUri);
                g.writeEndObject();
                g.writeEndObject();
            }
            invocations(g, runs, listed, settings);
            g.writeName("results");
            g.writeStartArray();
            for (int r = 0; r < runs.size(); r++) {
                results(g, runs.get(r), listed.of(r), settings.root());
            }
            g.writeEndArray();
            properties(g, listed, settings);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void results(JsonGenerator g, TraceRun run, List<Finding> findings, SourceRoot root) {
        SarifResults at = new SarifResults(g, run.name(), root);
        if (run.unreadable()) {
            ErrorPosition pos = ErrorPosition.of(run.name(), run.error());
            Map<Long, String> hashes = hashes(run.name(), pos.line() > 0 ? Set.of(pos.line()) : Set.of());
            at.unreadable(run.error(), pos, hashes.get(pos.line()));
            return;
        }
        Set<Long> lines = new HashSet<>();
        for (Finding f : findings) {
            if (f.line() > 0) {
                lines.add(f.line());
            }
        }
        Map<Long, String> hashes = hashes(run.name(), lines);
        Map<String, Integer> occurrences = new HashMap<>();
        for (Finding f : findings) {
            String signature = Signatures.of(f);
            int n = occurrences.merge(signature, 1, Integer::sum);
            at.finding(f, hashes.get(f.line()), signature + ":" + n);
        }
    }

    private static Map<Long, String> hashes(String name, Set<Long> lines) {
        Path file = SourceRoot.file(name);
        return file == null ? Map.of() : LineHashes.of(file, lines);
    }

    private static void invocations(JsonGenerator g, List<TraceRun> runs, ListedFindings listed,
                                    CiSettings settings) {
        g.writeName("invocations");
        g.writeStartArray();
        g.writeStartObject();
        g.writeBooleanProperty("executionSuccessful", runs.stream().noneMatch(TraceRun::unreadable));
        Map<FindingKind, Long> leftOut = listed.leftOut();
        boolean cut = runs.stream().anyMatch(r -> !r.unreadable() && r.result().truncation() != null);
        if (cut || !leftOut.isEmpty()) {
            g.writeName("toolExecutionNotifications");
            g.writeStartArray();
            if (!leftOut.isEmpty()) {
                g.writeStartObject();
                g.writeStringProperty("level", "warning");
                SarifResults.text(g, "message", ListedFindings.sum(leftOut) + " findings are not in this report"
                        + " (at most " + settings.limit() + " are listed, the most severe first; --max-findings N"
                        + " changes it): " + ListedFindings.byKind(leftOut));
                g.writeEndObject();
            }
            for (TraceRun r : runs) {
                if (!r.unreadable() && r.result().truncation() != null) {
                    // only part of the trace was checked: an error where that decides the verdict
                    SarifResults.notification(g, r.name(), settings.root(),
                            r.result().outcome() == Outcome.TRUNCATED ? "error" : "warning",
                            TextReport.truncationMessage(r.result()));
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void properties(JsonGenerator g, ListedFindings listed, CiSettings settings) {
        Map<FindingKind, Long> leftOut = listed.leftOut();
        g.writeName("properties");
        g.writeStartObject();
        g.writeNumberProperty("maxResults", settings.limit());
        g.writeNumberProperty("droppedResults", ListedFindings.sum(leftOut));
        g.writeName("droppedResultsByKind");
        g.writeStartObject();
        leftOut.forEach((k, n) -> g.writeNumberProperty(k.label(), n));
        g.writeEndObject();
        g.writeEndObject();
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
