package labyrinth.replay;

/** How the replay decides allocations. */
public enum Mode {
    /** The model decides every allocation and is checked against the recorded result. */
    SIMULATE("simulate"),
    /** Every recorded result is taken as it is; only unrecorded allocations are decided by the model. */
    OBSERVE("observe");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
