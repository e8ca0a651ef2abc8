package labyrinth.replay;

import labyrinth.trace.Event;

/**
 * Watches a replay as {@link Replays#run} drives it: every finding (none left out by
 * {@code --max-findings}), and the replayer's state after each event it applied. Recorders for
 * reports and statistics implement it; they must not change the replayer.
 */
public interface ReplayObserver {
    /** Nothing to watch. */
    ReplayObserver NONE = (replayer, event) -> {
    };

    /** Called for each finding as it is produced (before {@link #afterEvent} of its event). */
    default void onFinding(Finding finding) {
    }

    /** Called after {@code replayer} applied {@code event}; not for events ignored after the panic. */
    void afterEvent(Replayer replayer, Event event);

    /** Calls {@code first}, then {@code second}. */
    static ReplayObserver both(ReplayObserver first, ReplayObserver second) {
        return new ReplayObserver() {
            @Override
            public void onFinding(Finding finding) {
                first.onFinding(finding);
                second.onFinding(finding);
            }

            @Override
            public void afterEvent(Replayer replayer, Event event) {
                first.afterEvent(replayer, event);
                second.afterEvent(replayer, event);
            }
        };
    }
}
