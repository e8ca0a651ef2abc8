package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CLI.md's --max-findings: past N, by severity and then by event; the panic and failures always. */
class KeptFindingsTest {
    private static Finding f(FindingKind kind, Severity severity, long event) {
        return new Finding(kind, severity, event, event + 1, 1, -1, -1, -1, null, null, null, null,
                kind.label() + " at " + event, List.of(), null);
    }

    private static List<String> names(List<Finding> findings) {
        return findings.stream().map(x -> x.event() + " " + x.kind().label()).toList();
    }

    @Test
    void pastTheLimitErrorsBeatWarningsBeatInfoThenEarlierEventsWin() {
        KeptFindings kept = new KeptFindings(4);
        for (int e = 0; e < 5; e++) {
            kept.onFinding(f(FindingKind.WATERMARK_LOW, Severity.INFO, e));
        }
        for (int e = 5; e < 8; e++) {
            kept.onFinding(f(FindingKind.WATERMARK_MIN, Severity.WARNING, e));
        }
        // leaks come last but name their earliest allocation
        kept.onFinding(f(FindingKind.LEAK, Severity.ERROR, 2));
        kept.onFinding(f(FindingKind.LEAK, Severity.ERROR, 1));
        assertThat(names(kept.kept())).containsExactly("1 leak", "2 leak", "5 watermark-min", "6 watermark-min");
        assertThat(kept.dropped()).isEqualTo(6);
        assertThat(kept.countsBySeverity()).as("dropped findings are counted by severity too")
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(Severity.INFO, 5L, Severity.WARNING, 3L,
                        Severity.ERROR, 2L));
    }

    @Test
    void thePanicAndEveryAllocFailureAreKeptBesidesTheLimit() {
        KeptFindings kept = new KeptFindings(1);
        kept.onFinding(f(FindingKind.ALLOC_FAILURE, Severity.INFO, 0));
        kept.onFinding(f(FindingKind.DOUBLE_FREE, Severity.ERROR, 1));
        kept.onFinding(f(FindingKind.ALLOC_FAILURE, Severity.INFO, 2));
        kept.onFinding(f(FindingKind.USE_AFTER_FREE, Severity.ERROR, 3));
        kept.onFinding(f(FindingKind.ALLOC_FAILURE, Severity.WARNING, 4));
        kept.onFinding(f(FindingKind.PANIC, Severity.ERROR, 5));
        assertThat(names(kept.kept())).containsExactly("0 alloc-failure", "1 double-free", "2 alloc-failure",
                "4 alloc-failure", "5 panic");
        assertThat(kept.dropped()).isEqualTo(1);
    }

    @Test
    void zeroKeepsOnlyThePanicAndTheFailuresAndNegativeKeepsNothing() {
        KeptFindings zero = new KeptFindings(0);
        KeptFindings none = new KeptFindings(Replays.SUMMARY_ONLY);
        for (KeptFindings k : List.of(zero, none)) {
            k.onFinding(f(FindingKind.LEAK, Severity.ERROR, 0));
            k.onFinding(f(FindingKind.ALLOC_FAILURE, Severity.WARNING, 1));
            k.onFinding(f(FindingKind.PANIC, Severity.ERROR, 2));
        }
        assertThat(names(zero.kept())).containsExactly("1 alloc-failure", "2 panic");
        assertThat(zero.dropped()).isEqualTo(1);
        assertThat(none.kept()).isEmpty();
        assertThat(none.dropped()).isEqualTo(3);
    }

    @Test
    void keptFindingsOfOneEventStayInTheOrderFound() {
        KeptFindings kept = new KeptFindings(3);
        kept.onFinding(f(FindingKind.FOREIGN_FREE, Severity.WARNING, 7));
        kept.onFinding(f(FindingKind.ORDER_MISMATCH, Severity.ERROR, 7));
        kept.onFinding(f(FindingKind.SLEEP_IN_ATOMIC, Severity.ERROR, 3));
        kept.onFinding(f(FindingKind.INVALID_FREE, Severity.ERROR, 9));
        assertThat(names(kept.kept())).containsExactly("3 sleep-in-atomic", "7 order-mismatch", "9 invalid-free");
        KeptFindings all = new KeptFindings(Integer.MAX_VALUE);
        all.onFinding(f(FindingKind.FOREIGN_FREE, Severity.WARNING, 7));
        all.onFinding(f(FindingKind.ORDER_MISMATCH, Severity.ERROR, 7));
        all.onFinding(f(FindingKind.SLEEP_IN_ATOMIC, Severity.ERROR, 3));
        assertThat(names(all.kept())).containsExactly("3 sleep-in-atomic", "7 foreign-free", "7 order-mismatch");
    }
}
