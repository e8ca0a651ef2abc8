package labyrinth.core;

/** The three zones of the model, lowest first; {@link #ordinal()} is the zone index. */
public enum ZoneKind {
    DMA("DMA"),
    DMA32("DMA32"),
    NORMAL("Normal");

    private final String label;

    ZoneKind(String label) {
        this.label = label;
    }

    /** The name as traces and reports spell it: {@code DMA}, {@code DMA32}, {@code Normal}. */
    public String label() {
        return label;
    }

    /** @return the zone named {@code label} exactly as traces spell it, or null */
    public static ZoneKind byLabel(String label) {
        for (ZoneKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        return null;
    }
}
