package labyrinth.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGeneratorFactory;
import labyrinth.core.Gfp;
import labyrinth.replay.ReplayFailure;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.testing.Seeds;
import labyrinth.testing.TraceBuilder;
import org.junit.jupiter.api.Test;

/** The REPL's first pass runs the replay loop {@code replay} runs, with its rules for a bug. */
class SeekableReplayTest {
    private static final String FAIL_AT = "labyrinth.test.failAtEvent";
    private static final SeekableReplay.Options OPTIONS =
            new SeekableReplay.Options(null, 1L << 20, 32L << 20, 4, 1024, 100_000);

    @Test
    void anInjectedFailureIsAReplayFailureNamingTheEvent() {
        TraceBuilder t = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).alloc("b", 0, Gfp.GFP_KERNEL)
                .free("a", 0).alloc("c", 1, Gfp.GFP_KERNEL).free("b", 1);
        System.setProperty(FAIL_AT, "3");
        try {
            assertThatThrownBy(() -> SeekableReplay.load(t.source(), OPTIONS)).isInstanceOfSatisfying(
                    ReplayFailure.class, f -> {
                        assertThat(f.event()).isEqualTo(3);
                        assertThat(f.op()).isEqualTo("alloc");
                        assertThat(f.getCause()).hasMessage("failure injected at event 3 (" + FAIL_AT + ")");
                    });
        } finally {
            System.clearProperty(FAIL_AT);
        }
    }

    @Test
    void theFirstPassFindsWhatReplayFinds() throws Exception {
        Seeds.each(0, 4, seed -> {
            TraceBuilder t = TraceBuilder.random(RandomGeneratorFactory.of("L64X128MixRandom").create(seed), 600, 256);
            ReplayResult replayed = Replays.run(t.source(), null, Severity.ERROR, 1L << 20, Integer.MAX_VALUE);
            try (SeekableReplay repl = SeekableReplay.load(t.source(), OPTIONS)) {
                assertThat(repl.findingsAll()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(replayed.findings());
                assertThat(repl.outcome()).as("seed %d", seed).isEqualTo(replayed.outcome());
                assertThat(repl.size()).isEqualTo(t.size());
            }
        });
    }
}
