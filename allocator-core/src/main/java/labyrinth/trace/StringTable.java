package labyrinth.trace;

import java.util.Arrays;

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
    /** The strings by spelling, built on the first {@link #intern}; a binary trace never needs it. */
    private Interner index;
    /** The first table id of each of {@link #index}'s ids, for the {@code mapped} ids it has given. */
    private int[] tableIds;
    private int mapped;

    /** Adds {@code s} as the next id. */
    public int add(String s) {
        int id = append(s);
        if (index != null) {
            int k = index.id(s);
            if (k >= mapped) {
                map(k, id);
            }
        }
        return id;
    }

    /** The id of {@code s}, added when new; -1 for null. */
    public int intern(String s) {
        if (s == null) {
            return -1;
        }
        if (index == null) {
            index = new Interner();
            tableIds = new int[Math.max(64, count)];
            for (int id = 0; id < count; id++) {
                int k = index.id(strings[id]);
                if (k >= mapped) {
                    map(k, id);
                }
            }
        }
        int k = index.id(s);
        if (k < mapped) {
            return tableIds[k];
        }
        int id = append(s);
        map(k, id);
        return id;
    }

    private int append(String s) {
        if (count == strings.length) {
            strings = Arrays.copyOf(strings, count * 2);
        }
        strings[count] = s;
        return count++;
    }

    /** {@code k}, the index's next new id, stands for table id {@code id}. */
    private void map(int k, int id) {
        if (k == tableIds.length) {
            tableIds = Arrays.copyOf(tableIds, k * 2);
        }
        tableIds[k] = id;
        mapped = k + 1;
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
