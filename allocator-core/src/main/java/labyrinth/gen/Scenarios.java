package labyrinth.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The scenarios {@code labyrinth gen} knows, in the order {@code --list} shows them. Stateless. */
public final class Scenarios {
    private static final List<Scenario> ALL = List.of(new RxStorm(), Workload.steady(), new Fragmentation(),
            Workload.random());

    private Scenarios() {
    }

    /** Every scenario; an immutable list. */
    public static List<Scenario> all() {
        return ALL;
    }

    /** The scenario called {@code name}, or empty. */
    public static Optional<Scenario> byName(String name) {
        for (Scenario s : ALL) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The names of every scenario, in {@link #all()} order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Scenario s : ALL) {
            names.add(s.name());
        }
        return List.copyOf(names);
    }
}
