package labyrinth.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import labyrinth.format.TraceWriter;
import labyrinth.format.binary.BinaryTraceWriter;
import labyrinth.format.json.JsonTraceWriter;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * What every command that writes a trace ({@code gen}, {@code convert}, {@code import},
 * {@code reduce}) shares: the encoding a file name asks for, the writer of each encoding, and the
 * byte sink. Stateless.
 */
final class TraceOutputs {
    private static final int BUFFER = 1 << 16;

    /** The encodings of a written trace, as {@code --format} names them. */
    enum Encoding { binary, json, ndjson }

    private TraceOutputs() {
    }

    /**
     * The encoding {@code p}'s name asks for, after any {@code .gz}: {@code .lbt} binary,
     * {@code .ndjson} or {@code .jsonl} JSON Lines, anything else (and standard output, null or
     * {@code -}) a JSON document.
     */
    static Encoding encodingOf(Path p) {
        if (p == null || Stdio.isDash(p)) {
            return Encoding.json;
        }
        String n = p.getFileName().toString().replaceFirst("\\.gz$", "");
        if (n.endsWith(".lbt")) {
            return Encoding.binary;
        }
        return n.endsWith(".ndjson") || n.endsWith(".jsonl") ? Encoding.ndjson : Encoding.json;
    }

    /** {@code chosen} ({@code --format}) when given, else what {@code target}'s name asks for. */
    static Encoding encodingOf(Encoding chosen, Path target) {
        return chosen != null ? chosen : encodingOf(target);
    }

    /** Whether {@code p} (null or {@code -}: standard output) asks for gzip by its name. */
    static boolean isGzipName(Path p) {
        return p != null && !Stdio.isDash(p) && p.getFileName().toString().endsWith(".gz");
    }

    /** A writer of {@code encoding} over {@code out} (which it closes), the header written. */
    static TraceWriter writer(Encoding encoding, OutputStream out, Header header) throws IOException {
        return switch (encoding) {
            case binary -> BinaryTraceWriter.open(out, header);
            case ndjson -> JsonTraceWriter.stream(out, header);
            case json -> JsonTraceWriter.document(out, header);
        };
    }

    /**
     * Writes every event {@code source} has left to {@code w}, the one copy loop of {@code convert}
     * and {@code import}. A failure to read comes out as {@link Unreadable}: it runs inside
     * {@link AtomicFiles.Content}, which may throw only IOException, and those are the output's.
     *
     * @return the number of events written
     */
    static long copy(TraceSource source, TraceWriter w) throws IOException {
        long n = 0;
        try {
            for (Event e = source.next(); e != null; e = source.next()) {
                w.write(e);
                n++;
            }
        } catch (TraceException e) {
            throw new Unreadable(e);
        }
        return n;
    }

    /** Carries a reader error of {@link #copy} out of {@link AtomicFiles.Content}. */
    static final class Unreadable extends RuntimeException {
        Unreadable(TraceException cause) {
            super(cause);
        }

        @Override
        public synchronized TraceException getCause() {
            return (TraceException) super.getCause();
        }
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
