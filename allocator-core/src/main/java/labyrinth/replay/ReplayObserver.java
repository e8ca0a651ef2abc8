package labyrinth.replay;

import labyrinth.trace.Event;

/**
 * Watches a replay as {@link ReplayLoop} drives it: the state before and after each event (read
 * only). {@link Replays#run} also shows it every finding (none left out by {@code --max-findings}).
 * Recorders for reports and statistics, and the REPL's first pass, implement it.
 */
public interface ReplayObserver {
    /** Nothing to watch. */
    ReplayObserver NONE = (state, event) -> {
    };

    /** Called for each finding as it is produced (before {@link #afterEvent} of its event). */
    default void onFinding(Finding finding) {
    }

    /** Called before the replayer is given {@code event}, with the state as the event finds it. */
    default void beforeEvent(ReplayView state, Event event) {
    }

    /** Called after the replayer applied {@code event}; not for events ignored after the panic. */
    void afterEvent(ReplayView state, Event event);

    /** Called instead of {@link #afterEvent} for an event ignored because the recorded run had panicked. */
    default void afterIgnored(ReplayView state, Event event) {
    }

    /** Calls {@code first}, then {@code second}. */
    static ReplayObserver both(ReplayObserver first, ReplayObserver second) {
        return new ReplayObserver() {
            @Override
            public void onFinding(Finding finding) {
                first.onFinding(finding);
                second.onFinding(finding);
            }

            @Override
            public void beforeEvent(ReplayView state, Event event) {
                first.beforeEvent(state, event);
                second.beforeEvent(state, event);
            }

            @Override
            public void afterEvent(ReplayView state, Event event) {
                first.afterEvent(state, event);
                second.afterEvent(state, event);
            }

            @Override
            public void afterIgnored(ReplayView state, Event event) {
                first.afterIgnored(state, event);
                second.afterIgnored(state, event);
            }
        };
    }
}
