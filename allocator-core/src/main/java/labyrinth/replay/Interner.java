package labyrinth.replay;

import java.util.Arrays;

/**
 * Owner and site strings to dense int ids, so per-page records hold ints. -1 stands for null.
 *
 * <p>Looked up once or twice per event, so it is an open-addressing table of the strings and their
 * ids rather than a {@code HashMap<String, Integer>} of nodes and boxes: the readers hand over one
 * String per spelling, so a lookup is usually the string's cached hash, one slot and a reference
 * comparison. Not thread-safe.
 */
final class Interner {
    private String[] names;
    private int count;
    /** Slot to id + 1 (0: empty); the table's size is a power of two at most half full. */
    private int[] slots;

    Interner() {
        names = new String[16];
        slots = new int[32];
    }

    private Interner(Interner other) {
        names = other.names.clone();
        count = other.count;
        slots = other.slots.clone();
    }

    int id(String name) {
        if (name == null) {
            return -1;
        }
        int slot = slotOf(name);
        return slots[slot] != 0 ? slots[slot] - 1 : add(name, slot);
    }

    /** The slot holding {@code name}, or the empty slot where it would go. */
    private int slotOf(String name) {
        int mask = slots.length - 1;
        for (int i = mix(name.hashCode()) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                return i;
            }
            String known = names[s - 1];
            if (known == name || known.equals(name)) {
                return i;
            }
        }
    }

    private int add(String name, int slot) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
        }
        names[count] = name;
        slots[slot] = ++count;
        if (count * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return count - 1;
    }

    private void rehash(int size) {
        slots = new int[size];
        int mask = size - 1;
        for (int id = 0; id < count; id++) {
            int i = mix(names[id].hashCode()) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = id + 1;
        }
    }

    /** Spreads the high bits of a String hash into the low ones the mask keeps. */
    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    /** @return the id of {@code name} without adding it, or -1 when it has none */
    int idIfKnown(String name) {
        return name == null ? -1 : slots[slotOf(name)] - 1;
    }

    String name(int id) {
        return id < 0 ? null : names[id];
    }

    int size() {
        return count;
    }

    Interner copy() {
        return new Interner(this);
    }
}
