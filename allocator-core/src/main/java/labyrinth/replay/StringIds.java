package labyrinth.replay;

import java.util.Arrays;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Interner;
import labyrinth.trace.StringTable;

/**
 * The owner or site id of a string id of a batch of columns: {@link Interner#id} of the string,
 * looked up once per string id and then read from an array, so that a column event costs no hash
 * lookup. The ids of one source's {@link StringTable} are kept; a batch from another table starts
 * afresh. Not thread-safe: one per replayer.
 */
final class StringIds {
    private final Interner interner;
    private StringTable table;
    /** Interner id + 1 per string id; 0: not looked up yet. */
    private int[] ids = new int[0];

    StringIds(Interner interner) {
        this.interner = interner;
    }

    /** The interner's id of string {@code id} of {@code b}, -1 for -1 (no string). */
    int of(EventColumns b, int id) {
        if (id < 0) {
            return -1;
        }
        if (b.table() != table) {
            table = b.table();
            ids = new int[Math.max(64, table.size())];
        }
        if (id >= ids.length) {
            ids = Arrays.copyOf(ids, Math.max(id + 1, ids.length * 2));
        }
        int known = ids[id];
        if (known == 0) {
            known = interner.id(b.string(id)) + 1;
            ids[id] = known;
        }
        return known - 1;
    }
}
