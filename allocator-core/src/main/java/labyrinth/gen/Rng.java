package labyrinth.gen;

import java.util.SplittableRandom;

/**
 * The generators' source of randomness. Only {@link SplittableRandom#nextLong()} (SplitMix64,
 * unchanged since JDK 8) is used; bounded ints and probabilities are derived here, so output does
 * not depend on how a JDK implements {@code nextInt(bound)} or {@code nextDouble()}.
 * Not thread-safe: one per generation.
 */
final class Rng {
    private final SplittableRandom random;

    Rng(long seed) {
        random = new SplittableRandom(seed);
    }

    long nextLong() {
        return random.nextLong();
    }

    /** Uniform in {@code [0, n)} by rejection, so every value is equally likely. */
    int below(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("bound must be positive, found " + n);
        }
        long limit = Long.MAX_VALUE - Long.MAX_VALUE % n; // values >= limit would bias the low residues
        long x;
        do {
            x = random.nextLong() >>> 1;
        } while (x >= limit);
        return (int) (x % n);
    }

    /** True with probability {@code perMille / 1000}. */
    boolean perMille(int perMille) {
        return below(1000) < perMille;
    }

    /** True with probability {@code p}; a 53-bit fraction compared in IEEE arithmetic, exact on every JVM. */
    boolean chance(double p) {
        return (random.nextLong() >>> 11) * 0x1.0p-53 < p;
    }

    <T> T pick(T[] items) {
        return items[below(items.length)];
    }
}
