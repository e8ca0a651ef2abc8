package labyrinth.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups explanations of reports with the same task, order and printed mode, in the order their
 * first report appears; a group is shown by its first report. Stateless.
 */
public final class ReportGroups {
    /** Reports of one task, order and mode: the first one's explanation and every one's. */
    public record Group(Explanation first, List<Explanation> all) {
        public Group {
            all = List.copyOf(all);
        }

        public int count() {
            return all.size();
        }
    }

    private ReportGroups() {
    }

    public static List<Group> group(List<Explanation> explanations) {
        Map<List<Object>, List<Explanation>> groups = new LinkedHashMap<>();
        for (Explanation e : explanations) {
            FailureReport r = e.report();
            groups.computeIfAbsent(List.of(r.task(), r.order(), r.mode()), k -> new ArrayList<>()).add(e);
        }
        List<Group> out = new ArrayList<>(groups.size());
        for (List<Explanation> all : groups.values()) {
            out.add(new Group(all.get(0), all));
        }
        return out;
    }
}
