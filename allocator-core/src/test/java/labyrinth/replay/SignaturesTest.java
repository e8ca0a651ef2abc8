package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import labyrinth.core.Gfp;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    private static final long ATOMIC_EXCL = Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE;

    private static String primary(TraceBuilder s) {
        PrimaryFailure p = Signatures.primary(s.run(), Severity.ERROR);
        return p == null ? null : p.signature();
    }

    /** A double free after {@code before} unrelated allocations: other pfns, other event numbers. */
    private static TraceBuilder doubleFreeAfter(int before) {
        TraceBuilder s = TraceBuilder.complete(256);
        for (int i = 0; i < before; i++) {
            s.alloc("noise", 1, Gfp.GFP_KERNEL);
        }
        return s.alloc("nvme0q3", 1, Gfp.GFP_KERNEL).free("nvme0q3", 2L * before).free("nvme0q3", 2L * before);
    }

    @Test
    void sameBugInDifferentRunsHasOneSignatureWithoutNumbersOfTheRun() {
        TraceBuilder a = doubleFreeAfter(0);
        TraceBuilder b = doubleFreeAfter(7);
        assertThat(primary(a)).isEqualTo(primary(b)).isEqualTo("double-free nvme0q3@-");
    }

    @Test
    void differentKindsOwnersOrSitesAreDifferentSignatures() {
        String doubleFree = primary(TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).free("a", 0));
        String otherOwner = primary(TraceBuilder.complete(64).alloc("b", 0, Gfp.GFP_KERNEL).free("b", 0).free("b", 0));
        String useAfterFree = primary(TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).access("a", 0));
        assertThat(java.util.Set.of(doubleFree, otherOwner, useAfterFree)).hasSize(3);
    }

    @Test
    void allocFailureNamesOwnerSiteOrderGfpAndReason() {
        TraceBuilder s = TraceBuilder.complete(8);
        for (int i = 0; i < 8; i++) {
            s.alloc("eth0-rx", Context.HARDIRQ, 0, ATOMIC_EXCL, Event.UNRECORDED);
        }
        PrimaryFailure p = Signatures.primary(s.run(), Severity.WARNING);
        assertThat(p.signature())
                .isEqualTo("alloc-failure eth0-rx@site:eth0-rx order-0 GFP_ATOMIC|__GFP_EXCLUSIVE watermark");
        assertThat(p.severity()).isEqualTo(Severity.WARNING);
        assertThat(Signatures.primary(s.run(), Severity.ERROR)).as("a warning is not an error").isNull();
    }

    @Test
    void panicTakesItsTriggersSignatureAsAnError() {
        TraceBuilder s = TraceBuilder.complete(8);
        for (int i = 0; i < 8; i++) {
            s.alloc("eth0-rx", Context.HARDIRQ, 0, ATOMIC_EXCL, Event.UNRECORDED);
        }
        s.panic("eth0: RX ring refill failed", Event.ABSENT);
        PrimaryFailure p = Signatures.primary(s.run(), Severity.ERROR);
        assertThat(p.signature()).startsWith("alloc-failure eth0-rx@");
        assertThat(p.severity()).isEqualTo(Severity.ERROR);
        assertThat(p.finding().kind()).isEqualTo(FindingKind.ALLOC_FAILURE);
    }

    @Test
    void panicWithoutTriggerIsSignedByItsMessage() {
        PrimaryFailure p = Signatures.primary(TraceBuilder.complete(8).mark("x").panic("oops \"quoted\"", Event.ABSENT)
                .run(), Severity.ERROR);
        assertThat(p.signature()).isEqualTo("panic \"oops \"quoted\"\"");
    }

    @Test
    void leaksFoundAtTheEndComeAfterEarlierErrors() {
        TraceBuilder s = TraceBuilder.complete(64).alloc("leaker", 0, Gfp.GFP_KERNEL).alloc("a", 0, Gfp.GFP_KERNEL)
                .free("a", 1).free("a", 1);
        assertThat(primary(s)).isEqualTo("double-free a@-");
        assertThat(primary(TraceBuilder.complete(64).alloc("leaker", 0, Gfp.GFP_KERNEL))).isEqualTo("leak leaker@site:leaker");
    }
}
