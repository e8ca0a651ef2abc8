package labyrinth.whatif;

import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.ReplayResult;

/**
 * Baseline against what-if, failure by failure. Failures are matched by event: the same request
 * failing in both is neither gone nor new, whatever the reason. Immutable.
 *
 * @param disappeared failures of the baseline whose event does not fail in the what-if
 * @param appeared failures of the what-if whose event does not fail in the baseline
 * @param sleepingAppeared of {@code appeared}, those that may sleep ({@code __GFP_DIRECT_RECLAIM}):
 *     a real kernel reclaims before failing them, which the model does not do
 * @param atomicBaseline failures of requests that may not sleep, in the baseline
 * @param atomicWhatIf the same in the what-if
 */
public record Comparison(List<Finding> disappeared, List<Finding> appeared, List<Finding> sleepingAppeared,
                         long atomicBaseline, long atomicWhatIf) {
    public Comparison {
        disappeared = List.copyOf(disappeared);
        appeared = List.copyOf(appeared);
        sleepingAppeared = List.copyOf(sleepingAppeared);
    }

    public static Comparison of(ReplayResult baseline, ReplayResult whatIf) {
        List<Finding> appeared = WhatIf.failuresOnlyIn(whatIf, baseline);
        return new Comparison(WhatIf.failuresOnlyIn(baseline, whatIf), appeared,
                appeared.stream().filter(f -> f.gfp() >= 0 && Gfp.maySleep(f.gfp())).toList(),
                atomic(baseline), atomic(whatIf));
    }

    private static long atomic(ReplayResult r) {
        return r.findings().stream()
                .filter(f -> f.kind() == FindingKind.ALLOC_FAILURE && f.gfp() >= 0 && !Gfp.maySleep(f.gfp())).count();
    }
}
