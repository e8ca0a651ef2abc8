package labyrinth.format.json;

import java.util.Arrays;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;

/**
 * The keys of an event object (TRACE-FORMAT.md, "Events") as small ids: which were seen, as bits
 * of a mask, and where the few that are judged after the whole event was read stood. A key's id
 * comes from Jackson's {@link #MATCHER}. Not thread-safe: one per reader, cleared for each event.
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

    /** The keys' names, by id. */
    private static final String[] NAMES = {"op", "seq", "t", "cpu", "ctx", "owner", "site", "pfn", "addr", "order",
        "gfp", "fn", "mode", "to", "message", "cause", "label", "stack", "gfpUnparsed"};
    /**
     * Jackson's matcher of the names: it compares a key's UTF-8 bytes in the parser's buffer with
     * the names, four at a time, and answers the id, so no String is looked up or made for a key.
     * Immutable, so shared by every reader.
     */
    static final PropertyNameMatcher MATCHER = JsonFactory.builder().build()
            .constructNameMatcher(Arrays.stream(NAMES).map(Named::fromString).toList(), false);
    /** What {@link JsonTokens#key} answers at the event object's end. */
    static final int END = PropertyNameMatcher.MATCH_END_OBJECT;

    private int seen;
    private final long[] line = new long[NAMES.length];
    private final int[] column = new int[NAMES.length];

    /** The name of key {@code id}, as messages quote it. */
    static String name(int id) {
        return NAMES[id];
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
