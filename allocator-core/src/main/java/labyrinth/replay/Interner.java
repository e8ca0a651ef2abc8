package labyrinth.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Owner and site strings to dense int ids, so per-page arrays hold ints. -1 stands for null. */
final class Interner {
    private final Map<String, Integer> ids;
    private final List<String> names;

    Interner() {
        ids = new HashMap<>();
        names = new ArrayList<>();
    }

    private Interner(Interner other) {
        ids = new HashMap<>(other.ids);
        names = new ArrayList<>(other.names);
    }

    int id(String name) {
        if (name == null) {
            return -1;
        }
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            ids.put(name, id);
            names.add(name);
        }
        return id;
    }

    /** @return the id of {@code name} without adding it, or -1 when it has none */
    int idIfKnown(String name) {
        Integer id = name == null ? null : ids.get(name);
        return id == null ? -1 : id;
    }

    String name(int id) {
        return id < 0 ? null : names.get(id);
    }

    int size() {
        return names.size();
    }

    Interner copy() {
        return new Interner(this);
    }
}
