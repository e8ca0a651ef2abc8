package labyrinth.explain;

/** What the model says of a report's request at the state the report prints. */
public enum Verdict {
    /** The model fails it too, for a reason, with what it would have taken. */
    FAILS("fails"),
    /** The model would have served it: the report shows what the model leaves out. */
    SUCCEEDS("succeeds"),
    /** A mask printed without names by a kernel whose bit layout is not today's: not decided. */
    UNKNOWN_MASK("unknown-mask"),
    /** The report lacks what a decision needs (no Mem-Info, a zone without watermarks): not decided. */
    INCOMPLETE("incomplete");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The spelling in reports: {@code fails}, {@code succeeds}, {@code unknown-mask}, {@code incomplete}. */
    public String label() {
        return label;
    }
}
