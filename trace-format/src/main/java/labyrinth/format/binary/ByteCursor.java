package labyrinth.format.binary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import labyrinth.format.TraceBytes;

/**
 * The binary reader's bytes: a refilled buffer over the input, with the varints, strings and raw
 * runs the format is made of. A read that runs past the end of the input throws {@link Cut}; the
 * reader decides what a cut means where it happens.
 */
final class ByteCursor {
    /** The input ended inside a record. Stackless: it is control flow, not an error. */
    static final class Cut extends RuntimeException {
        Cut() {
            super(null, null, false, false);
        }
    }

    private final TraceBytes in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean eof;

    ByteCursor(TraceBytes in) {
        this.in = in;
    }

    /** The offset in the input of the next byte. */
    long offset() {
        return in.count() - (end - pos);
    }

    int byte1() throws IOException {
        if (pos == end && !ensure(1)) {
            throw new Cut();
        }
        return buf[pos++] & 0xff;
    }

    /** An unsigned LEB128 varint of at most 10 bytes. */
    long varint() throws IOException {
        if (end - pos >= 10) {
            byte[] b = buf;
            int p = pos;
            long v = b[p++];
            if (v >= 0) {
                pos = p;
                return v;
            }
            v &= 0x7f;
            int shift = 7;
            while (true) {
                long x = b[p++];
                v |= (x & 0x7f) << shift;
                if (x >= 0 || shift >= 63) {
                    pos = p;
                    return v;
                }
                shift += 7;
            }
        }
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            long x = byte1();
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0 || shift >= 63) {
                return v;
            }
        }
    }

    /** The next {@code n} bytes, copied; a {@link Cut} when the input ends first. */
    byte[] take(int n) throws IOException {
        if (!ensure(n)) {
            throw new Cut();
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** The next {@code n} bytes as UTF-8 text; a {@link Cut} when the input ends first. */
    String utf8(int n) throws IOException {
        if (!ensure(n)) {
            throw new Cut();
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Makes at least {@code n} bytes available; false when the input ends first. */
    boolean ensure(int n) throws IOException {
        if (end - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        while (end < n && !eof) {
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
        return end - pos >= n;
    }
}
