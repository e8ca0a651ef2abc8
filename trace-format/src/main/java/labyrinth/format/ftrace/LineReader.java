package labyrinth.format.ftrace;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines (LF or CRLF) and keeps the 1-based number and byte offset of
 * each. Malformed UTF-8 becomes U+FFFD (pasted traces carry stray bytes such as {@code ^@}).
 * Lines longer than {@link #MAX_LINE} bytes are cut there and flagged, so one runaway line cannot
 * exhaust memory. Not thread-safe.
 */
final class LineReader implements Closeable {
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private byte[] line = new byte[256];
    private long lineNumber;
    private long lineStart;
    private long offset;
    private boolean newline;
    private boolean tooLong;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** @return the next line without its terminator, or null at the end of input */
    String readLine() throws IOException {
        int len = 0;
        tooLong = false;
        newline = false;
        lineStart = offset;
        boolean any = false;
        while (true) {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (len + n > MAX_LINE) {
                n = Math.max(0, MAX_LINE - len);
                tooLong = true;
            }
            if (n > 0) {
                if (len + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
                }
                System.arraycopy(buf, start, line, len, n);
                len += n;
            }
            offset += pos - start;
            if (pos < lim) {
                pos++;
                offset++;
                newline = true;
                break;
            }
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    long lineNumber() {
        return lineNumber;
    }

    /** Byte offset of the first byte of the last line returned. */
    long lineStart() {
        return lineStart;
    }

    /** Bytes consumed so far. */
    long offset() {
        return offset;
    }

    /** Whether the last line returned ended with a line feed (false for a cut-off last line). */
    boolean endedWithNewline() {
        return newline;
    }

    /** Whether the last line returned was longer than {@link #MAX_LINE} and was cut. */
    boolean tooLong() {
        return tooLong;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
