package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** SARIF and JUnit reports validate against the official schemas, vendored as test resources in {@code schemas/}. */
class ReportSchemaTest {
    private static Schema sarif;
    private static javax.xml.validation.Schema junit;

    @TempDir
    Path dir;

    @BeforeAll
    static synchronized void load() throws Exception {
        try (InputStream in = Objects.requireNonNull(ReportSchemaTest.class.getResourceAsStream(
                "/schemas/sarif-schema-2.1.0.json"), "test resource schemas/sarif-schema-2.1.0.json")) {
            sarif = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
        junit = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Objects.requireNonNull(ReportSchemaTest.class.getResource("/schemas/junit-10.xsd"),
                        "test resource schemas/junit-10.xsd"));
    }

    static List<String> sarifErrors(String json) {
        return sarif.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /**
     * Validates against the Jenkins xUnit schema, which does not list the {@code file} and {@code line}
     * attributes of a test case that GitLab and the GitHub JUnit actions read: those are checked,
     * then taken out, and nothing else may be outside the schema.
     */
    static void validateJunit(String xml) throws Exception {
        assertThat(xml.lines().filter(l -> l.contains("<testcase ")))
                .allSatisfy(l -> assertThat(l).containsPattern(" file=\"[^\"]+\"( line=\"[1-9][0-9]*\")?/?>$"));
        String plain = xml.replaceAll("(<testcase [^>]*?) file=\"[^\"]*\"( line=\"[0-9]+\")?", "$1");
        Validator v = junit.newValidator();
        v.validate(new StreamSource(new StringReader(plain)));
    }

    @Test
    void theSchemaRejectsWhatItShould() {
        assertThat(sarifErrors("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}, \"results\": "
                + "[{\"level\": \"bogus\", \"message\": {\"text\": \"x\"}}]}]}")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void replaySarifOfEverySampleValidates() throws Exception {
        try (var samples = Files.list(Repo.root().resolve("sample-traces"))) {
            for (Path p : samples.filter(p -> !p.toString().endsWith(".md")).sorted().toList()) {
                if (Files.isDirectory(p)) {
                    continue; // sample-traces/dmesg: kernel logs for explain, no traces
                }
                Run run = Run.of("replay", "--format", "sarif", p.toString());
                assertThat(sarifErrors(run.out())).as(p.toString()).isEmpty();
            }
        }
    }

    @Test
    void sarifCarriesRulesLevelsLocationsAndRelatedLocations() throws Exception {
        Run run = Run.of("replay", "--format", "sarif", Repo.root().resolve("sample-traces/double-free.json").toString());
        JsonNode log = new ObjectMapper().readTree(run.out());
        JsonNode r = log.get("runs").get(0);
        // the finding kinds, then unreadable-trace
        assertThat(r.get("tool").get("driver").get("rules")).hasSize(labyrinth.replay.FindingKind.values().length + 1);
        JsonNode result = r.get("results").get(0);
        assertThat(result.get("ruleId").asString()).isEqualTo("double-free");
        assertThat(result.get("level").asString()).isEqualTo("error");
        JsonNode loc = result.get("locations").get(0).get("physicalLocation");
        assertThat(loc.get("artifactLocation").get("uri").asString()).endsWith("sample-traces/double-free.json");
        assertThat(loc.get("region").get("startLine").asInt()).isEqualTo(19);
        assertThat(loc.get("region").get("startColumn").asInt()).isEqualTo(3);
        assertThat(result.get("relatedLocations")).hasSize(2);
        assertThat(result.get("relatedLocations").get(1).get("id").asInt()).isEqualTo(2);
        assertThat(result.get("relatedLocations").get(1).get("message").get("text").asString())
                .startsWith("free: event 9");
    }

    @Test
    void triageSarifWithAnUnreadableTraceValidates() throws Exception {
        TestTraces.ciFolder(dir);
        Run run = Run.of("triage", "--format", "sarif", dir.toString());
        assertThat(sarifErrors(run.out())).isEmpty();
        JsonNode inv = new ObjectMapper().readTree(run.out()).get("runs").get(0).get("invocations").get(0);
        assertThat(inv.get("executionSuccessful").asBoolean()).isFalse();
        // the broken trace is a result at its file, which GitHub shows; notifications it does not
        assertThat(new ObjectMapper().readTree(run.out()).get("runs").get(0).get("results").valueStream()
                .filter(r -> r.get("ruleId").asString().equals("unreadable-trace"))).hasSize(1);
    }

    @Test
    void junitOfReplayAndTriageValidates() throws Exception {
        TestTraces.ciFolder(dir);
        TestTraces.write(dir, "odd/<&\"name\">.json", TestTraces.trace(1, "double-free"));
        Run triage = Run.of("triage", "--format", "junit", dir.toString());
        validateJunit(triage.out());
        assertThat(triage.out()).contains("tests=\"8\" failures=\"6\" errors=\"1\"")
                .contains("<failure type=\"findings\"").contains("<error type=\"unreadable\"")
                .contains("&lt;&amp;&quot;name&quot;&gt;.json");
        for (String sample : new String[] {"clean.json", "double-free.json"}) {
            Run replay = Run.of("replay", "--format", "junit", Repo.root().resolve("sample-traces/" + sample).toString());
            validateJunit(replay.out());
        }
        Run clean = Run.of("replay", "--format", "junit", Repo.root().resolve("sample-traces/clean.json").toString());
        assertThat(clean.out()).contains("failures=\"0\"").doesNotContain("<failure");
    }
}
