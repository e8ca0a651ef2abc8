package labyrinth.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import labyrinth.format.binary.BinaryFormat;
import labyrinth.format.binary.BinaryTraceReader;
import labyrinth.format.dmesg.KernelLogs;
import labyrinth.format.ftrace.FtraceOptions;
import labyrinth.format.ftrace.FtraceReader;
import labyrinth.format.json.JsonTraceReader;
import labyrinth.format.json.ReaderLimits;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * Opens any trace labyrinth reads, recognising its encoding by content (never by file name):
 * plain or gzip, then a Labyrinth binary trace (its magic bytes, docs/binary-format.md), a Labyrinth
 * JSON trace (document or JSON Lines) or kernel trace text (the ftrace importer). Every source it
 * returns counts the bytes it has taken from the file or stream ({@link TraceSource#bytesRead()}),
 * for progress against the file's size. Stateless and thread-safe.
 */
public final class TraceFiles {
    /** How much of a file decides whether it is kernel trace text. */
    private static final int KERNEL_SNIFF_BYTES = 64 * 1024;
    private static final String NOT_A_TRACE = "expected a Labyrinth trace (JSON object) or kernel trace text, found ";

    private TraceFiles() {
    }

    /** {@link #open(Path, String, ReaderLimits)} with the default limits. */
    public static TraceSource open(Path path, String displayName) throws TraceException {
        return open(path, displayName, ReaderLimits.defaults());
    }

    /**
     * Opens {@code path} and reads its header.
     *
     * @param displayName the file as messages name it (usually as the user typed it)
     * @throws TraceException when the file cannot be read, is not a trace, or its header breaks the format
     */
    public static TraceSource open(Path path, String displayName, ReaderLimits limits) throws TraceException {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            throw JsonTraceReader.cannotRead(displayName, e);
        }
        if (isKernelTrace(in, displayName)) {
            refuseKernelLog(path, displayName);
            try {
                return FtraceReader.open(path, displayName, FtraceOptions.defaults());
            } catch (IOException e) {
                throw JsonTraceReader.cannotRead(displayName, e);
            }
        }
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            throw JsonTraceReader.cannotRead(displayName, e);
        }
        try {
            return open(in, displayName, limits);
        } catch (TraceException e) {
            if (e.detail().startsWith(NOT_A_TRACE)) {
                refuseKernelLog(path, displayName);
            }
            throw e;
        }
    }

    /**
     * A kernel log with "page allocation failure" reports and no page events is no trace:
     * {@code labyrinth explain} reads it. Costs one read of such a file; a trace stops the count at
     * its first page event.
     */
    private static void refuseKernelLog(Path path, String displayName) throws TraceException {
        KernelLogs.Census c = KernelLogs.census(path);
        if (c.reports() > 0 && !c.pageEvents()) {
            throw new TraceException(displayName, c.firstLine(), 0, -1, KernelLogs.hint(c.reports()));
        }
    }

    /** Reads the start of the file (unzipped) and tells whether it is kernel trace text; closes {@code in}. */
    private static boolean isKernelTrace(InputStream in, String displayName) throws TraceException {
        try (TraceBytes bytes = TraceBytes.open(in)) {
            return bytes.firstSignificantByte() != '{' && !BinaryFormat.matches(bytes.peek(16))
                    && FtraceReader.looksLikeFtrace(bytes.peek(KERNEL_SNIFF_BYTES));
        } catch (IOException e) {
            throw JsonTraceReader.cannotRead(displayName, e);
        }
    }

    /** Like {@link #open(Path, String, ReaderLimits)} for a stream, which the source then owns and closes. */
    public static TraceSource open(InputStream in, String displayName, ReaderLimits limits) throws TraceException {
        TraceBytes bytes = null;
        try {
            bytes = TraceBytes.open(in);
            if (BinaryFormat.matches(bytes.peek(16))) {
                return BinaryTraceReader.open(bytes, displayName, limits);
            }
            int first = bytes.firstSignificantByte();
            if (first == '{') {
                return JsonTraceReader.open(bytes, displayName, limits);
            }
            String found = bytes.describeStart();
            bytes.close();
            throw new TraceException(displayName, 1, 1, -1, NOT_A_TRACE + found);
        } catch (IOException e) {
            try {
                (bytes != null ? bytes : in).close();
            } catch (IOException ignored) {
                // the read error is the one to report
            }
            throw JsonTraceReader.cannotRead(displayName, e);
        }
    }
}
