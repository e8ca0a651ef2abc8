package labyrinth.trace;

/** Execution context of an event. Every context but {@link #TASK} is atomic: it may not sleep. */
public enum Context {
    TASK("task"),
    ATOMIC("atomic"),
    SOFTIRQ("softirq"),
    HARDIRQ("hardirq"),
    NMI("nmi");

    private static final Context[] VALUES = values();

    private final String label;

    Context(String label) {
        this.label = label;
    }

    /** The spelling in traces and reports. */
    public String label() {
        return label;
    }

    public boolean mayNotSleep() {
        return this != TASK;
    }

    /** @return the context spelled {@code label}, or null */
    public static Context byLabel(String label) {
        for (Context c : VALUES) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        return null;
    }
}
