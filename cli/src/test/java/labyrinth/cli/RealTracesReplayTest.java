package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every real kernel capture (trace-format's test resources) imports and replays: directly, and through import. */
class RealTracesReplayTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Events per capture, counted by hand from the files. */
    static final Map<String, Integer> EVENTS = Map.of(
            "blog-2025-01-07-trace-cmd-intro-kmem-report.txt", 4,
            "linux-mm-2010-11-24-simon-kirby-perf-trace.txt", 1,
            "linux-mm-2016-10-18-michal-hocko-function-graph.txt", 4,
            "linux-mm-2016-12-07-mel-gorman-netperf-stacktrace.txt", 2,
            "lkml-2010-01-13-li-hong-mm_page_free_direct.txt", 5,
            "lkml-2019-04-29-kairui-song-perf-script-callchain.txt", 2,
            "lkml-2020-06-13-jaewon-kim-mm_page_alloc-nr_free.txt", 9,
            "lkml-2021-04-30-zhengjun-xing-function-graph-failed-order9.txt", 1,
            "stable-2019-11-13-kefeng-wang-arm64-stacktrace.txt", 6,
            "stable-2025-01-steven-rostedt-gfp-enum-unresolved.txt", 2);

    static Iterable<String> captures() {
        return EVENTS.keySet().stream().sorted().toList();
    }

    @Test
    void theSampleKernelCaptureIsAVerbatimCopyOfTheRealTrace() throws IOException {
        String name = "lkml-2010-01-13-li-hong-mm_page_free_direct.txt";
        assertThat(Files.readAllBytes(Repo.root().resolve("sample-traces").resolve(name)))
                .isEqualTo(Files.readAllBytes(Repo.realTraces().resolve(name)));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void replaysDirectlyAsAWindowInObserveMode(String name) {
        Path file = Repo.realTraces().resolve(name);
        Run run = Run.of("replay", "--format", "json", file.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isIn(0, 1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("trace").get("events").asInt()).isEqualTo(EVENTS.get(name));
        assertThat(report.get("trace").get("scope").asString()).isEqualTo("window");
        assertThat(report.get("trace").get("mode").asString()).isEqualTo("observe");
        for (JsonNode f : report.get("findings")) {
            assertThat(f.get("kind").asString()).isNotIn("divergence");
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void importThenReplayGivesTheSameReportAsReplayingTheCapture(String name, @TempDir Path dir) {
        Path file = Repo.realTraces().resolve(name);
        Path out = dir.resolve("trace.json");
        Run imported = Run.of("import", "--from", "ftrace", file.toString(), "-o", out.toString());
        assertThat(imported.exit()).isZero();
        assertThat(imported.err()).contains("imported " + EVENTS.get(name) + " events");
        JsonNode direct = JSON.readTree(Run.of("replay", "--format", "json", file.toString()).out());
        JsonNode viaImport = JSON.readTree(Run.of("replay", "--format", "json", out.toString()).out());
        assertThat(viaImport.get("summary")).isEqualTo(direct.get("summary"));
        assertThat(viaImport.get("findings").size()).isEqualTo(direct.get("findings").size());
    }
}
