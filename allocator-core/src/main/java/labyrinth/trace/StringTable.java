package labyrinth.trace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The strings a source's {@link EventColumns} name by id: ids 0, 1, ... in the order strings were
 * added, never changed or removed, so an id stays valid for the whole trace. A binary trace defines
 * its strings itself ({@link #add}); an adapter from event objects looks them up ({@link #intern}).
 *
 * <p>Written by one thread. Another thread may read the ids of a batch handed over to it (after
 * {@link EventColumns#seal}): the array it sees holds them, since entries are only ever appended.
 */
public final class StringTable {
    private String[] strings = new String[64];
    private int count;
    /** Built on the first {@link #intern}; a binary trace never needs it. */
    private Map<String, Integer> ids;

    /** Adds {@code s} as the next id. */
    public int add(String s) {
        if (count == strings.length) {
            strings = Arrays.copyOf(strings, count * 2);
        }
        strings[count] = s;
        if (ids != null) {
            ids.putIfAbsent(s, count);
        }
        return count++;
    }

    /** The id of {@code s}, added when new; -1 for null. */
    public int intern(String s) {
        if (s == null) {
            return -1;
        }
        if (ids == null) {
            ids = new HashMap<>();
            for (int id = 0; id < count; id++) {
                ids.putIfAbsent(strings[id], id);
            }
        }
        Integer id = ids.get(s);
        return id != null ? id : add(s);
    }

    public int size() {
        return count;
    }

    /** The string of {@code id}; the id must be one this table gave. */
    public String get(int id) {
        return strings[id];
    }

    /** The backing array: entries below {@link #size()} now are final. */
    String[] snapshot() {
        return strings;
    }
}
