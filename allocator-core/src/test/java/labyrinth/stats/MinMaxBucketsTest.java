package labyrinth.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MinMaxBucketsTest {
    private static MinMaxBuckets feed(int capacity, long[] values) {
        MinMaxBuckets b = new MinMaxBuckets(capacity);
        int s = b.addSeries();
        assertThat(s).isZero();
        for (int i = 0; i < values.length; i++) {
            b.sample(100 + i, new long[] {values[i]});
        }
        return b;
    }

    @Test
    void keepsEverySampleWhileItFits() {
        MinMaxBuckets b = feed(8, new long[] {5, 3, 9, 1});
        assertThat(b.size()).isEqualTo(4);
        assertThat(b.width()).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            assertThat(b.min(0, i)).isEqualTo(b.max(0, i)).isEqualTo(b.last(0, i));
            assertThat(b.minAt(0, i)).isEqualTo(i);
            assertThat(b.firstNumber(i)).isEqualTo(100 + i);
        }
        assertThat(b.min(0, 2)).isEqualTo(9);
    }

    @Test
    void fullBucketsMergePairwiseAndDoubleTheirWidth() {
        MinMaxBuckets b = feed(4, new long[] {5, 3, 9, 1, 7});
        // [5,3] [9,1] [7]
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.width()).isEqualTo(2);
        assertThat(b.min(0, 0)).isEqualTo(3);
        assertThat(b.max(0, 0)).isEqualTo(5);
        assertThat(b.minAt(0, 0)).isEqualTo(1);
        assertThat(b.maxAt(0, 0)).isEqualTo(0);
        assertThat(b.last(0, 0)).isEqualTo(3);
        assertThat(b.min(0, 1)).isEqualTo(1);
        assertThat(b.max(0, 1)).isEqualTo(9);
        assertThat(b.firstNumber(1)).isEqualTo(102);
        assertThat(b.lastNumber(1)).isEqualTo(103);
        assertThat(b.firstPosition(2)).isEqualTo(4);
        assertThat(b.lastPosition(2)).isEqualTo(4);
    }

    @Test
    void aSingleDipSurvivesAMillionSamples() {
        long[] values = new long[1_000_000];
        java.util.Arrays.fill(values, 500);
        values[654_321] = 12;
        values[10] = 900;
        MinMaxBuckets b = feed(1000, values);
        assertThat(b.size()).isLessThanOrEqualTo(1000);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long minAt = -1;
        for (int i = 0; i < b.size(); i++) {
            if (b.min(0, i) < min) {
                min = b.min(0, i);
                minAt = b.minAt(0, i);
            }
            max = Math.max(max, b.max(0, i));
        }
        assertThat(min).isEqualTo(12);
        assertThat(minAt).isEqualTo(654_321);
        assertThat(max).isEqualTo(900);
    }

    @Test
    void bucketExtremesAgreeWithTheRawSamplesTheyCover() {
        Random random = new Random(42);
        long[] values = new long[12_345];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(10_000);
        }
        MinMaxBuckets b = feed(64, values);
        assertThat(b.size()).isLessThanOrEqualTo(64);
        long covered = 0;
        for (int i = 0; i < b.size(); i++) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long p = b.firstPosition(i); p <= b.lastPosition(i); p++) {
                lo = Math.min(lo, values[(int) p]);
                hi = Math.max(hi, values[(int) p]);
                covered++;
            }
            assertThat(b.min(0, i)).as("min of bucket %d", i).isEqualTo(lo);
            assertThat(b.max(0, i)).as("max of bucket %d", i).isEqualTo(hi);
            assertThat(values[(int) b.minAt(0, i)]).isEqualTo(lo);
            assertThat(values[(int) b.maxAt(0, i)]).isEqualTo(hi);
            assertThat(b.last(0, i)).isEqualTo(values[(int) b.lastPosition(i)]);
        }
        assertThat(covered).isEqualTo(values.length);
    }

    @Test
    void aSeriesAddedLateHasZeroHistory() {
        MinMaxBuckets b = new MinMaxBuckets(4);
        b.addSeries();
        b.sample(0, new long[] {7});
        b.sample(1, new long[] {8});
        int late = b.addSeries();
        b.sample(2, new long[] {9, 4});
        assertThat(b.max(late, 0)).isZero();
        assertThat(b.minAt(late, 1)).isEqualTo(1);
        assertThat(b.last(late, 2)).isEqualTo(4);
    }

    @Test
    void positionsOfEventNumbersFollowTheBuckets() {
        MinMaxBuckets b = new MinMaxBuckets(4);
        b.addSeries();
        long[] numbers = {10, 11, 15, 16, 17, 30};
        for (long n : numbers) {
            b.sample(n, new long[] {1});
        }
        // width 2: [10,11] [15,16] [17,30]
        assertThat(b.positionOf(9)).isEqualTo(-1);
        assertThat(b.positionOf(10)).isEqualTo(0);
        assertThat(b.positionOf(11)).isEqualTo(1);
        assertThat(b.positionOf(16)).isEqualTo(3);
        assertThat(b.positionOf(30)).isEqualTo(5);
        assertThat(b.positionOf(99)).isEqualTo(5);
        assertThat(b.positionOf(20)).isBetween(4.0, 5.0);
    }

    @Test
    void capacityMustBeEven() {
        assertThatThrownBy(() -> new MinMaxBuckets(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
