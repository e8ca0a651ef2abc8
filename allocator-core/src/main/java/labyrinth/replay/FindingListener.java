package labyrinth.replay;

/**
 * Receives findings as the replay produces them: in event order, except that the leaks found at
 * the end come last (each carries the event of its earliest allocation).
 */
@FunctionalInterface
public interface FindingListener {
    void onFinding(Finding finding);
}
