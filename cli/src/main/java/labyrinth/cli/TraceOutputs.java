package labyrinth.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** What every command that writes a trace shares: the encoding a file name asks for, and the byte sink. */
final class TraceOutputs {
    private static final int BUFFER = 1 << 16;

    private TraceOutputs() {
    }

    /** Whether {@code p} names JSON Lines ({@code .ndjson}, {@code .jsonl}, either with {@code .gz}). */
    static boolean isStreamName(Path p) {
        String n = p.getFileName().toString().replaceFirst("\\.gz$", "");
        return n.endsWith(".ndjson") || n.endsWith(".jsonl");
    }

    /** Whether {@code p} (null: standard output) asks for gzip by its name. */
    static boolean isGzipName(Path p) {
        return p != null && p.getFileName().toString().endsWith(".gz");
    }

    /** A buffered sink over {@code raw}, gzip-compressed when {@code target}'s name ends in {@code .gz}. */
    static OutputStream sink(OutputStream raw, Path target) throws IOException {
        return isGzipName(target) ? new GZIPOutputStream(raw, BUFFER) : new BufferedOutputStream(raw, BUFFER);
    }

    /** Keeps a writer's close from closing a stream someone else owns (standard output, {@link AtomicFiles}). */
    static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
