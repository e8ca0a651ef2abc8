package labyrinth.trace;

/** The event kinds of the trace format, in the order the format document lists them. */
public enum Op {
    ALLOC("alloc"),
    FREE("free"),
    ACCESS("access"),
    TRANSFER("transfer"),
    PANIC("panic"),
    MARK("mark");

    private static final Op[] VALUES = values();

    private final String label;

    Op(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @return the op spelled {@code label}, or null */
    public static Op byLabel(String label) {
        for (Op o : VALUES) {
            if (o.label.equals(label)) {
                return o;
            }
        }
        return null;
    }
}
