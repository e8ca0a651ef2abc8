package labyrinth.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import labyrinth.testing.Seeds;
import labyrinth.testing.TraceBuilder;
import org.junit.jupiter.api.Test;

/**
 * Going back is exact: every view after reaching an event backwards (checkpoint restored, replayed
 * forward) equals the view after reaching it by stepping forwards from the start.
 */
class BackStepExactnessTest {
    private static final String VIEWS = "zones; buddy; top 100; findings; owner eth0-rx; owner nvme0q1; owner blk-mq;"
            + " owner kworker; owner tcp";

    @Test
    void viewsAfterGoingBackEqualViewsAfterGoingForwards() throws Exception {
        Seeds.each(1, 6, BackStepExactnessTest::checkOne);
    }

    private static void checkOne(long seed) throws Exception {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int n = 400 + rnd.nextInt(800);
        TraceBuilder t = TraceBuilder.random(rnd, n, 128 + 64 * rnd.nextInt(4));
        // forwards: one checkpoint, the start, so every state is one uninterrupted replay from it;
        // backwards: a checkpoint every 7 events, so most targets sit between two of them
        try (ReplSession forwards = ReplSession.open(t.source(),
                     new SeekableReplay.Options(null, 1L << 20, 64L << 20, Integer.MAX_VALUE, 1024, 100_000));
             ReplSession backwards = ReplSession.open(t.source(),
                     new SeekableReplay.Options(null, 1L << 20, 64L << 20, 7, 1024, 100_000))) {
            assertThat(forwards.timeline().checkpointCount()).isEqualTo(1);
            assertThat(backwards.timeline().checkpointCount()).isGreaterThan(50);
            for (int pair = 0; pair < 25; pair++) {
                int a = rnd.nextInt(n);
                int b = rnd.nextInt(n);
                int early = Math.min(a, b);
                int late = Math.max(a, b);
                // forwards: from the start, one step at a time
                run(forwards, "goto start");
                for (int i = 0; i < early; i++) {
                    run(forwards, "step");
                }
                // backwards: past the later event, then back to the earlier one
                run(backwards, "goto " + late);
                run(backwards, "back " + (late + 1 - early));
                assertThat(backwards.timeline().position()).isEqualTo(early);
                long pfn = rnd.nextInt(128);
                String views = VIEWS + "; where; page " + pfn;
                assertThat(run(backwards, views)).as("after going back to position %d (from %d)", early, late + 1)
                        .isEqualTo(run(forwards, views));
                // and a goto backwards to an event lands where stepping forwards does
                if (early > 0) {
                    run(backwards, "goto end; goto " + (early - 1));
                    assertThat(run(backwards, views)).isEqualTo(run(forwards, views));
                }
            }
        }
    }

    private static String run(ReplSession s, String commands) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        for (String c : ReplSession.split(commands)) {
            assertThat(s.execute(c, out)).as(c).isEqualTo(ReplSession.Result.OK);
        }
        out.flush();
        return sw.toString();
    }
}
