package labyrinth.trace;

/** Execution context of an event. Every context but {@link #TASK} is atomic: it may not sleep. */
public enum Ctx {
    TASK("task"),
    ATOMIC("atomic"),
    SOFTIRQ("softirq"),
    HARDIRQ("hardirq"),
    NMI("nmi");

    private static final Ctx[] VALUES = values();

    private final String label;

    Ctx(String label) {
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
    public static Ctx byLabel(String label) {
        for (Ctx c : VALUES) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        return null;
    }
}
