package labyrinth.cli.report;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * GitHub code scanning's {@code primaryLocationLineHash}, computed the way its upload step
 * (github/codeql-action, {@code src/fingerprints.ts}) computes it, so that the value we write is the
 * one GitHub would have written and alerts match across runs.
 *
 * <p>Algorithm: a polynomial rolling hash (base 37, 64-bit wrap-around arithmetic, the JavaScript
 * {@code Long} of the original) over a window of the next 100 UTF-16 code units from the start of
 * each line, where spaces and tabs are skipped, {@code \r\n} and {@code \r} count as {@code \n}, the
 * end of the file is one 65535 followed by zeros. A line's value is the unsigned hexadecimal hash,
 * a colon and how many lines so far had that hash ({@code a7f2ff13bc495cf2:2}). Not thread-safe:
 * one per file.
 */
final class LineHashes {
    /** Receives every line's hash, in line order. */
    interface Sink {
        void line(long lineNumber, String hash);
    }

    private static final int BLOCK_SIZE = 100;
    private static final long MOD = 37;
    private static final int EOF = 65535;

    private final int[] window = new int[BLOCK_SIZE];
    /** The line that starts at each window slot, or -1. */
    private final long[] lineNumbers = new long[BLOCK_SIZE];
    private final Map<Long, Integer> counts = new HashMap<>();
    private final long firstMod;
    private final Sink sink;
    private long hash;
    private int index;
    private long lineNumber;
    private boolean lineStart = true;
    private boolean prevCr;

    private LineHashes(Sink sink) {
        this.sink = sink;
        Arrays.fill(lineNumbers, -1);
        long m = 1;
        for (int i = 0; i < BLOCK_SIZE; i++) {
            m *= MOD;
        }
        firstMod = m;
    }

    /** Hashes every line of {@code text}, handing each to {@code sink}. */
    static void hash(Reader text, Sink sink) throws IOException {
        LineHashes h = new LineHashes(sink);
        char[] buf = new char[8192];
        int n;
        while ((n = text.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                h.process(buf[i]);
            }
        }
        h.process(EOF);
        for (int i = 0; i < BLOCK_SIZE; i++) {
            if (h.lineNumbers[h.index] != -1) {
                h.output();
            }
            h.update(0);
        }
    }

    /**
     * The hashes of {@code wanted} lines of a trace file (gzip is read through: the lines are those
     * findings name). A file that cannot be read again gives no hashes, never an error: the report
     * stands without them.
     */
    static Map<Long, String> of(Path file, Set<Long> wanted) {
        Map<Long, String> hashes = new HashMap<>();
        if (wanted.isEmpty()) {
            return hashes;
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            hash(new InputStreamReader(in, StandardCharsets.UTF_8), (line, hash) -> {
                if (wanted.contains(line)) {
                    hashes.put(line, hash);
                }
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return hashes;
    }

    private void process(int c) {
        if (c == ' ' || c == '\t' || (prevCr && c == '\n')) {
            prevCr = false;
            return;
        }
        if (c == '\r') {
            c = '\n';
            prevCr = true;
        } else {
            prevCr = false;
        }
        // the window has come round: the line that started here has its 100 characters
        if (lineNumbers[index] != -1) {
            output();
        }
        if (lineStart) {
            lineStart = false;
            lineNumber++;
            lineNumbers[index] = lineNumber;
        }
        if (c == '\n') {
            lineStart = true;
        }
        update(c);
    }

    private void output() {
        int seen = counts.merge(hash, 1, Integer::sum);
        sink.line(lineNumbers[index], Long.toHexString(hash) + ":" + seen);
        lineNumbers[index] = -1;
    }

    private void update(int current) {
        int begin = window[index];
        window[index] = current;
        hash = MOD * hash + current - firstMod * begin;
        index = (index + 1) % BLOCK_SIZE;
    }
}
