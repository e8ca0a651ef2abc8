package labyrinth.trace;

import java.util.Arrays;

/**
 * One String per spelling, each with a dense int id in first-seen order; -1 stands for null. The
 * engine keys its per-page records by the ids of owners and sites; the JSON reader looks values up
 * by their characters in the parser's buffer ({@link #find}), so a repeated owner, site or gfp
 * spelling allocates nothing and every event shares one String per spelling, and keeps what a
 * spelling means (a gfp mask, an op) in arrays indexed by the id.
 *
 * <p>Open addressing rather than a {@code HashMap<String, Integer>} of nodes and boxes: each slot
 * holds an entry's String hash code beside its id, so a probe reads one long and compares
 * characters only when the hash codes agree. {@link #find} computes {@link String#hashCode} over
 * the characters, so both ways in agree; a String lookup uses the String's cached hash code and
 * compares references first (the readers hand over shared Strings). Not thread-safe.
 */
public final class Interner {
    private String[] names;
    /** The names' characters, compared by {@link #find} with the vectorised {@link Arrays#equals}. */
    private char[][] chars;
    private int count;
    /** Slot to hash code (high half) and id + 1 (low half; 0: empty); a power of two, at most half full. */
    private long[] slots;

    public Interner() {
        names = new String[16];
        chars = new char[16][];
        slots = new long[32];
    }

    private Interner(Interner other) {
        names = other.names.clone();
        chars = other.chars.clone();
        count = other.count;
        slots = other.slots.clone();
    }

    /** The id of {@code name}, given it a new one when it has none; -1 for null. */
    public int id(String name) {
        if (name == null) {
            return -1;
        }
        int hash = name.hashCode();
        int i = slotOf(name, hash);
        long s = slots[i];
        return s == 0 ? add(name, hash, i) : (int) s - 1;
    }

    /** @return the id of {@code name} without adding it, or -1 when it has none */
    public int idIfKnown(String name) {
        if (name == null) {
            return -1;
        }
        long s = slots[slotOf(name, name.hashCode())];
        return s == 0 ? -1 : (int) s - 1;
    }

    /** The slot that holds {@code name}, or the empty slot where it would go. */
    private int slotOf(String name, int hash) {
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) {
                return i;
            }
            if ((int) (s >>> 32) == hash) {
                String known = names[(int) s - 1];
                if (known == name || known.equals(name)) {
                    return i;
                }
            }
        }
    }

    /** @return the id of the spelling {@code text[off..off+len)}, or -1 when it has none; allocates nothing */
    public int find(char[] text, int off, int len) {
        int hash = hash(text, off, len);
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) {
                return -1;
            }
            if ((int) (s >>> 32) == hash) {
                char[] c = chars[(int) s - 1];
                if (c.length == len && Arrays.equals(c, 0, len, text, off, off + len)) {
                    return (int) s - 1;
                }
            }
        }
    }

    public String name(int id) {
        return id < 0 ? null : names[id];
    }

    public int size() {
        return count;
    }

    /** An independent table with the same names and ids. */
    public Interner copy() {
        return new Interner(this);
    }

    private int add(String name, int hash, int slot) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            chars = Arrays.copyOf(chars, count * 2);
        }
        names[count] = name;
        chars[count] = name.toCharArray();
        slots[slot] = (long) hash << 32 | ++count;
        if (count * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return count - 1;
    }

    private void rehash(int size) {
        long[] old = slots;
        slots = new long[size];
        int mask = size - 1;
        for (long s : old) {
            if (s != 0) {
                int i = mix((int) (s >>> 32)) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
            }
        }
    }

    /**
     * {@link String#hashCode} of the characters, four at a time: the multiplications by 31 of four
     * characters do not wait for one another, so a long site costs a quarter of the plain loop's chain.
     */
    static int hash(char[] text, int off, int len) {
        int h = 0;
        int i = off;
        int end = off + len;
        for (; i + 4 <= end; i += 4) {
            h = h * (31 * 31 * 31 * 31) + text[i] * (31 * 31 * 31) + text[i + 1] * (31 * 31) + text[i + 2] * 31
                    + text[i + 3];
        }
        for (; i < end; i++) {
            h = h * 31 + text[i];
        }
        return h;
    }

    /** Spreads the high bits of a String hash into the low ones the mask keeps. */
    private static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
