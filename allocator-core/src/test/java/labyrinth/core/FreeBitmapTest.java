package labyrinth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import labyrinth.testing.Seeds;
import org.junit.jupiter.api.Test;

class FreeBitmapTest {

    @Test
    void firstFindsTheLowestSetBitThroughEveryLevel() {
        FreeBitmap b = new FreeBitmap(1L << 20); // four levels
        assertThat(b.first()).isEqualTo(-1);
        b.set(1_000_000);
        b.set(4096 * 64 + 3);
        assertThat(b.first()).isEqualTo(4096 * 64 + 3);
        b.clear(4096 * 64 + 3);
        assertThat(b.first()).isEqualTo(1_000_000);
        b.clear(1_000_000);
        assertThat(b.first()).isEqualTo(-1);
        assertThat(b.inconsistency()).isNull();
    }

    @Test
    void agreesWithBitSetUnderRandomChanges() {
        for (long seed : Seeds.range(0, 50)) {
            SplittableRandom r = new SplittableRandom(seed);
            int size = 1 + r.nextInt(300_000);
            FreeBitmap b = new FreeBitmap(size);
            BitSet ref = new BitSet(size);
            for (int i = 0; i < 2000; i++) {
                int bit = r.nextInt(4) == 0 ? r.nextInt(Math.min(size, 200)) : r.nextInt(size);
                if (r.nextBoolean()) {
                    b.set(bit);
                    ref.set(bit);
                } else if (ref.get(bit)) {
                    b.clear(bit);
                    ref.clear(bit);
                }
                assertThat(b.first()).as("seed %d step %d", seed, i).isEqualTo(ref.isEmpty() ? -1 : ref.nextSetBit(0));
            }
            assertThat(b.cardinality()).as("seed %d", seed).isEqualTo(ref.cardinality());
            assertThat(b.next(size / 2)).as("seed %d", seed).isEqualTo((long) ref.nextSetBit(size / 2));
            assertThat(b.inconsistency()).as("seed %d", seed).isNull();
        }
    }

    @Test
    void sizesOfOneWordAndLessWork() {
        for (int size : new int[] {0, 1, 63, 64, 65}) {
            FreeBitmap b = new FreeBitmap(size);
            assertThat(b.first()).isEqualTo(-1);
            if (size > 0) {
                b.set(size - 1);
                assertThat(b.first()).isEqualTo(size - 1);
                assertThat(b.copy().first()).isEqualTo(size - 1);
            }
            assertThat(b.inconsistency()).isNull();
        }
    }
}
