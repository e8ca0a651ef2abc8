package labyrinth.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;

/**
 * The findings a CI report lists, at most {@code limit} over all its traces (GitHub rejects a SARIF
 * run of more than 25,000 results and shows 5,000; GitLab drops JUnit files over 30 MB): the most
 * severe first (errors, warnings, info), then the earliest event, then the trace named first.
 * What is left out, here or already by the replay's own {@code --max-findings}, is counted by kind.
 * Immutable.
 */
final class ListedFindings {
    private record Candidate(Finding finding, int run, int position) {
    }

    private static final Comparator<Candidate> MOST_WORTH = Comparator
            .comparing((Candidate c) -> c.finding().severity()).reversed()
            .thenComparingLong(c -> c.finding().event())
            .thenComparingInt(Candidate::run)
            .thenComparingInt(Candidate::position);

    private final List<List<Finding>> listed;
    private final List<Map<FindingKind, Long>> leftOut;
    private final int limit;

    private ListedFindings(List<List<Finding>> listed, List<Map<FindingKind, Long>> leftOut, int limit) {
        this.listed = listed;
        this.leftOut = leftOut;
        this.limit = limit;
    }

    /**
     * @param eligible which findings the report would list with no limit (JUnit: those at or above
     *     {@code --fail-on} of failing traces); the others are neither listed nor counted as left out
     */
    static ListedFindings select(List<TraceRun> runs, int limit, Predicate<TraceRun> listsFindings,
                                 Predicate<Finding> eligible) {
        List<Candidate> all = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            TraceRun run = runs.get(r);
            if (run.unreadable() || !listsFindings.test(run)) {
                continue;
            }
            List<Finding> fs = run.result().findings();
            for (int i = 0; i < fs.size(); i++) {
                if (eligible.test(fs.get(i))) {
                    all.add(new Candidate(fs.get(i), r, i));
                }
            }
        }
        all.sort(MOST_WORTH);
        boolean[][] keep = new boolean[runs.size()][];
        for (int r = 0; r < runs.size(); r++) {
            keep[r] = new boolean[runs.get(r).unreadable() ? 0 : runs.get(r).result().findings().size()];
        }
        List<Map<FindingKind, Long>> leftOut = new ArrayList<>();
        for (TraceRun run : runs) {
            Map<FindingKind, Long> m = new EnumMap<>(FindingKind.class);
            if (!run.unreadable()) {
                m.putAll(run.result().droppedByKind());
            }
            leftOut.add(m);
        }
        for (int i = 0; i < all.size(); i++) {
            Candidate c = all.get(i);
            if (i < limit) {
                keep[c.run()][c.position()] = true;
            } else {
                leftOut.get(c.run()).merge(c.finding().kind(), 1L, Long::sum);
            }
        }
        List<List<Finding>> listed = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            List<Finding> kept = new ArrayList<>();
            for (int i = 0; i < keep[r].length; i++) {
                if (keep[r][i]) {
                    kept.add(runs.get(r).result().findings().get(i));
                }
            }
            listed.add(kept);
        }
        return new ListedFindings(listed, leftOut, limit);
    }

    /** The findings of run {@code r} that are listed, in event order. */
    List<Finding> of(int r) {
        return listed.get(r);
    }

    /** The findings of run {@code r} left out, by kind (by the replay's limit or this one). */
    Map<FindingKind, Long> leftOut(int r) {
        return leftOut.get(r);
    }

    /** Every finding left out, by kind. */
    Map<FindingKind, Long> leftOut() {
        Map<FindingKind, Long> total = new EnumMap<>(FindingKind.class);
        for (Map<FindingKind, Long> m : leftOut) {
            m.forEach((k, n) -> total.merge(k, n, Long::sum));
        }
        return total;
    }

    static long sum(Map<FindingKind, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code alloc-failure 12, leak 3}. */
    static String byKind(Map<FindingKind, Long> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.label()).append(' ').append(n));
        return sb.toString();
    }

    int limit() {
        return limit;
    }
}
