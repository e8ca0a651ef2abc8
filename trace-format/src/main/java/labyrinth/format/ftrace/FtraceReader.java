package labyrinth.format.ftrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.format.TraceBytes;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * Imports the kernel's kmem page events from text: {@code /sys/kernel/tracing/trace},
 * {@code trace-cmd report}, {@code perf script} and function_graph output (see {@link Layout}),
 * as a {@link TraceSource} of scope {@code window}.
 *
 * <p>Events: {@code mm_page_alloc} becomes {@link Event.Alloc} (recorded pfn, {@link
 * Event#NULL_PFN} for a failed allocation printed as {@code page=(null)}/{@code pfn=0},
 * {@link Event#UNRECORDED} when no pfn can be derived); {@code mm_page_free},
 * {@code mm_page_free_batched} (order 0), the pre-3.3 {@code mm_page_free_direct} and the 2.6
 * {@code mm_pagevec_free} become {@link Event.Free}. {@code mm_page_pcpu_drain} and
 * {@code mm_page_alloc_zone_locked} (per-CPU list traffic, not ownership) and every other event
 * are counted in the {@link #report()} and skipped. A line saying that the ring buffer lost events
 * ({@link LineParser.LineKind#LOST}) becomes an {@link Event.Mark} labelled with the line and carrying
 * the count, which the replay reports as a trace-gap. An event's number is its 0-based position
 * among the events produced, its line the source line, its column 1; the owner is
 * {@code comm-pid} as printed; the context comes from the irq-flags column
 * ({@link IrqFlags#ctxOf}); a following {@code <stack trace>} block or perf callchain becomes
 * its stack and site ({@link Sites}).
 *
 * <p>The pfn: {@code pfn=} in decimal or {@code 0x} hex. Without {@code pfn=}, only
 * {@code perf script}'s {@code page=0x...} below 2^40 is taken as the pfn (libtraceevent cannot
 * evaluate the kernel's pfn_to_page and prints the pfn there); other {@code page=} values are
 * pointers ({@code ffffea...}, hashed {@code %p}) and give nothing. When {@code page=} is the x86
 * vmemmap base plus exactly the decimal {@code pfn=}, the pfn is what 2.6-era perf printed for
 * page_to_pfn: a byte offset into the vmemmap array, not a pfn; the allocation is imported as not
 * recorded.
 *
 * <p>Timestamps must not decrease in the trace format; an event whose time is below an earlier
 * event's (pastes, concatenated captures) is imported without a time and counted.
 *
 * <p>Malformed lines (a page event that cannot be read) are skipped and listed with their line
 * numbers, or end the import with a {@link TraceException} in strict mode. A last event line
 * without a line feed was cut off (the kernel ends every line with one): it is a truncation, not
 * an event, even when it reads, and not a malformed line; so is a last line in no known layout
 * (a line cut before its event name).
 *
 * <p>The machine must be known before the first event: it is given (options), read from
 * /proc/zoneinfo, guessed from a memory size, or else guessed from the highest pfn of a cheap
 * first pass over the file ({@link #open(Path, FtraceOptions)} only; a stream cannot be read
 * twice). MemInfo use does not depend on the file's size. Not thread-safe: one per trace.
 */
public final class FtraceReader implements TraceSource {
    private final String name;
    private final InputStream in;
    private final Header header;
    private final ImportReport report;
    private final EventAssembler events;

    /** After an error: the reader produces nothing more. */
    private boolean done;
    /** The temporary copy of a stream this reader reads (deleted on close), or null. */
    private Path copy;

    private FtraceReader(String name, InputStream in, MachineChoice choice, FtraceOptions options, boolean scanning) {
        this.name = name;
        this.in = in;
        Machine m = options.kernel() != null ? choice.machine().withKernel(options.kernel()) : choice.machine();
        this.report = new ImportReport(options.maxListed());
        this.events = new EventAssembler(name, in, m, options, scanning, report);
        report.machineSource = choice.source();
        report.machineNotes.addAll(choice.notes());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("importer", "ftrace");
        meta.put("source", name);
        meta.put("machine", choice.source());
        this.header = new Header(Header.VERSION, Scope.WINDOW, m, meta);
    }

    /**
     * Opens a kernel trace file (plain or gzip). Without a machine, zoneinfo or memory size in
     * {@code options}, reads the file once first to find its highest pfn.
     */
    public static FtraceReader open(Path file, FtraceOptions options) throws IOException, TraceException {
        return open(file, file.toString(), options);
    }

    /** Like {@link #open(Path, FtraceOptions)}, naming the file {@code name} in messages. */
    public static FtraceReader open(Path file, String name, FtraceOptions options) throws IOException, TraceException {
        MachineChoice m = MachineChoice.fromOptions(options);
        if (m == null) {
            long[] scan = PfnScan.scan(stream(file));
            if (scan == null) {
                scan = prescan(file, name, options);
            }
            m = MachineChoice.fromHighestPfn(scan[0], (int) scan[1]);
        }
        return new FtraceReader(name, stream(file), m, options, false);
    }

    /**
     * Reads a kernel trace (plain or gzip) from a stream, which the reader then owns. When
     * {@code options} give the machine (directly, as a zoneinfo file or as a memory size) the stream
     * is read as it comes; otherwise it is first copied to a temporary file, since finding the
     * highest pfn takes a reading of its own, and the file is deleted on {@link #close()}.
     */
    public static FtraceReader open(String name, InputStream in, FtraceOptions options)
            throws IOException, TraceException {
        MachineChoice m = MachineChoice.fromOptions(options);
        if (m != null) {
            return new FtraceReader(name, TraceBytes.open(in), m, options, false);
        }
        Path copy = Files.createTempFile("labyrinth-", ".trace");
        try {
            try (in; java.io.OutputStream out = Files.newOutputStream(copy)) {
                in.transferTo(out);
            }
            FtraceReader r = open(copy, name, options);
            r.copy = copy;
            return r;
        } catch (IOException | TraceException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** {highest pfn used or -1, largest order used}: the full first pass, for what {@link PfnScan} cannot decide. */
    static long[] prescan(Path file, String name, FtraceOptions options) throws IOException, TraceException {
        FtraceOptions lenient = options.withStrict(false).withMaxListed(0);
        try (FtraceReader r = new FtraceReader(name, stream(file), MachineChoice.SCAN, lenient, true)) {
            while (r.next() != null) {
                // only the extremes matter
            }
            return new long[] {r.events.highestPfn(), r.events.highestOrder()};
        }
    }

    /** The file, gunzipped when it is gzip; a cut gzip stream ends like a cut plain file (see {@link #truncation}). */
    private static InputStream stream(Path file) throws IOException {
        return TraceBytes.open(Files.newInputStream(file));
    }

    /**
     * Whether {@code head} (the first bytes of a file) looks like kernel trace text: an ftrace
     * {@code # tracer:} header or a line in one of the {@link Layout}s. False for gzip (decompress
     * first) and for JSON ({@code {} or {@code [} first).
     */
    public static boolean looksLikeFtrace(byte[] head) {
        return Sniffer.looksLikeFtrace(head);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Header header() {
        return header;
    }

    /** What was imported and skipped so far; complete after {@link #next()} returned null. */
    @Override
    public List<String> warnings() {
        return report().warnings();
    }

    public ImportReport report() {
        return report;
    }

    @Override
    public Truncation truncation() {
        return events.truncation();
    }

    /** Of the file, or of the stream as the caller gave it (compressed bytes for gzip). */
    @Override
    public long bytesRead() {
        return in instanceof TraceBytes bytes ? bytes.rawCount() : -1;
    }

    @Override
    public void close() throws IOException {
        try {
            events.close();
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    @Override
    public Event next() throws TraceException {
        if (done) {
            return null;
        }
        try {
            return events.next();
        } catch (IOException e) {
            done = true;
            throw new TraceException(name, events.lineNumber(), 0, -1, "cannot read: " + e.getMessage(), e);
        } catch (TraceException e) {
            done = true;
            throw e;
        }
    }
}
