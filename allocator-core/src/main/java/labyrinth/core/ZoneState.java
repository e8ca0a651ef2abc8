package labyrinth.core;

/**
 * One zone at one moment: free pages, watermarks and free blocks per order (index = order, like
 * /proc/buddyinfo). Immutable (the array is copied in and must not be changed by callers).
 */
public record ZoneState(ZoneKind kind, long pages, long free, long min, long low, long high, long[] freeByOrder) {
    public ZoneState {
        freeByOrder = freeByOrder.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZoneState z && kind == z.kind && pages == z.pages && free == z.free && min == z.min
                && low == z.low && high == z.high && java.util.Arrays.equals(freeByOrder, z.freeByOrder);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, pages, free, min, low, high, java.util.Arrays.hashCode(freeByOrder));
    }

    @Override
    public String toString() {
        return kind.label() + " free " + free + " min " + min + " low " + low + " high " + high
                + " " + java.util.Arrays.toString(freeByOrder);
    }
}
