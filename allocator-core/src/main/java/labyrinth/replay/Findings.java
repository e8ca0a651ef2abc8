package labyrinth.replay;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import labyrinth.trace.CommonFields;

/**
 * Hands each finding of a replay to its listener and keeps what the verdicts need of them: the
 * counts by kind, the highest severity, and the events that showed an alloc-failure or an error
 * finding (ascending, since events are numbered in trace order), which a panic looks its trigger
 * up in.
 *
 * <p>Not thread-safe: one per replayer; {@link #copy} gives an independent one.
 */
final class Findings {
    private final FindingListener listener;
    private final EnumMap<FindingKind, Long> counts;
    private Severity max;
    private long[] troubleEvents;
    private Finding[] troubleFindings;
    private int troubleCount;

    Findings(FindingListener listener) {
        this.listener = listener;
        counts = new EnumMap<>(FindingKind.class);
        troubleEvents = new long[16];
        troubleFindings = new Finding[16];
    }

    private Findings(Findings o, FindingListener listener) {
        this.listener = listener;
        counts = new EnumMap<>(o.counts);
        max = o.max;
        troubleEvents = o.troubleEvents.clone();
        troubleFindings = o.troubleFindings.clone();
        troubleCount = o.troubleCount;
    }

    /** The same record so far, reporting from now on to {@code newListener}. */
    Findings copy(FindingListener newListener) {
        return new Findings(this, newListener);
    }

    /** Makes a finding at event {@code c}, records it and passes it on. */
    Finding emit(FindingKind kind, Severity severity, CommonFields c, long pfn, int order, long gfp,
                 FailureCause reason, String message, List<Related> related, MemInfo memory) {
        Finding f = new Finding(kind, severity, c.number(), c.line(), c.column(), pfn, order, gfp, c.owner(),
                c.ctx(), c.site(), reason, message, related, memory);
        add(f);
        listener.onFinding(f);
        return f;
    }

    private void add(Finding f) {
        counts.merge(f.kind(), 1L, Long::sum);
        if (max == null || f.severity().compareTo(max) > 0) {
            max = f.severity();
        }
        boolean trouble = f.kind() == FindingKind.ALLOC_FAILURE || f.severity() == Severity.ERROR;
        if (trouble && f.kind() != FindingKind.LEAK && f.kind() != FindingKind.PANIC
                && (troubleCount == 0 || troubleEvents[troubleCount - 1] != f.event())) {
            if (troubleCount == troubleEvents.length) {
                troubleEvents = Arrays.copyOf(troubleEvents, troubleCount * 2);
                troubleFindings = Arrays.copyOf(troubleFindings, troubleCount * 2);
            }
            troubleEvents[troubleCount] = f.event();
            troubleFindings[troubleCount] = f;
            troubleCount++;
        }
    }

    Map<FindingKind, Long> countsByKind() {
        return counts;
    }

    /** The highest severity found so far, or null. */
    Severity maxSeverity() {
        return max;
    }

    /** The last event that showed an alloc-failure or an error, or -1. */
    long lastTroubleEvent() {
        return troubleCount == 0 ? -1 : troubleEvents[troubleCount - 1];
    }

    /** The first alloc-failure or error finding of event {@code event}, or null. */
    Finding troubleAt(long event) {
        int i = Arrays.binarySearch(troubleEvents, 0, troubleCount, event);
        if (i >= 0) {
            return troubleFindings[i];
        }
        // numbers ascend unless a trace mixes seq and positions; then only a scan finds it
        for (int j = troubleCount - 1; j >= 0; j--) {
            if (troubleEvents[j] == event) {
                return troubleFindings[j];
            }
        }
        return null;
    }
}
