package labyrinth.core;

/**
 * A fixed-size bit set that finds its lowest set bit without scanning: a hierarchy of 64-ary
 * levels where bit {@code i} of level {@code l+1} says word {@code i} of level {@code l} is
 * non-zero. Level 0 holds the bits; the top level is a single word.
 *
 * <p>{@link #first()} is one {@code numberOfTrailingZeros} per level (4 levels for 16 Mi bits);
 * {@link #set} and {@link #clear} touch upper levels only when a word changes between zero and
 * non-zero. Invariant: a summary bit is set exactly when the word below it is non-zero.
 *
 * <p>Not thread-safe: one per trace.
 */
final class FreeBitmap {
    private final long size;
    private final long[][] levels;

    FreeBitmap(long size) {
        if (size < 0 || (size + 63) >>> 6 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bitmap size must be from 0 to 2^37, found " + size);
        }
        this.size = size;
        int depth = 0;
        long n = size;
        do {
            n = (n + 63) >>> 6;
            depth++;
        } while (n > 1);
        levels = new long[depth][];
        n = size;
        for (int l = 0; l < depth; l++) {
            n = (n + 63) >>> 6;
            levels[l] = new long[(int) Math.max(1, n)];
        }
    }

    private FreeBitmap(FreeBitmap other) {
        size = other.size;
        levels = new long[other.levels.length][];
        for (int l = 0; l < levels.length; l++) {
            levels[l] = other.levels[l].clone();
        }
    }

    FreeBitmap copy() {
        return new FreeBitmap(this);
    }

    long size() {
        return size;
    }

    boolean get(long i) {
        return (levels[0][(int) (i >>> 6)] & (1L << i)) != 0;
    }

    void set(long i) {
        for (long[] level : levels) {
            int w = (int) (i >>> 6);
            long old = level[w];
            level[w] = old | (1L << i);
            if (old != 0) {
                return; // the summary above already says this word is non-empty
            }
            i = w;
        }
    }

    void clear(long i) {
        for (long[] level : levels) {
            int w = (int) (i >>> 6);
            long now = level[w] & ~(1L << i);
            level[w] = now;
            if (now != 0) {
                return;
            }
            i = w;
        }
    }

    /** @return the lowest set bit, or -1 when none is set */
    long first() {
        int top = levels.length - 1;
        long word = levels[top][0];
        if (word == 0) {
            return -1;
        }
        long i = Long.numberOfTrailingZeros(word);
        for (int l = top - 1; l >= 0; l--) {
            i = (i << 6) | Long.numberOfTrailingZeros(levels[l][(int) i]);
        }
        return i;
    }

    /** @return the lowest set bit at or above {@code from}, or -1; a plain scan, for cold paths */
    long next(long from) {
        long[] bits = levels[0];
        if (from >= size) {
            return -1;
        }
        int w = (int) (from >>> 6);
        long word = bits[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return ((long) w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == bits.length) {
                return -1;
            }
            word = bits[w];
        }
    }

    /** Bytes of the arrays, for the heap estimate. */
    long arrayBytes() {
        long bytes = 0;
        for (long[] level : levels) {
            bytes += 16 + 8L * level.length;
        }
        return bytes;
    }

    /**
     * Checks the summary levels against the bits below them and that no bit at or beyond
     * {@code size} is set.
     *
     * @return null when consistent, else what is wrong
     */
    String inconsistency() {
        long[] bits = levels[0];
        long tail = size & 63;
        if (tail != 0 && (bits[bits.length - 1] & (-1L << tail)) != 0) {
            return "bits set beyond size " + size;
        }
        if (size == 0 && bits[0] != 0) {
            return "bits set in an empty bitmap";
        }
        for (int l = 1; l < levels.length; l++) {
            long[] below = levels[l - 1];
            long[] here = levels[l];
            for (int w = 0; w < here.length * 64L && w < Integer.MAX_VALUE; w++) {
                boolean summary = (here[w >>> 6] & (1L << w)) != 0;
                boolean nonEmpty = w < below.length && below[w] != 0;
                if (summary != nonEmpty) {
                    return "summary level " + l + " bit " + w + " is " + summary + " but word " + w
                            + " of level " + (l - 1) + " is " + (nonEmpty ? "non-empty" : "empty");
                }
            }
        }
        return null;
    }

    long cardinality() {
        long n = 0;
        for (long word : levels[0]) {
            n += Long.bitCount(word);
        }
        return n;
    }
}
