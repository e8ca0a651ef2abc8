package labyrinth.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON report on small traces built in code; the goldens and the schema tests cover whole traces. */
class JsonReportTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static String json(ReplayResult r, String version) {
        StringWriter sw = new StringWriter();
        JsonReport.write(r, version, sw);
        return sw.toString();
    }

    static JsonNode tree(ReplayResult r) {
        return JSON.readTree(json(r, "1.2.3"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void keysComeInTheOrderCliMdListsThem() {
        JsonNode r = tree(TextReportTest.doubleFree());
        assertThat(names(r)).containsExactly("report", "tool", "trace", "outcome", "findings", "panic", "summary");
        assertThat(names(r.get("trace"))).containsExactly("path", "events", "scope", "mode", "truncated");
        assertThat(names(r.get("findings").get(0))).containsExactly("kind", "severity", "event", "line", "column",
                "pfn", "order", "gfp", "owner", "ctx", "site", "reason", "message", "related");
        assertThat(r.get("report").asInt()).isEqualTo(JsonReport.VERSION);
    }

    @Test
    void theToolIsNamedWithTheVersionGiven() {
        JsonNode tool = tree(TextReportTest.doubleFree()).get("tool");
        assertThat(tool.get("name").asString()).isEqualTo("labyrinth");
        assertThat(tool.get("version").asString()).isEqualTo("1.2.3");
    }

    @Test
    void theSameResultGivesTheSameBytesIndentedByOneSpace() {
        ReplayResult r = TextReportTest.doubleFree();
        String once = json(r, "1.2.3");
        assertThat(json(r, "1.2.3")).isEqualTo(once);
        assertThat(once).startsWith("{\n \"report\": 1,\n \"tool\": {\n  \"name\": \"labyrinth\",\n").doesNotContain("\r");
    }

    @Test
    void absentValuesAreNullAndRelatedEventsCarryTheirLines() {
        JsonNode f = tree(TextReportTest.doubleFree()).get("findings").get(0);
        assertThat(f.get("kind").asString()).isEqualTo("double-free");
        assertThat(f.get("severity").asString()).isEqualTo("error");
        assertThat(f.get("gfp").isNull()).as("a free has no mask").isTrue();
        assertThat(f.get("reason").isNull()).isTrue();
        assertThat(f.get("line").asInt()).isEqualTo(3);
        // a freed block keeps its allocation's line, so the allocation points somewhere too
        assertThat(names(f.get("related").get(0))).as("the allocation").containsExactly("role", "event", "line", "column");
        assertThat(f.get("related").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(names(f.get("related").get(1))).containsExactly("role", "event", "line", "column", "owner");
    }

    @Test
    void aFailedAllocationCarriesItsMaskByNameAndAMemorySnapshot() {
        JsonNode f = null;
        for (JsonNode each : tree(TextReportTest.exhausted()).get("findings")) {
            f = each.get("kind").asString().equals("alloc-failure") ? each : f;
        }
        assertThat(f).as("the alloc-failure finding").isNotNull();
        assertThat(f.get("gfp").asString()).isEqualTo("0xcc0(GFP_KERNEL)");
        assertThat(f.get("pfn").isNull()).isTrue();
        JsonNode zone = f.get("memory").get("zones").get(0);
        assertThat(zone.get("name").asString()).isEqualTo("Normal");
        assertThat(zone.get("free").asInt()).isZero();
        assertThat(f.get("memory").get("topOwners").get(0).get("owner").asString()).isEqualTo("a");
    }

    @Test
    void aPanicIsAnObjectAndNoPanicIsNull() {
        assertThat(tree(TextReportTest.doubleFree()).get("panic").isNull()).isTrue();
        ReplayResult r = TextReportTest.eightPages().alloc("eth0-rx", 3, Gfp.GFP_ATOMIC).alloc("eth0-rx", 0,
                Gfp.GFP_ATOMIC).panic("eth0: RX ring refill failed", 1).run();
        JsonNode panic = tree(r).get("panic");
        assertThat(panic.get("reproduced").asBoolean()).isTrue();
        assertThat(panic.get("trigger").asInt()).isEqualTo(1);
        assertThat(panic.get("holders").get(0).get("pages").asInt()).isEqualTo(8);
        assertThat(tree(r).get("outcome").asString()).isEqualTo("panic-reproduced");
    }

    @Test
    void metaKeepsItsOrderAndItsTypes() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("host", "db-3");
        meta.put("count", 7L);
        meta.put("ratio", 0.5);
        meta.put("lab", true);
        Header header = new Header(Header.VERSION, Scope.COMPLETE, Machine.ofPages(64), meta);
        JsonNode m = tree(new TraceBuilder(header).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).run())
                .get("trace").get("meta");
        assertThat(names(m)).containsExactly("host", "count", "ratio", "lab");
        assertThat(m.get("host").isString()).isTrue();
        assertThat(m.get("count").isIntegralNumber()).isTrue();
        assertThat(m.get("ratio").isDouble()).isTrue();
        assertThat(m.get("lab").isBoolean()).isTrue();
    }

    @Test
    void aCutTraceSaysWhereAndIsTruncated() {
        JsonNode r = tree(TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).runCut(false));
        assertThat(r.get("trace").get("truncated").asBoolean()).isTrue();
        assertThat(r.get("trace").get("truncation").asString()).startsWith("truncated after event ");
        assertThat(r.get("outcome").asString()).isEqualTo("truncated");
        assertThat(tree(TextReportTest.doubleFree()).get("trace").has("truncation")).isFalse();
    }

    @Test
    void droppedFindingsAreCountedOnlyWhenThereAreSome() throws Exception {
        TraceBuilder t = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).free("a", 0)
                .free("a", 0).access("b", 0);
        JsonNode r = tree(Replays.run(t.source(), null, Severity.ERROR, Allocator.DEFAULT_MAX_PAGES, 1));
        assertThat(r.get("findings")).hasSize(1);
        assertThat(r.get("droppedFindings").asInt()).isEqualTo(2);
        assertThat(names(r.get("droppedByKind"))).containsExactly("double-free", "use-after-free");
        assertThat(r.get("summary").get("findingsByKind").get("double-free").asInt()).isEqualTo(2);
        assertThat(tree(TextReportTest.doubleFree()).has("droppedFindings")).isFalse();
    }
}
