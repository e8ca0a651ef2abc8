package labyrinth.replay;

/** The replay's verdict, as the JSON report's {@code outcome} spells it. */
public enum Outcome {
    CLEAN("clean"),
    FINDINGS("findings"),
    PANIC_REPRODUCED("panic-reproduced"),
    PANIC_NOT_REPRODUCED("panic-not-reproduced"),
    DIVERGED("diverged"),
    /** The trace was cut short before any panic, and no divergence decided otherwise: what the rest held is unknown. */
    TRUNCATED("truncated");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
