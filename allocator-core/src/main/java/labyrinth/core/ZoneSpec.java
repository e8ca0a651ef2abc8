package labyrinth.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A zone as a trace describes it. {@code watermarks} is null when the trace left it out (the
 * model's defaults apply); {@code lowmemReserve} holds only the entries the trace gave (keyed by
 * the higher zone), never null. Immutable.
 */
public record ZoneSpec(ZoneKind kind, long startPfn, long pages, Watermarks watermarks,
                       Map<ZoneKind, Long> lowmemReserve) {
    public ZoneSpec {
        Objects.requireNonNull(kind, "kind");
        if (startPfn < 0 || pages <= 0) {
            throw new IllegalArgumentException("zone " + kind.label() + " needs startPfn >= 0 and pages > 0");
        }
        lowmemReserve = lowmemReserve == null || lowmemReserve.isEmpty()
                ? Map.of() : Map.copyOf(new EnumMap<>(lowmemReserve));
    }

    public ZoneSpec(ZoneKind kind, long startPfn, long pages) {
        this(kind, startPfn, pages, null, Map.of());
    }

    /** First pfn after the zone. */
    public long endPfn() {
        return startPfn + pages;
    }
}
