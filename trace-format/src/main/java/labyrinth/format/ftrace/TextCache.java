package labyrinth.format.ftrace;

/**
 * The string for a stretch of a line, shared with the last line that had the same text there. A
 * kernel trace repeats a handful of task names, flag columns, event names and gfp spellings
 * millions of times; taking them from here instead of {@code substring} keeps the reader from
 * making (and the replay from holding) a copy per line. A fixed table, one entry per slot: a
 * collision replaces the entry, so memory stays bounded whatever the trace. Not thread-safe.
 */
final class TextCache {
    private static final int SLOTS = 1024;
    /** Longer stretches are rare and not worth hashing twice: they are copied. */
    private static final int MAX_LENGTH = 64;

    private final String[] table = new String[SLOTS];

    /** {@code s.substring(b, e)}, or an equal string from an earlier call. */
    String get(String s, int b, int e) {
        int len = e - b;
        if (len > MAX_LENGTH) {
            return s.substring(b, e);
        }
        int h = 0;
        for (int k = b; k < e; k++) {
            h = 31 * h + s.charAt(k);
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String cached = table[slot];
        if (cached != null && cached.length() == len && cached.regionMatches(0, s, b, len)) {
            return cached;
        }
        String fresh = s.substring(b, e);
        table[slot] = fresh;
        return fresh;
    }
}
