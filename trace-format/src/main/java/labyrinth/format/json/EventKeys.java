package labyrinth.format.json;

import tools.jackson.core.TokenStreamLocation;

/**
 * The keys of an event object (TRACE-FORMAT.md, "Events") as small ids: which were seen, as bits
 * of a mask, and where the few that are judged after the whole event was read stood. Jackson hands
 * out one String per key name, so a key's id is remembered by the String's identity and found
 * again without comparing characters. Not thread-safe: one per reader, cleared for each event.
 */
final class EventKeys {
    static final int OP = 0;
    static final int SEQ = 1;
    static final int T = 2;
    static final int CPU = 3;
    static final int CTX = 4;
    static final int OWNER = 5;
    static final int SITE = 6;
    static final int PFN = 7;
    static final int ADDR = 8;
    static final int ORDER = 9;
    static final int GFP = 10;
    static final int FN = 11;
    static final int MODE = 12;
    static final int TO = 13;
    static final int MESSAGE = 14;
    static final int CAUSE = 15;
    static final int LABEL = 16;
    static final int STACK = 17;
    static final int GFP_UNPARSED = 18;
    private static final int KEYS = 19;

    private static final int NAME_CACHE = 64;
    private final String[] nameCache = new String[NAME_CACHE];
    private final int[] nameIds = new int[NAME_CACHE];
    private int seen;
    private final long[] line = new long[KEYS];
    private final int[] column = new int[KEYS];

    /** The id of {@code key}, or -1 for a key the format does not know (ignored, for forward compatibility). */
    int id(String key) {
        int slot = System.identityHashCode(key) & (NAME_CACHE - 1);
        if (nameCache[slot] == key) {
            return nameIds[slot];
        }
        int id = byName(key);
        nameCache[slot] = key;
        nameIds[slot] = id;
        return id;
    }

    private static int byName(String key) {
        return switch (key) {
            case "op" -> OP;
            case "seq" -> SEQ;
            case "t" -> T;
            case "cpu" -> CPU;
            case "ctx" -> CTX;
            case "owner" -> OWNER;
            case "site" -> SITE;
            case "pfn" -> PFN;
            case "addr" -> ADDR;
            case "order" -> ORDER;
            case "gfp" -> GFP;
            case "fn" -> FN;
            case "mode" -> MODE;
            case "to" -> TO;
            case "message" -> MESSAGE;
            case "cause" -> CAUSE;
            case "label" -> LABEL;
            case "stack" -> STACK;
            case "gfpUnparsed" -> GFP_UNPARSED;
            default -> -1;
        };
    }

    void clear() {
        seen = 0;
    }

    boolean has(int id) {
        return (seen & (1 << id)) != 0;
    }

    void see(int id) {
        seen |= 1 << id;
    }

    /** Remembers where key {@code id}'s value stands. */
    void place(int id, TokenStreamLocation at) {
        line[id] = at.getLineNr();
        column[id] = at.getColumnNr();
    }

    long line(int id) {
        return line[id];
    }

    int column(int id) {
        return column[id];
    }
}
