package labyrinth.replay;

/** How bad a finding is; ordered, so {@code compareTo} ranks them (INFO lowest). */
public enum Severity {
    INFO("info"),
    WARNING("warning"),
    ERROR("error");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
