package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import labyrinth.core.Gfp;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import org.junit.jupiter.api.Test;

/** TRACE-FORMAT.md: a replay of a trace that ends early can never come out clean. */
class TruncatedVerdictTest {
    @Test
    void aCutTraceWithNothingWrongIsTruncatedNotClean() {
        TraceBuilder s = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0);
        assertThat(s.run().outcome()).isEqualTo(Outcome.CLEAN);
        ReplayResult cut = s.runCut(false);
        assertThat(cut.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(cut.truncation()).isNotNull();
        assertThat(Signatures.primary(cut, Severity.ERROR)).extracting(PrimaryFailure::signature,
                PrimaryFailure::severity, PrimaryFailure::finding).containsExactly("truncated", Severity.ERROR, null);
    }

    @Test
    void theCutOutranksFindingsBecauseTheRestIsUnknown() {
        ReplayResult cut = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).free("a", 0).runCut(false);
        assertThat(cut.findings()).extracting(Finding::kind).containsExactly(FindingKind.DOUBLE_FREE);
        assertThat(cut.outcome()).isEqualTo(Outcome.TRUNCATED);
    }

    @Test
    void aPanicBeforeTheCutDecidesTheVerdict() {
        ReplayResult cut = TraceBuilder.complete(4)
                .alloc("a", 2, Gfp.GFP_KERNEL)
                .alloc("b", Context.HARDIRQ, 0, Gfp.GFP_ATOMIC, Event.UNRECORDED)
                .panic("out of memory", 1)
                .runCut(false);
        assertThat(cut.outcome()).isEqualTo(Outcome.PANIC_REPRODUCED);
        assertThat(cut.truncation()).isNotNull();
    }

    @Test
    void aDivergenceBeforeTheCutDecidesTheVerdict() {
        ReplayResult cut = TraceBuilder.complete(64).alloc("a", Context.TASK, 0, Gfp.GFP_KERNEL, 8).runCut(false);
        assertThat(cut.findings()).extracting(Finding::kind).contains(FindingKind.DIVERGENCE);
        assertThat(cut.outcome()).isEqualTo(Outcome.DIVERGED);
    }

    @Test
    void allowedACutTraceIsJudgedByItsFindingsAndStillSaysItWasCut() {
        ReplayResult quiet = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).runCut(true);
        assertThat(quiet.outcome()).isEqualTo(Outcome.CLEAN);
        assertThat(quiet.truncation()).isNotNull();
        assertThat(Signatures.primary(quiet, Severity.ERROR)).isNull();
        ReplayResult bad = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).free("a", 0).runCut(true);
        assertThat(bad.outcome()).isEqualTo(Outcome.FINDINGS);
        assertThat(Signatures.primary(bad, Severity.ERROR).signature()).startsWith("double-free");
    }
}
