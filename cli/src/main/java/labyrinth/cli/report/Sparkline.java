package labyrinth.cli.report;

import labyrinth.stats.MinMaxBuckets;

/** A terminal sparkline of one recorded series with the block characters ▁▂▃▄▅▆▇█. Stateless. */
final class Sparkline {
    static final String BLOCKS = "▁▂▃▄▅▆▇█";

    private Sparkline() {
    }

    /**
     * The lowest value of series {@code s} in each of at most {@code width} columns (the minimum,
     * so that a dip is never smoothed away).
     */
    public static long[] columns(MinMaxBuckets b, int s, int width) {
        int n = b.size();
        int cols = Math.min(n, width);
        long[] out = new long[cols];
        for (int c = 0; c < cols; c++) {
            long m = Long.MAX_VALUE;
            int from = (int) ((long) c * n / cols);
            int to = (int) ((long) (c + 1) * n / cols);
            for (int i = from; i < to; i++) {
                m = Math.min(m, b.min(s, i));
            }
            out[c] = m;
        }
        return out;
    }

    /** {@code values} on a scale from 0 (▁) to {@code max} (█). */
    public static String render(long[] values, long max) {
        StringBuilder sb = new StringBuilder(values.length);
        for (long v : values) {
            int i = max <= 0 ? 0 : (int) Math.round((double) Math.max(0, Math.min(v, max)) * 7 / max);
            sb.append(BLOCKS.charAt(i));
        }
        return sb.toString();
    }
}
