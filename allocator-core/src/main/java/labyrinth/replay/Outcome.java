package labyrinth.replay;

/** The replay's verdict, as the JSON report's {@code outcome} spells it. */
public enum Outcome {
    CLEAN("clean"),
    FINDINGS("findings"),
    PANIC_REPRODUCED("panic-reproduced"),
    PANIC_NOT_REPRODUCED("panic-not-reproduced"),
    DIVERGED("diverged");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
