package labyrinth.replay;

import labyrinth.core.FailureReason;

/** Why an allocation failed in a replay (an {@code alloc-failure}'s reason), with the word reports use for it. */
public enum FailureCause {
    /** Every allowed zone was at or below the request's floor. */
    WATERMARK("watermark"),
    /** Some zone had the pages but no block was big enough. */
    FRAGMENTATION("fragmentation"),
    /** None of the request's zones exists on this machine. */
    NO_ZONE("no-zone"),
    /** The recording says it failed; the model was not asked. */
    RECORDED("recorded"),
    /** A what-if's cap on the owner refused it. */
    CAP("cap");

    private final String label;

    FailureCause(String label) {
        this.label = label;
    }

    /** The cause as reports spell it: {@code no-zone}. */
    public String label() {
        return label;
    }

    /** The cause of the model's refusal {@code r}. */
    public static FailureCause of(FailureReason r) {
        return switch (r) {
            case WATERMARK -> WATERMARK;
            case FRAGMENTATION -> FRAGMENTATION;
            case NO_ZONE -> NO_ZONE;
        };
    }
}
