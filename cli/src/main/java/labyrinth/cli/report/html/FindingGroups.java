package labyrinth.cli.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Severity;

/**
 * The findings grouped by kind and signature ({@code owner@site}; a panic by its message), worst
 * severity first, then most findings, then earliest: what the findings table lists and what the
 * chart's markers link to. Each group keeps its count and its first {@link #FIRST} findings only,
 * so a trace with a hundred thousand findings groups into a page that stays small. Immutable after
 * {@link #of}.
 */
final class FindingGroups {
    /** Findings kept per group, the earliest. */
    static final int FIRST = 5;

    /** One group: its anchor is {@code group-N}, N its 1-based place in {@link #groups}. */
    static final class Group {
        final FindingKind kind;
        final String signature;
        Severity severity;
        long count;
        final List<Finding> first = new ArrayList<>();
        int number;

        Group(FindingKind kind, String signature, Severity severity) {
            this.kind = kind;
            this.signature = signature;
            this.severity = severity;
        }

        String anchor() {
            return "group-" + number;
        }
    }

    private final List<Group> groups;
    private final Map<Finding, Group> byFinding;
    private final Map<FindingKind, Long> byKind;
    private final Map<Severity, Long> bySeverity;

    private FindingGroups(List<Group> groups, Map<Finding, Group> byFinding, Map<FindingKind, Long> byKind,
                          Map<Severity, Long> bySeverity) {
        this.groups = groups;
        this.byFinding = byFinding;
        this.byKind = byKind;
        this.bySeverity = bySeverity;
    }

    static FindingGroups of(ReplayResult r) {
        Map<String, Group> bySignature = new HashMap<>();
        List<Group> groups = new ArrayList<>();
        Map<Finding, Group> byFinding = new IdentityHashMap<>();
        Map<FindingKind, Long> byKind = new LinkedHashMap<>();
        Map<Severity, Long> bySeverity = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            String sig = signature(f);
            Group g = bySignature.computeIfAbsent(f.kind().label() + "\u0000" + sig, k -> {
                Group n = new Group(f.kind(), sig, f.severity());
                groups.add(n);
                return n;
            });
            g.count++;
            if (f.severity().compareTo(g.severity) > 0) {
                g.severity = f.severity();
            }
            if (g.first.size() < FIRST) {
                g.first.add(f);
                byFinding.put(f, g);
            }
            byKind.merge(f.kind(), 1L, Long::sum);
            bySeverity.merge(f.severity(), 1L, Long::sum);
        }
        groups.sort(Comparator.comparing((Group g) -> g.severity).reversed()
                .thenComparing(Comparator.comparingLong((Group g) -> g.count).reversed())
                .thenComparingLong(g -> g.first.get(0).event()));
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).number = i + 1;
        }
        return new FindingGroups(groups, byFinding, byKind, bySeverity);
    }

    /** {@code owner@site} with {@code -} for what the event did not name; a panic's message. */
    static String signature(Finding f) {
        if (f.kind() == FindingKind.PANIC) {
            return f.message();
        }
        if (f.kind() == FindingKind.TRACE_GAP) {
            return "-";
        }
        return dash(f.owner()) + "@" + dash(f.site());
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    List<Group> groups() {
        return groups;
    }

    /** The group of {@code f} when it is among its group's first findings; else the group found by signature. */
    Group groupOf(Finding f) {
        Group g = byFinding.get(f);
        if (g != null) {
            return g;
        }
        String sig = signature(f);
        for (Group x : groups) {
            if (x.kind == f.kind() && x.signature.equals(sig)) {
                return x;
            }
        }
        return null;
    }

    /** Findings of each kind, in the order kinds first appeared. */
    Map<FindingKind, Long> byKind() {
        return byKind;
    }

    long count(Severity s) {
        return bySeverity.getOrDefault(s, 0L);
    }
}
