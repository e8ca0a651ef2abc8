package labyrinth.whatif;

import java.util.Arrays;

/** A growable array of longs: one entry per allocation of a trace, no boxing. Not thread-safe. */
final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** The index of {@code v} in a list that ascends, or -1; a list that does not ascend is scanned. */
    int indexOf(long v) {
        int i = Arrays.binarySearch(values, 0, size, v);
        if (i >= 0 && values[i] == v) {
            return i;
        }
        for (int j = size - 1; j >= 0; j--) {
            if (values[j] == v) {
                return j;
            }
        }
        return -1;
    }
}
