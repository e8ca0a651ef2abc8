package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traces whose recorded results follow Linux's rules (mm/page_alloc.c, mm/khugepaged.c, gfp.h),
 * worked out by hand for the decisions of issue 15, replay in simulate mode without a divergence.
 * The pfns are the lowest free ones: where Linux would hand out another page of the same zone
 * (LIFO free lists, per-CPU lists) the model differs on purpose (docs/fidelity.md); the zone and
 * whether the request succeeds are Linux's.
 */
class LinuxRulesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Per trace: its recorded failures, which the replay must show as failures too (event numbers). */
    private static final Map<String, List<Long>> FAILURES = Map.of(
            "memalloc-lower-zone-first.json", List.of(),
            "nofail-reaches-the-oom-killer.json", List.of(3L),
            "invalid-zone-modifiers-mean-dma.json", List.of(),
            "thp-watermarks-512mib.json", List.of(122L),
            "thp-off-boot-watermarks.json", List.of(127L));

    @TestFactory
    Stream<DynamicTest> linuxsDecisionsReplayWithoutADivergence() throws Exception {
        Path dir = Path.of(LinuxRulesTest.class.getResource("/linux-rules").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(p -> tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p))));
        }
        assertThat(tests).hasSize(FAILURES.size());
        return tests.stream();
    }

    private static void check(Path trace) {
        Run run = Run.of("replay", "--mode", "simulate", "--format", "json", trace.toString());
        assertThat(run.err()).isEmpty();
        JsonNode report = JSON.readTree(run.out());
        List<Long> failures = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            assertThat(f.get("kind").asString()).as(f.get("message").asString()).isNotEqualTo("divergence");
            if (f.get("kind").asString().equals("alloc-failure")) {
                failures.add(f.get("event").asLong());
            }
        }
        assertThat(report.get("outcome").asString()).isEqualTo("findings"); // the blocks are never freed: leaks
        assertThat(failures).isEqualTo(FAILURES.get(trace.getFileName().toString()));
    }
}
