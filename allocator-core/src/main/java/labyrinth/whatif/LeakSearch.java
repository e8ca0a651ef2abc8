package labyrinth.whatif;

import java.util.ArrayList;
import java.util.List;
import labyrinth.replay.Holding;
import labyrinth.trace.TraceException;

/**
 * {@code --search leaks}: for each group of never-freed blocks, largest first, whether fixing it
 * alone removes the baseline's primary failure ({@link Baseline#primary}). Stateless.
 */
public final class LeakSearch {
    /** One group and its verdict. */
    public record Verdict(Holding group, boolean removesPrimary) {
    }

    /** One what-if with {@code fix} added to the other changes: true when the primary failure is gone. */
    @FunctionalInterface
    public interface Probe {
        boolean removes(LeakFix fix) throws TraceException;
    }

    private LeakSearch() {
    }

    /** Nothing to try when the baseline has no primary failure: an empty list. */
    public static List<Verdict> run(Baseline base, Probe probe) throws TraceException {
        List<Verdict> list = new ArrayList<>();
        if (base.primary() == null) {
            return list;
        }
        for (Holding g : base.leakGroups()) {
            list.add(new Verdict(g, probe.removes(LeakFix.of(g.owner(), g.site()))));
        }
        return list;
    }
}
