package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 16's rules for SARIF and JUnit that GitHub, GitLab and Jenkins take as they are, on generated
 * traces: two random traces with more than 25,000 findings together (GitHub rejects a run with more),
 * and a broken one.
 */
class CiReportsTest {
    @TempDir
    static Path dir;
    private static Path traces;
    private static long totalFindings;
    private static long totalErrors;
    private static Map<String, Long> byKind = new TreeMap<>();
    private static String sarif;
    private static JsonNode run;

    @BeforeAll
    static void generate() throws Exception {
        ReportSchemaTest.load();
        traces = dir.resolve("repo/traces");
        Files.createDirectories(traces);
        for (int seed : new int[] {5, 6}) {
            Path t = traces.resolve("random-" + seed + ".ndjson");
            assertThat(Run.of("gen", "random", "--events", "80000", "--seed", "" + seed, "-o", t.toString()).exit())
                    .isZero();
            JsonNode report = new ObjectMapper().readTree(Run.of("replay", "--format", "json", "--max-findings",
                    "1000000", t.toString()).out());
            for (JsonNode f : report.get("findings")) {
                totalFindings++;
                totalErrors += f.get("severity").asString().equals("error") ? 1 : 0;
                byKind.merge(f.get("kind").asString(), 1L, Long::sum);
            }
        }
        Files.writeString(traces.resolve("broken.json"), "{\"labyrinth\": 1, \"machine\": {\"pages\": 64},\n"
                + "  \"events\": [ {\"op\": \"alloc\", \"order\": \"two\"} ]}\n");
        Run triage = Run.of("triage", "--format", "sarif", "--source-root", dir.resolve("repo").toString(),
                traces.toString());
        sarif = triage.out();
        run = new ObjectMapper().readTree(sarif).get("runs").get(0);
    }

    @Test
    void theGeneratedTracesHaveMoreFindingsThanGitHubTakes() {
        assertThat(totalFindings).isGreaterThan(25_000);
        assertThat(totalErrors).isPositive();
    }

    @Test
    void sarifKeepsFiveThousandResultsMostSevereFirstAndCountsTheRest() {
        JsonNode results = run.get("results");
        assertThat(results).hasSize(5000);
        long errors = 0;
        long warnings = 0;
        for (JsonNode r : results) {
            errors += r.get("level").asString().equals("error") ? 1 : 0;
            warnings += r.get("level").asString().equals("warning") ? 1 : 0;
        }
        // the unreadable trace is one error result; error findings are kept before any warning
        assertThat(errors).isEqualTo(Math.min(totalErrors + 1, 5000));
        assertThat(warnings).isEqualTo(5000 - errors);
        JsonNode props = run.get("properties");
        assertThat(props.get("maxResults").asLong()).isEqualTo(5000);
        assertThat(props.get("droppedResults").asLong()).isEqualTo(totalFindings - (5000 - 1));
        long sum = 0;
        for (Map.Entry<String, JsonNode> e : props.get("droppedResultsByKind").properties()) {
            sum += e.getValue().asLong();
            assertThat(e.getValue().asLong()).as(e.getKey()).isLessThanOrEqualTo(byKind.get(e.getKey()));
        }
        assertThat(sum).isEqualTo(props.get("droppedResults").asLong());
        JsonNode notes = run.get("invocations").get(0).get("toolExecutionNotifications");
        assertThat(notes.get(0).get("message").get("text").asString())
                .startsWith(props.get("droppedResults").asLong() + " findings are not in this report");
        assertThat(ReportSchemaTest.sarifErrors(sarif)).isEmpty();
    }

    @Test
    void maxFindingsChangesTheLimitOfTriage() throws Exception {
        JsonNode r = new ObjectMapper().readTree(Run.of("triage", "--format", "sarif", "--max-findings", "10",
                traces.toString()).out()).get("runs").get(0);
        assertThat(r.get("results")).hasSize(10);
        assertThat(r.get("properties").get("maxResults").asInt()).isEqualTo(10);
    }

    @Test
    void urisAreRelativeToTheSourceRootHoweverThePathWasTyped() throws Exception {
        Set<String> uris = new HashSet<>();
        for (JsonNode r : run.get("results")) {
            JsonNode loc = r.get("locations").get(0).get("physicalLocation").get("artifactLocation");
            uris.add(loc.get("uri").asString());
            assertThat(loc.get("uriBaseId").asString()).isEqualTo("SRCROOT");
        }
        assertThat(uris).containsExactlyInAnyOrder("traces/random-5.ndjson", "traces/random-6.ndjson",
                "traces/broken.json");
        assertThat(run.get("originalUriBaseIds").get("SRCROOT").get("uri").asString())
                .isEqualTo(dir.resolve("repo").toRealPath().toUri().toString());
        TestTraces.write(dir, "repo/other/small.json", TestTraces.trace(2, "double-free"));
        Path typed = dir.resolve("repo/traces/../other/./small.json");
        String again = Run.of("replay", "--format", "sarif", "--source-root", dir.resolve("repo").toString(),
                typed.toString()).out();
        assertThat(again).contains("\"uri\": \"other/small.json\"").doesNotContain("\"./")
                .doesNotContain("../");
        String inner = Run.of("replay", "--format", "sarif", "--source-root", dir.resolve("repo/other").toString(),
                typed.toString()).out();
        assertThat(inner).contains("\"uri\": \"small.json\"");
        // outside the root: an absolute file: URI, never ../
        String elsewhere = Run.of("replay", "--format", "sarif", "--source-root", dir.resolve("none").toString(),
                typed.toString()).out();
        assertThat(elsewhere).contains("\"uri\": \"file:///").doesNotContain("../");
        assertThat(new ObjectMapper().readTree(elsewhere).get("runs").get(0).get("results").get(0)
                .get("locations").get(0).get("physicalLocation").get("artifactLocation").has("uriBaseId")).isFalse();
    }

    @Test
    void everyResultHasGitHubsLineHashAndAUniqueSignature() throws Exception {
        Set<String> signatures = new HashSet<>();
        Map<String, Integer> hashes = new TreeMap<>();
        for (JsonNode r : run.get("results")) {
            JsonNode fp = r.get("partialFingerprints");
            assertThat(fp.get("primaryLocationLineHash").asString()).matches("[0-9a-f]{1,16}:[0-9]+");
            assertThat(signatures.add(r.get("locations").get(0).get("physicalLocation").get("artifactLocation")
                    .get("uri").asString() + " " + fp.get("labyrinthSignature/v2").asString())).isTrue();
            hashes.merge(fp.get("primaryLocationLineHash").asString(), 1, Integer::sum);
        }
        // one line of a trace is one event: results at different lines never share a hash
        long lines = new HashSet<>(run.get("results").valueStream().map(r -> r.get("locations").get(0)
                .get("physicalLocation").get("artifactLocation").get("uri").asString() + ":"
                + r.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asLong())
                .toList()).size();
        assertThat(hashes.size()).isGreaterThanOrEqualTo((int) (lines * 99 / 100));
    }

    @Test
    void rulesHaveHelpNamesAndLevelsAndTheRunItsCategory() {
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("informationUri").asString()).startsWith("https://");
        assertThat(driver.get("fullName").asString()).startsWith("Labyrinth");
        assertThat(driver.get("semanticVersion").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        Set<String> names = new HashSet<>();
        for (JsonNode rule : driver.get("rules")) {
            assertThat(rule.get("help").get("text").asString()).hasSizeGreaterThan(40);
            assertThat(rule.get("help").get("markdown").asString()).hasSizeGreaterThan(40);
            assertThat(rule.get("name").asString()).matches("[A-Z][A-Za-z]+")
                    .isNotEqualToIgnoringCase(rule.get("id").asString());
            assertThat(names.add(rule.get("name").asString())).isTrue();
            assertThat(rule.get("defaultConfiguration").get("level").asString()).isIn("error", "warning", "note");
        }
        assertThat(run.get("automationDetails").get("id").asString()).isEqualTo("labyrinth/triage/traces/");
    }

    @Test
    void relatedLocationsHaveRegionsAndAreLinkedFromTheMessage() {
        int related = 0;
        for (JsonNode r : run.get("results")) {
            if (!r.has("relatedLocations")) {
                continue;
            }
            String text = r.get("message").get("text").asString();
            for (JsonNode rel : r.get("relatedLocations")) {
                related++;
                assertThat(rel.get("physicalLocation").get("region").get("startLine").asLong()).isPositive();
                assertThat(text).contains("](" + rel.get("id").asInt() + ")");
            }
        }
        assertThat(related).isGreaterThan(1000);
    }

    @Test
    void anUnreadableTraceIsAResultAtItsLine() {
        JsonNode unreadable = null;
        for (JsonNode r : run.get("results")) {
            if (r.get("ruleId").asString().equals("unreadable-trace")) {
                unreadable = r;
            }
        }
        assertThat(unreadable).isNotNull();
        JsonNode loc = unreadable.get("locations").get(0).get("physicalLocation");
        assertThat(loc.get("artifactLocation").get("uri").asString()).isEqualTo("traces/broken.json");
        assertThat(loc.get("region").get("startLine").asLong()).isEqualTo(2);
        assertThat(unreadable.get("level").asString()).isEqualTo("error");
    }

    @Test
    void sarifAndJunitAreTheSameBytesWhateverTheJobs() {
        for (String format : new String[] {"sarif", "junit"}) {
            String one = Run.of("triage", "--format", format, "--jobs", "1", traces.toString()).out();
            String two = Run.of("triage", "--format", format, "--jobs", "2", traces.toString()).out();
            assertThat(one).as(format).isEqualTo(two);
        }
    }

    @Test
    void junitCasesNameTheirFileAndLineAndTellTheTrueCounts() throws Exception {
        String xml = Run.of("triage", "--format", "junit", "--source-root", dir.resolve("repo").toString(),
                traces.toString()).out();
        ReportSchemaTest.validateJunit(xml);
        assertThat(xml).contains("file=\"traces/random-5.ndjson\" line=\"")
                .contains("file=\"traces/broken.json\" line=\"2\"");
        Matcher m = Pattern.compile("file=\"traces/random-(\\d)\\.ndjson\" line=\"\\d+\">\\s*<failure type=\"(\\w+)\""
                + " message=\"\\w+: (\\d+) findings at or above error \\((\\d+) listed\\)").matcher(xml);
        long counted = 0;
        long listed = 0;
        while (m.find()) {
            counted += Long.parseLong(m.group(3));
            listed += Long.parseLong(m.group(4));
        }
        assertThat(counted).isEqualTo(totalErrors);
        assertThat(listed).isLessThan(counted);
        List<String> bodies = new ArrayList<>();
        Matcher body = Pattern.compile("\">([^<]*)</failure>").matcher(xml);
        while (body.find()) {
            bodies.add(body.group(1));
        }
        assertThat(bodies).hasSize(2).allSatisfy(b -> {
            String[] lines = b.split("\n");
            assertThat(lines[0]).matches("findings: \\d+ findings at or above error \\(\\d+ listed\\)");
            assertThat(lines[1]).startsWith("primary failure: ");
            assertThat(lines[2]).startsWith("  at ").contains(": error: ");
            assertThat(lines[lines.length - 1]).contains("not listed: at most 5000 findings are listed");
        });
    }

    @Test
    void junitOfTriageIsCappedLikeItsSarif() {
        String xml = Run.of("triage", "--format", "junit", "--fail-on", "warning", traces.toString()).out();
        long findingLines = xml.lines().filter(l -> !l.startsWith("  at "))
                .filter(l -> l.matches(".*\\.ndjson:\\d+:\\d+: (error|warning): .*")).count();
        assertThat(findingLines).isEqualTo(5000);
        assertThat((long) xml.length()).isLessThan(30L * 1024 * 1024);
    }
}
