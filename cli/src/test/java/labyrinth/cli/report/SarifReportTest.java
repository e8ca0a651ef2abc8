package labyrinth.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.replay.Finding;
import labyrinth.replay.ReplayResult;
import labyrinth.testing.TraceBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SARIF basics that hold whatever the shape of locations and fingerprints: one result per finding,
 * its rule the finding's kind and its level the finding's severity. The schema is checked by
 * ReportSchemaTest, the whole document by the golden.
 */
class SarifReportTest {
    private static JsonNode sarif(List<TraceRun> runs) {
        StringWriter sw = new StringWriter();
        SarifReport.write(runs, "1.2.3", settings(runs), sw);
        return JsonMapper.builder().build().readTree(sw.toString());
    }

    static CiSettings settings(List<TraceRun> runs) {
        List<String> names = runs.stream().map(TraceRun::name).toList();
        return new CiSettings("triage", names, SourceRoot.of(null, names), CiSettings.DEFAULT_LIMIT);
    }

    private static String level(Finding f) {
        return switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    @Test
    void eachFindingIsAResultOfItsKindAtItsSeverity() {
        ReplayResult r = TextReportTest.eightPages().alloc("a", 3, Gfp.GFP_KERNEL).alloc("b", 0, Gfp.GFP_KERNEL)
                .free("a", 0).free("a", 0).run();
        JsonNode results = sarif(List.of(new TraceRun("t.json", r, null, null, 1))).get("runs").get(0).get("results");
        assertThat(results).hasSize(r.findings().size());
        // results come most severe first: match each finding by its message
        for (Finding f : r.findings()) {
            JsonNode result = null;
            for (JsonNode n : results) {
                if (n.get("message").get("text").asString().contains(f.message())) {
                    result = n;
                }
            }
            assertThat(result).as(f.message()).isNotNull();
            assertThat(result.get("ruleId").asString()).isEqualTo(f.kind().label());
            assertThat(result.get("level").asString()).isEqualTo(level(f));
        }
        assertThat(results).extracting(n -> n.get("level").asString()).contains("error", "warning");
    }

    @Test
    void aCleanTraceHasNoResults() {
        ReplayResult r = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).run();
        JsonNode run = sarif(List.of(new TraceRun("t.json", r, null, null, 0))).get("runs").get(0);
        assertThat(run.get("results")).isEmpty();
        assertThat(run.get("tool").get("driver").get("name").asString()).isEqualTo("labyrinth");
    }
}
