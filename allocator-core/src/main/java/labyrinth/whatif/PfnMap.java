package labyrinth.whatif;

import java.util.Arrays;

/**
 * Where the what-if put each block of the recording: for every page of the recorded machine, the
 * what-if page that stands for it. A block is followed by the event that allocated it, so the map is
 * filled at each allocation and kept after a free (a second free or a use after it must reach the
 * same what-if block, as it reached the same recorded one).
 *
 * <p>Notation: {@code ref} is a recorded (baseline) pfn, {@code w} a what-if pfn. MemInfo: one long
 * per page of the recorded machine. Not thread-safe: one per what-if run.
 */
final class PfnMap {
    /** The recording never held a block there: the event names the pfn as it is. */
    static final long UNMAPPED = -1;
    /** The what-if never got the block (its allocation failed there). */
    static final long NEVER_GOT = -2;
    /** The block was never allocated: a fixed leak. */
    static final long DROPPED = -3;

    private final long[] map;

    PfnMap(long endPfn) {
        map = new long[(int) Math.min(Integer.MAX_VALUE - 8, endPfn)];
        Arrays.fill(map, UNMAPPED);
    }

    /** The recorded block at {@code ref} of {@code order} is the what-if block at {@code w}. */
    void placed(long ref, int order, long w) {
        long size = 1L << order;
        for (long k = 0; k < size && ref + k < map.length; k++) {
            map[(int) (ref + k)] = w + k;
        }
    }

    /** The recorded block at {@code ref} has no what-if block: {@link #NEVER_GOT} or {@link #DROPPED}. */
    void missing(long ref, int order, long why) {
        long size = 1L << order;
        for (long k = 0; k < size && ref + k < map.length; k++) {
            map[(int) (ref + k)] = why;
        }
    }

    /** The what-if page for recorded page {@code ref}, or one of the negative markers. */
    long get(long ref) {
        return ref < 0 || ref >= map.length ? UNMAPPED : map[(int) ref];
    }
}
