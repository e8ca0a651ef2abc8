package labyrinth.core;

/** A zone's watermarks in pages; {@code min <= low <= high}. Immutable. */
public record Watermarks(long min, long low, long high) {
    public Watermarks {
        if (min < 0 || min > low || low > high) {
            throw new IllegalArgumentException(
                    "watermarks must satisfy 0 <= min <= low <= high, found " + min + "/" + low + "/" + high);
        }
    }
}
