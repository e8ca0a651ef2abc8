package labyrinth.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Downsamples several series that share one clock into at most {@code capacity} buckets each,
 * keeping per bucket the minimum and the maximum (and where they occurred) and the last value, so
 * that a chart drawn from the buckets still shows every dip and every spike.
 *
 * <p>Notation: a sample is one value per series at a position 0, 1, 2, ... (one replayed event);
 * it also carries the event's number. A bucket covers {@code width} consecutive positions.
 *
 * <p>Algorithm: samples fill the last bucket until it holds {@code width}; the next one opens a new
 * bucket. When all {@code capacity} buckets are in use, neighbours merge pairwise (0 with 1, 2 with
 * 3, ...) and {@code width} doubles, so memory is {@code O(capacity x series)} however long the
 * trace.
 *
 * <p>Invariants: bucket {@code b} covers positions {@code [b*width, (b+1)*width)}, only the last
 * one possibly fewer; {@code min <= last <= max}; {@code minAt} and {@code maxAt} are positions
 * inside the bucket where the extremes first occurred. A series added later has value 0 before it
 * was added.
 *
 * <p>Not thread-safe: one per trace.
 */
public final class MinMaxBuckets {
    private final int capacity;
    private long width = 1;
    private int count;
    private long samples;
    private final long[] firstNumber;
    private final long[] lastNumber;
    private final List<Series> series = new ArrayList<>();

    private static final class Series {
        final long[] min;
        final long[] max;
        final long[] last;
        final long[] minAt;
        final long[] maxAt;

        Series(int capacity) {
            min = new long[capacity];
            max = new long[capacity];
            last = new long[capacity];
            minAt = new long[capacity];
            maxAt = new long[capacity];
        }
    }

    /** @param capacity the most buckets kept, even and at least 2 */
    public MinMaxBuckets(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 2, found " + capacity);
        }
        this.capacity = capacity;
        firstNumber = new long[capacity];
        lastNumber = new long[capacity];
    }

    /** Adds a series whose history so far is all zeros; returns its index. */
    public int addSeries() {
        Series s = new Series(capacity);
        for (int b = 0; b < count; b++) {
            s.minAt[b] = b * width;
            s.maxAt[b] = b * width;
        }
        series.add(s);
        return series.size() - 1;
    }

    public int seriesCount() {
        return series.size();
    }

    /**
     * Adds one sample: {@code values[s]} for series {@code s}; series beyond {@code values.length}
     * get 0.
     */
    public void sample(long eventNumber, long[] values) {
        int n = series.size();
        if (samples % width == 0) {
            if (count == capacity) {
                mergePairs();
            }
            int b = count++;
            firstNumber[b] = eventNumber;
            for (int s = 0; s < n; s++) {
                long v = s < values.length ? values[s] : 0;
                Series x = series.get(s);
                x.min[b] = v;
                x.max[b] = v;
                x.last[b] = v;
                x.minAt[b] = samples;
                x.maxAt[b] = samples;
            }
        } else {
            int b = count - 1;
            for (int s = 0; s < n; s++) {
                long v = s < values.length ? values[s] : 0;
                Series x = series.get(s);
                if (v < x.min[b]) {
                    x.min[b] = v;
                    x.minAt[b] = samples;
                }
                if (v > x.max[b]) {
                    x.max[b] = v;
                    x.maxAt[b] = samples;
                }
                x.last[b] = v;
            }
        }
        lastNumber[count - 1] = eventNumber;
        samples++;
    }

    private void mergePairs() {
        int half = count / 2;
        for (int i = 0; i < half; i++) {
            int a = 2 * i;
            int c = a + 1;
            firstNumber[i] = firstNumber[a];
            lastNumber[i] = lastNumber[c];
            for (Series x : series) {
                // ties keep the earlier bucket's extreme: the first time the value was reached
                if (x.min[c] < x.min[a]) {
                    x.min[i] = x.min[c];
                    x.minAt[i] = x.minAt[c];
                } else {
                    x.min[i] = x.min[a];
                    x.minAt[i] = x.minAt[a];
                }
                if (x.max[c] > x.max[a]) {
                    x.max[i] = x.max[c];
                    x.maxAt[i] = x.maxAt[c];
                } else {
                    x.max[i] = x.max[a];
                    x.maxAt[i] = x.maxAt[a];
                }
                x.last[i] = x.last[c];
            }
        }
        count = half;
        width *= 2;
    }

    /** Buckets in use. */
    public int size() {
        return count;
    }

    public int capacity() {
        return capacity;
    }

    /** Positions per bucket (a power of two). */
    public long width() {
        return width;
    }

    /** Samples taken so far. */
    public long samples() {
        return samples;
    }

    /** First position bucket {@code b} covers. */
    public long firstPosition(int b) {
        return b * width;
    }

    /** Last position bucket {@code b} covers. */
    public long lastPosition(int b) {
        return Math.min((b + 1) * width, samples) - 1;
    }

    /** The event number of the first sample in bucket {@code b}. */
    public long firstNumber(int b) {
        return firstNumber[b];
    }

    /** The event number of the last sample in bucket {@code b}. */
    public long lastNumber(int b) {
        return lastNumber[b];
    }

    public long min(int s, int b) {
        return series.get(s).min[b];
    }

    public long max(int s, int b) {
        return series.get(s).max[b];
    }

    public long last(int s, int b) {
        return series.get(s).last[b];
    }

    /** Position of the first sample that reached {@link #min}. */
    public long minAt(int s, int b) {
        return series.get(s).minAt[b];
    }

    /** Position of the first sample that reached {@link #max}. */
    public long maxAt(int s, int b) {
        return series.get(s).maxAt[b];
    }

    /**
     * The bucket holding the sample of event {@code eventNumber}, or of the latest event before it;
     * -1 when it comes before the first sample. Event numbers increase with position.
     */
    public int bucketOf(long eventNumber) {
        if (count == 0 || eventNumber < firstNumber[0]) {
            return -1;
        }
        int i = Arrays.binarySearch(firstNumber, 0, count, eventNumber);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * The position of event {@code eventNumber}: exact while buckets hold one sample, else
     * interpolated by number inside its bucket. -1 before the first sample.
     */
    public double positionOf(long eventNumber) {
        int b = bucketOf(eventNumber);
        if (b < 0) {
            return -1;
        }
        long first = firstNumber[b];
        long last = lastNumber[b];
        long p0 = firstPosition(b);
        long p1 = lastPosition(b);
        if (eventNumber >= last || last == first) {
            return eventNumber >= last ? p1 : p0;
        }
        return p0 + (double) (eventNumber - first) * (p1 - p0) / (last - first);
    }
}
