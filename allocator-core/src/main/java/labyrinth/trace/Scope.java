package labyrinth.trace;

/** What part of a run a trace covers; decides whether held pages at the end are leaks. */
public enum Scope {
    /** The whole life of what it records: pages still held at the end are leaks. */
    COMPLETE("complete"),
    /** Starts and/or ends mid-run: unknown frees and held pages are not errors. */
    WINDOW("window");

    private final String label;

    Scope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @return the scope spelled {@code label}, or null */
    public static Scope byLabel(String label) {
        for (Scope s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        return null;
    }
}
