package labyrinth.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import labyrinth.core.KernelVersion;
import labyrinth.format.binary.BinaryFormat;
import labyrinth.format.binary.BinaryTraceReader;
import labyrinth.format.dmesg.KernelLogs;
import labyrinth.format.ftrace.FtraceOptions;
import labyrinth.format.ftrace.FtraceReader;
import labyrinth.format.json.JsonTraceReader;
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
        return open(path, displayName, limits, null);
    }

    /**
     * Like {@link #open(Path, String, ReaderLimits)}; kernel trace text is read as printed by
     * {@code kernel} (its GFP names, the machine's {@code kernel}), or as by 6.12 when null. A
     * Labyrinth trace says its own kernel.
     */
    public static TraceSource open(Path path, String displayName, ReaderLimits limits, KernelVersion kernel)
            throws TraceException {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            throw ReadErrors.cannotRead(displayName, e);
        }
        if (isKernelTrace(in, displayName)) {
            refuseKernelLog(path, displayName);
            try {
                return FtraceReader.open(path, displayName, FtraceOptions.defaults().withKernel(kernel));
            } catch (IOException e) {
                throw ReadErrors.cannotRead(displayName, e);
            }
        }
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            throw ReadErrors.cannotRead(displayName, e);
        }
        try {
            return open(in, displayName, limits, kernel);
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

    /**
     * Whether {@code path} starts (unzipped) like something {@link #open} hands to a reader: a
     * Labyrinth binary trace, a JSON object, or kernel trace text. Cheap: the first few kilobytes.
     * True does not mean the trace is good; the reader decides that. For picking the traces out of
     * a folder.
     *
     * @throws IOException when the file cannot be read
     */
    public static boolean looksLikeTrace(Path path) throws IOException {
        try (TraceBytes bytes = TraceBytes.open(Files.newInputStream(path))) {
            return BinaryFormat.matches(bytes.peek(16)) || bytes.firstSignificantByte() == '{'
                    || FtraceReader.looksLikeFtrace(bytes.peek(KERNEL_SNIFF_BYTES));
        }
    }

    /** Reads the start of the file (unzipped) and tells whether it is kernel trace text; closes {@code in}. */
    private static boolean isKernelTrace(InputStream in, String displayName) throws TraceException {
        try (TraceBytes bytes = TraceBytes.open(in)) {
            return bytes.firstSignificantByte() != '{' && !BinaryFormat.matches(bytes.peek(16))
                    && FtraceReader.looksLikeFtrace(bytes.peek(KERNEL_SNIFF_BYTES));
        } catch (IOException e) {
            throw ReadErrors.cannotRead(displayName, e);
        }
    }

    /**
     * Like {@link #open(Path, String, ReaderLimits)} for a stream (standard input), which the source
     * then owns and closes. Kernel trace text is copied to a temporary file first, deleted when the
     * source closes: its machine is guessed from a reading of its own.
     */
    public static TraceSource open(InputStream in, String displayName, ReaderLimits limits) throws TraceException {
        return open(in, displayName, limits, null);
    }

    /** Like {@link #open(InputStream, String, ReaderLimits)}; kernel trace text is read as printed by {@code kernel}. */
    public static TraceSource open(InputStream in, String displayName, ReaderLimits limits, KernelVersion kernel)
            throws TraceException {
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
            if (FtraceReader.looksLikeFtrace(bytes.peek(KERNEL_SNIFF_BYTES))) {
                return FtraceReader.open(displayName, bytes, FtraceOptions.defaults().withKernel(kernel));
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
            throw ReadErrors.cannotRead(displayName, e);
        }
    }
}
