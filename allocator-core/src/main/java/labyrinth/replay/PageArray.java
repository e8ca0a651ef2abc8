package labyrinth.replay;

import java.util.Arrays;

/**
 * Per-page values that cost memory only where pages were touched: the pfn space is cut into
 * chunks of up to {@value #CHUNK} pages (fewer for a smaller machine, so a checkpoint of a tiny
 * machine stays tiny), allocated on first write; an untouched page reads as the default. A 64 GiB machine of which a trace touches a few pages costs a few chunks, not
 * gigabytes. Not thread-safe: one per trace.
 */
final class PageArray {
    static final int MAX_SHIFT = 14;
    static final int CHUNK = 1 << MAX_SHIFT;

    /** The chunk size, as a shift, for a machine of {@code pages} pages. */
    static int shiftFor(long pages) {
        return Math.min(MAX_SHIFT, Math.max(0, 64 - Long.numberOfLeadingZeros(Math.max(1, pages) - 1)));
    }

    /** Longs: the widest values the ledger keeps (event numbers). */
    static final class Longs {
        private final long[][] chunks;
        private final long dflt;
        private final int shift;
        private final int mask;

        Longs(long pages, long dflt) {
            shift = shiftFor(pages);
            mask = (1 << shift) - 1;
            chunks = new long[chunkCount(pages, shift)][];
            this.dflt = dflt;
        }

        private Longs(Longs o) {
            chunks = copy(o.chunks);
            dflt = o.dflt;
            shift = o.shift;
            mask = o.mask;
        }

        long get(long pfn) {
            long[] c = chunks[(int) (pfn >>> shift)];
            return c == null ? dflt : c[(int) pfn & mask];
        }

        void set(long pfn, long v) {
            int i = (int) (pfn >>> shift);
            long[] c = chunks[i];
            if (c == null) {
                if (v == dflt) {
                    return;
                }
                c = new long[mask + 1];
                if (dflt != 0) {
                    Arrays.fill(c, dflt);
                }
                chunks[i] = c;
            }
            c[(int) pfn & mask] = v;
        }

        Longs copy() {
            return new Longs(this);
        }

        private static long[][] copy(long[][] src) {
            long[][] out = new long[src.length][];
            for (int i = 0; i < src.length; i++) {
                out[i] = src[i] == null ? null : src[i].clone();
            }
            return out;
        }
    }

    /** Ints: owner and site ids, line and column numbers. */
    static final class Ints {
        private final int[][] chunks;
        private final int dflt;
        private final int shift;
        private final int mask;

        Ints(long pages, int dflt) {
            shift = shiftFor(pages);
            mask = (1 << shift) - 1;
            chunks = new int[chunkCount(pages, shift)][];
            this.dflt = dflt;
        }

        private Ints(Ints o) {
            chunks = new int[o.chunks.length][];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = o.chunks[i] == null ? null : o.chunks[i].clone();
            }
            dflt = o.dflt;
            shift = o.shift;
            mask = o.mask;
        }

        int get(long pfn) {
            int[] c = chunks[(int) (pfn >>> shift)];
            return c == null ? dflt : c[(int) pfn & mask];
        }

        void set(long pfn, int v) {
            int i = (int) (pfn >>> shift);
            int[] c = chunks[i];
            if (c == null) {
                if (v == dflt) {
                    return;
                }
                c = new int[mask + 1];
                if (dflt != 0) {
                    Arrays.fill(c, dflt);
                }
                chunks[i] = c;
            }
            c[(int) pfn & mask] = v;
        }

        Ints copy() {
            return new Ints(this);
        }
    }

    /** Bytes: block orders and flags. */
    static final class Bytes {
        private final byte[][] chunks;
        private final byte dflt;
        private final int shift;
        private final int mask;

        Bytes(long pages, byte dflt) {
            shift = shiftFor(pages);
            mask = (1 << shift) - 1;
            chunks = new byte[chunkCount(pages, shift)][];
            this.dflt = dflt;
        }

        private Bytes(Bytes o) {
            chunks = new byte[o.chunks.length][];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = o.chunks[i] == null ? null : o.chunks[i].clone();
            }
            dflt = o.dflt;
            shift = o.shift;
            mask = o.mask;
        }

        byte get(long pfn) {
            byte[] c = chunks[(int) (pfn >>> shift)];
            return c == null ? dflt : c[(int) pfn & mask];
        }

        void set(long pfn, byte v) {
            int i = (int) (pfn >>> shift);
            byte[] c = chunks[i];
            if (c == null) {
                if (v == dflt) {
                    return;
                }
                c = new byte[mask + 1];
                if (dflt != 0) {
                    Arrays.fill(c, dflt);
                }
                chunks[i] = c;
            }
            c[(int) pfn & mask] = v;
        }

        /** The last pfn of the chunk holding {@code pfn}. */
        long chunkEnd(long pfn) {
            return pfn | mask;
        }

        /** Whether the chunk holding {@code pfn} was ever written (else every page in it is the default). */
        boolean touched(long pfn) {
            return chunks[(int) (pfn >>> shift)] != null;
        }

        Bytes copy() {
            return new Bytes(this);
        }
    }

    private static int chunkCount(long pages, int shift) {
        return Math.toIntExact((pages + (1L << shift) - 1) >>> shift);
    }

    private PageArray() {
    }
}
