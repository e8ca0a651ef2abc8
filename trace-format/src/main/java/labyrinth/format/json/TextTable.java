package labyrinth.format.json;

/**
 * Strings the reader meets again and again (owners, sites, gfp spellings, entry points), looked up
 * by their characters in the parser's buffer so a repeated value allocates nothing: one String per
 * distinct spelling, shared by every event that names it, with an optional parsed value beside it
 * (a gfp mask cached by spelling). Open addressing; stops remembering new spellings past
 * {@link #MAX_ENTRIES} (then every lookup of a new spelling misses) so memory stays bounded on
 * traces with unbounded vocabularies. Not thread-safe: one per reader.
 */
final class TextTable {
    static final int MAX_ENTRIES = 1 << 16;
    /** Spellings longer than this are not remembered. */
    static final int MAX_LENGTH = 256;

    private String[] keys = new String[256];
    /** The keys' characters, compared with the vectorised {@link java.util.Arrays#equals}. */
    private char[][] chars = new char[256][];
    private long[] values = new long[256];
    private int size;

    /** @return the index of {@code chars[off..off+len)}, or -1 when it is not in the table */
    int find(char[] chars, int off, int len) {
        if (len > MAX_LENGTH) {
            return -1;
        }
        int mask = keys.length - 1;
        for (int i = hash(chars, off, len) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            char[] c = this.chars[i];
            if (c.length == len && java.util.Arrays.equals(c, 0, len, chars, off, off + len)) {
                return i;
            }
        }
    }

    String key(int index) {
        return keys[index];
    }

    long value(int index) {
        return values[index];
    }

    /** Remembers {@code s} (with {@code value}) unless the table is full or {@code s} too long; returns s. */
    String put(String s, long value) {
        if (size >= MAX_ENTRIES || s.length() > MAX_LENGTH) {
            return s;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(s, value);
        size++;
        return s;
    }

    private void insert(String s, long value) {
        int mask = keys.length - 1;
        int i = hash(s) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = s;
        chars[i] = s.toCharArray();
        values[i] = value;
    }

    private void grow() {
        String[] oldKeys = keys;
        long[] oldValues = values;
        chars = new char[oldKeys.length * 2][];
        keys = new String[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    /**
     * The length, the first and middle characters and the last eight: cheap on long sites, and
     * spellings that share a prefix (sites of one function: offsets differ near the end) spread.
     */
    private static int hash(char[] chars, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int a = len * 31 + chars[off];
        a = a * 31 + chars[off + (len >>> 1)];
        int b = 0;
        for (int j = Math.max(0, len - 8); j < len; j++) {
            b = b * 31 + chars[off + j];
        }
        int h = a * 0x9E3779B1 + b;
        return h ^ (h >>> 16);
    }

    private static int hash(String s) {
        char[] c = s.toCharArray();
        return hash(c, 0, c.length);
    }
}
