package labyrinth.testing;

/**
 * Where every randomised test gets its seeds: a fixed set, so CI runs the same cases every time,
 * or the one seed given with {@code -Dlabyrinth.seed=N}. {@link #each} puts the seed and the way to
 * rerun it in front of any failure, so no test can forget to print it.
 *
 * <p>Stateless; thread-safe.
 */
public final class Seeds {
    /** The one system property that picks a seed, for every randomised test in every module. */
    public static final String PROPERTY = "labyrinth.seed";

    private Seeds() {
    }

    /** A test body run once per seed. */
    @FunctionalInterface
    public interface Body {
        void run(long seed) throws Exception;
    }

    /** {@code first, first + 1, ..., first + count - 1}, or only the seed {@code -Dlabyrinth.seed} gives. */
    public static long[] range(long first, int count) {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return new long[] {parse(given)};
        }
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = first + i;
        }
        return seeds;
    }

    /** Runs {@code body} for each seed of {@link #range}; a failure names its seed. */
    public static void each(long first, int count, Body body) {
        for (long seed : range(first, count)) {
            try {
                body.run(seed);
            } catch (Exception | AssertionError e) {
                throw failed(seed, e);
            }
        }
    }

    /** The failure of {@code seed}, its message led by the seed and how to rerun it alone. */
    public static AssertionError failed(long seed, Throwable cause) {
        return new AssertionError(describe(seed) + ": " + cause.getMessage(), cause);
    }

    /** {@code seed N (rerun with -Dlabyrinth.seed=N)}. */
    public static String describe(long seed) {
        return "seed " + seed + " (rerun with -D" + PROPERTY + "=" + seed + ")";
    }

    private static long parse(String given) {
        try {
            return Long.decode(given.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a whole number, found \"" + given + "\"",
                    e);
        }
    }
}
