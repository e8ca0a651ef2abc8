package labyrinth.format;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The decoded bytes of a trace file: gunzipped when the input starts with the gzip magic bytes
 * ({@code 1f 8b}), counted, and peekable so a reader can recognise the content before parsing it.
 * A gzip stream that ends early reads as a normal end of input with {@link #cut()} set, so that
 * every codec treats a cut gzip file exactly like a cut plain file. The raw bytes taken from the
 * underlying stream are counted too ({@link #rawCount()}), for progress.
 *
 * <p>Not thread-safe: one per trace. Closing it closes the underlying stream.
 */
public final class TraceBytes extends InputStream {
    private static final int PEEK_LIMIT = 4096;
    private static final int TAIL = 64;

    private final InputStream raw;
    private final RawCount rawCount;
    private final BufferedInputStream content;
    private final boolean gzip;
    private long count;
    /** The last bytes read, a ring of {@link #TAIL} bytes: to tell a cut token from a bad one. */
    private final byte[] tail = new byte[TAIL];
    private boolean cut;
    private boolean ended;

    private TraceBytes(InputStream raw, RawCount rawCount, BufferedInputStream content, boolean gzip, boolean cut) {
        this.raw = raw;
        this.rawCount = rawCount;
        this.content = content;
        this.gzip = gzip;
        this.cut = cut;
    }

    /**
     * Wraps {@code raw}, gunzipping it when it starts with the gzip magic bytes.
     *
     * @throws IOException when {@code raw} cannot be read
     */
    public static TraceBytes open(InputStream raw) throws IOException {
        // counted below the buffer and the gunzipping: one add per 64 KiB read, not per byte
        RawCount counted = new RawCount(raw);
        BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return new TraceBytes(raw, counted, buffered, false, false);
        }
        InputStream gz;
        boolean cutInHeader = false;
        try {
            gz = new GZIPInputStream(buffered, 1 << 16);
        } catch (EOFException e) {
            gz = InputStream.nullInputStream();
            cutInHeader = true;
        }
        TraceBytes[] self = new TraceBytes[1];
        InputStream eofSafe = new CutToEof(gz, () -> self[0].cut = true);
        self[0] = new TraceBytes(raw, counted, new BufferedInputStream(eofSafe, 1 << 16), true, cutInHeader);
        return self[0];
    }

    /** Whether the input was gzip-compressed. */
    public boolean gzip() {
        return gzip;
    }

    /** Whether a gzip stream ended before its end marker: the file was cut short. */
    public boolean cut() {
        return cut;
    }

    /**
     * Bytes taken from the underlying stream so far: compressed bytes for gzip, and up to a buffer
     * (64 KiB) ahead of what {@link #count()} has consumed. Progress compares it with the file size.
     */
    public long rawCount() {
        return rawCount.count;
    }

    /** Decoded bytes consumed so far (after gunzipping). */
    public long count() {
        return count;
    }

    /** The last bytes read (up to 64), oldest first. */
    public byte[] tail() {
        int n = (int) Math.min(count, TAIL);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = tail[(int) ((count - n + i) % TAIL)];
        }
        return out;
    }

    /** Whether a read has returned the end of the input. */
    public boolean ended() {
        return ended;
    }

    /**
     * The first bytes of the decoded content, up to {@code max} (at most 4096), without consuming
     * them; shorter at the end of the input.
     */
    public byte[] peek(int max) throws IOException {
        int n = Math.min(max, PEEK_LIMIT);
        content.mark(n);
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = content.read(buf, got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        content.reset();
        return got == n ? buf : java.util.Arrays.copyOf(buf, got);
    }

    /**
     * What the content starts with, for "found ..." in messages: the first non-blank line (after a
     * UTF-8 byte order mark), quoted and shortened, or "an empty file".
     */
    public String describeStart() throws IOException {
        String text = new String(peek(200), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.strip();
        if (text.isEmpty()) {
            return cut ? "a cut gzip stream with no content" : "an empty file";
        }
        int nl = text.indexOf('\n');
        if (nl >= 0) {
            text = text.substring(0, nl).strip();
        }
        return Quoting.quote(text, 40);
    }

    /** The first byte that is not blank or a byte order mark, or -1 for blank content. */
    public int firstSignificantByte() throws IOException {
        byte[] head = peek(PEEK_LIMIT);
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            i = 3;
        }
        for (; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b;
            }
        }
        return -1;
    }

    @Override
    public int read() throws IOException {
        int b = content.read();
        if (b < 0) {
            ended = true;
        } else {
            tail[(int) (count % TAIL)] = (byte) b;
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = content.read(b, off, len);
        if (n < 0) {
            ended = true;
        } else {
            for (int i = Math.max(0, n - TAIL); i < n; i++) {
                tail[(int) ((count + i) % TAIL)] = b[off + i];
            }
            count += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        try {
            content.close();
        } finally {
            raw.close();
        }
    }

    /** Counts the bytes read from the stream it wraps. */
    private static final class RawCount extends FilterInputStream {
        long count;

        RawCount(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            // a reset would count the same bytes twice; the buffer above does the marking
            return false;
        }
    }

    /** Turns the EOFException of a cut gzip stream into a normal end of input, and says so. */
    private static final class CutToEof extends InputStream {
        private final InputStream in;
        private final Runnable onCut;
        private boolean done;

        CutToEof(InputStream in, Runnable onCut) {
            this.in = in;
            this.onCut = onCut;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            try {
                return in.read(b, off, len);
            } catch (EOFException e) {
                done = true;
                onCut.run();
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
