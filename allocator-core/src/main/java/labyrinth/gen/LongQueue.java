package labyrinth.gen;

import java.util.Arrays;

/** A FIFO of longs on a growing ring buffer, so queues of pfns box nothing. Not thread-safe. */
final class LongQueue {
    private long[] items = new long[16];
    private int head;
    private int size;

    void add(long v) {
        if (size == items.length) {
            long[] bigger = new long[items.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = items[(head + i) & (items.length - 1)];
            }
            items = bigger;
            head = 0;
        }
        items[(head + size++) & (items.length - 1)] = v;
    }

    /** Removes and returns the oldest; the queue must not be empty. */
    long poll() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        long v = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    @Override
    public String toString() {
        long[] copy = new long[size];
        for (int i = 0; i < size; i++) {
            copy[i] = items[(head + i) & (items.length - 1)];
        }
        return Arrays.toString(copy);
    }
}
