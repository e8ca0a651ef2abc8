package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The contracts' worked examples (test resources in examples/): every trace gives exactly its expected result. */
class ExamplesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> everyExampleReplaysAsWorkedOutByHand() {
        Path examples = Repo.examples();
        JsonNode expected = JSON.readTree(examples.resolve("expected.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(examples.resolve(e.getKey()), e.getValue())));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(9);
        return tests.stream();
    }

    private static void check(Path trace, JsonNode want) {
        Run run = Run.of("replay", "--format", "json", trace.toString());
        assertThat(run.err()).isEmpty();
        JsonNode got = JSON.readTree(run.out());
        assertThat(got.get("trace").get("mode").asString()).isEqualTo(want.get("mode").asString());
        assertThat(got.get("outcome").asString()).isEqualTo(want.get("outcome").asString());
        assertThat(findings(got)).isEqualTo(expectedFindings(want));
        JsonNode summary = got.get("summary");
        for (Map.Entry<String, JsonNode> s : want.get("summary").properties()) {
            assertThat(summary.get(s.getKey()).asLong()).as("summary." + s.getKey()).isEqualTo(s.getValue().asLong());
        }
        JsonNode panic = want.get("panic");
        if (panic.isNull()) {
            assertThat(got.get("panic").isNull()).isTrue();
        } else {
            for (String key : List.of("event", "reproduced", "trigger")) {
                assertThat(got.get("panic").get(key).asString()).as("panic." + key)
                        .isEqualTo(panic.get(key).asString());
            }
        }
        int exit = switch (want.get("outcome").asString()) {
            case "clean" -> 0;
            case "findings", "panic-reproduced" -> 1;
            default -> 4;
        };
        assertThat(run.exit()).isEqualTo(exit);
    }

    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            String row = f.get("event").asLong() + " " + f.get("kind").asString() + " " + f.get("severity").asString();
            if (f.get("kind").asString().equals("alloc-failure")) {
                row += " " + f.get("reason").asString();
            }
            out.add(row);
        }
        return out;
    }

    private static List<String> expectedFindings(JsonNode want) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : want.get("findings")) {
            StringBuilder row = new StringBuilder();
            for (JsonNode part : f) {
                if (row.length() > 0) {
                    row.append(' ');
                }
                row.append(part.asString());
            }
            out.add(row.toString());
        }
        return out;
    }
}
