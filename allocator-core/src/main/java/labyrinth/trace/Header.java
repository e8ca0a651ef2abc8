package labyrinth.trace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import labyrinth.core.Machine;

/**
 * A trace's header: format version, scope, machine and free-form {@code meta} (values are
 * {@code String}, {@code Long}, {@code Double} or {@code Boolean}, in the trace's key order).
 * Immutable; never null fields.
 */
public record Header(int version, Scope scope, Machine machine, Map<String, Object> meta) {
    public static final int VERSION = 1;

    public Header {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(machine, "machine");
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    public Header(Scope scope, Machine machine) {
        this(VERSION, scope, machine, Map.of());
    }
}
