package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import labyrinth.format.TraceFiles;
import labyrinth.gen.Scenario;
import labyrinth.gen.Scenarios;
import labyrinth.trace.Event;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenCommandTest {
    @TempDir
    Path dir;

    private static List<Event> read(Path file) throws Exception {
        List<Event> events = new ArrayList<>();
        try (TraceSource src = TraceFiles.open(file, file.toString())) {
            Event e;
            while ((e = src.next()) != null) {
                events.add(e.located(0, 0));
            }
        }
        return events;
    }

    @Test
    void listNamesEveryScenarioWithItsMinimum() {
        Run r = Run.of("gen", "--list");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSize(4);
        for (Scenario s : Scenarios.all()) {
            assertThat(r.out()).contains(s.name() + " ").contains("(--events " + s.minEvents() + " or more)");
        }
    }

    @Test
    void rootHelpListsGenAfterImport() {
        Run r = Run.of("--help");
        assertThat(r.out()).containsSubsequence("replay", "validate", "import", "gen");
    }

    @Test
    void stdoutGetsADocumentThatReadsBackAsTheScenarioEvents() throws Exception {
        Run r = Run.of("gen", "steady", "--events", "400", "--seed", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"labyrinth\":1,\"scope\":\"complete\",\"machine\":{\"pages\":1024}")
                .contains("\"meta\":{\"generator\":\"labyrinth gen\",\"scenario\":\"steady\",\"seed\":5,\"events\":400}");
        Path file = Files.writeString(dir.resolve("out.json"), r.out());
        List<Event> expected = new ArrayList<>();
        Scenarios.byName("steady").orElseThrow().generate(5, 400, expected::add);
        assertThat(read(file)).isEqualTo(expected);
    }

    @Test
    void outputFileIsWrittenAtomicallyAsJsonLinesForAnNdjsonName() throws Exception {
        Path out = dir.resolve("random.ndjson");
        Run r = Run.of("gen", "random", "--events", "600", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("generated 600 events of random (seed 1) to " + out + "\n");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(601);
        assertThat(lines.get(0)).doesNotContain("\"events\":[");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out); // no temporary file left behind
        }
        List<Event> expected = new ArrayList<>();
        Scenarios.byName("random").orElseThrow().generate(1, 600, expected::add);
        assertThat(read(out)).isEqualTo(expected);
    }

    @Test
    void gzNamesAreCompressedAndFormatCanBeForced() throws Exception {
        Path out = dir.resolve("frag.json.gz");
        assertThat(Run.of("gen", "fragmentation", "--events", "500", "--format", "ndjson", "-o", out.toString()).exit())
                .isZero();
        try (var in = new GZIPInputStream(Files.newInputStream(out))) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text.lines()).hasSize(501);
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        String a = Run.of("gen", "random", "--events", "700", "--seed", "9").out();
        assertThat(Run.of("gen", "random", "--events", "700", "--seed", "9").out()).isEqualTo(a);
        assertThat(Run.of("gen", "random", "--events", "700", "--seed", "10").out()).isNotEqualTo(a);
    }

    @Test
    void generatedRxStormReplaysAsAReproducedPanicAndSteadyAsClean() throws Exception {
        Path rx = dir.resolve("rx.json");
        assertThat(Run.of("gen", "rx-storm", "--events", "3000", "--seed", "4", "-o", rx.toString()).exit()).isZero();
        Run replay = Run.of("replay", "--format", "json", rx.toString());
        assertThat(replay.exit()).as(replay.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(replay.out()).containsPattern("\"outcome\": ?\"panic-reproduced\"");

        Path steady = dir.resolve("steady.json");
        assertThat(Run.of("gen", "steady", "--events", "3000", "-o", steady.toString()).exit()).isZero();
        Run clean = Run.of("replay", steady.toString());
        assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("Outcome: clean");
    }

    @Test
    void unknownScenarioIsAUsageErrorWithASuggestion() {
        Run r = Run.of("gen", "rx_storm");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("unknown scenario \"rx_storm\": expected one of rx-storm, steady, fragmentation,"
                + " random; did you mean rx-storm?");
        assertThat(Run.of("gen", "frag").err()).contains("did you mean fragmentation?");
        assertThat(Run.of("gen", "zzzzzz").err()).doesNotContain("did you mean");
    }

    @Test
    void missingScenarioAndTooFewEventsAreUsageErrors() {
        Run none = Run.of("gen");
        assertThat(none.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).startsWith("missing SCENARIO: give one of rx-storm, steady, fragmentation, random"
                + " (or --list)");
        Run few = Run.of("gen", "rx-storm", "--events", "50");
        assertThat(few.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(few.err()).startsWith("--events must be at least 200 for rx-storm, found 50");
        assertThat(Run.of("gen", "steady", "--format", "xml").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void unwritableOutputIsOneLineAndNoTrace() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Run r = Run.of("gen", "steady", "--events", "200", "-o", blocker.resolve("sub/out.json").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).startsWith("cannot write " + blocker.resolve("sub/out.json") + ": no such folder ")
                .doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }
}
