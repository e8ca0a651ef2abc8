package labyrinth.format.ftrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.format.TraceBytes;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
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
    private static final int MAX_STACK = 256;
    private static final int MAX_CONTINUATION_LINES = 16;

    private enum StackMode { NONE, FTRACE, PERF, SKIP }

    private final String name;
    private final InputStream in;
    private final LineReader lines;
    private final Header header;
    private final FtraceOptions options;
    private final boolean scanning;
    private final LineParser parser = new LineParser();
    private final ImportReport report;
    private final KmemEvents kmem;

    private PendingEvent pending;
    private StackMode mode = StackMode.NONE;
    private String pushback;
    private long pushbackLine;
    /** The pushed-back line is still in {@link #parser} (it only completed the pending event). */
    private boolean pushbackParsed;
    private long produced;
    private long maxTime = Long.MIN_VALUE;
    private long highestPfn = -1;
    private int highestOrder;
    private boolean done;
    private Truncation truncation;
    /** The temporary copy of a stream this reader reads (deleted on close), or null. */
    private Path copy;

    private FtraceReader(String name, InputStream in, MachineChoice choice, FtraceOptions options, boolean scanning) {
        this.name = name;
        this.in = in;
        this.lines = new LineReader(in);
        this.options = options;
        this.scanning = scanning;
        Machine m = options.kernel() != null ? choice.machine().withKernel(options.kernel()) : choice.machine();
        this.report = new ImportReport(options.maxListed());
        this.kmem = new KmemEvents(parser, report, options, scanning, m.zones(), m.maxOrder(),
                new KernelGfp(m.gfpNames()), this::problem);
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
            long[] scan = prescan(file, name, options);
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

    /** {highest pfn used or -1, largest order used}. */
    private static long[] prescan(Path file, String name, FtraceOptions options) throws IOException, TraceException {
        FtraceOptions lenient = options.withStrict(false).withMaxListed(0);
        try (FtraceReader r = new FtraceReader(name, stream(file), MachineChoice.SCAN, lenient, true)) {
            while (r.next() != null) {
                // only the extremes matter
            }
            return new long[] {r.highestPfn, r.highestOrder};
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
        return truncation;
    }

    /** Of the file, or of the stream as the caller gave it (compressed bytes for gzip). */
    @Override
    public long bytesRead() {
        return in instanceof TraceBytes bytes ? bytes.rawCount() : -1;
    }

    @Override
    public void close() throws IOException {
        try {
            lines.close();
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
            return advance();
        } catch (IOException e) {
            done = true;
            throw new TraceException(name, lines.lineNumber(), 0, -1, "cannot read: " + e.getMessage(), e);
        } catch (TraceException e) {
            done = true;
            throw e;
        }
    }

    private Event advance() throws IOException, TraceException {
        while (true) {
            String line;
            long lineNo;
            boolean parsed = false;
            if (pushback != null) {
                line = pushback;
                lineNo = pushbackLine;
                parsed = pushbackParsed;
                pushback = null;
                pushbackParsed = false;
            } else {
                line = lines.readLine();
                lineNo = lines.lineNumber();
                if (line == null) {
                    done = true;
                    if (truncation == null && in instanceof TraceBytes bytes && bytes.cut()) {
                        // a gzip file cut short: its last line may be cut too, like a plain file's
                        truncation = new Truncation(produced - 1, produced, lines.offset());
                    }
                    return pending != null ? emit() : null;
                }
                if (lines.tooLong()) {
                    problem(lineNo, "line longer than " + LineReader.MAX_LINE + " bytes");
                    continue;
                }
            }
            if (!parsed) {
                parser.parse(line);
            }
            LineParser.LineKind kind = parser.kind;
            switch (kind) {
                case STACK_FRAME -> {
                    if (mode == StackMode.FTRACE) {
                        addFrame(parser.frame);
                    } else if (mode == StackMode.NONE) {
                        report.headerlessFrames++;
                    }
                    report.ignoredLines++;
                    continue;
                }
                case CALLCHAIN_FRAME -> {
                    if (mode == StackMode.PERF) {
                        addFrame(parser.frame);
                    } else if (mode != StackMode.SKIP) {
                        report.unrecognised(lineNo);
                        continue;
                    }
                    report.ignoredLines++;
                    continue;
                }
                case STACK_HEADER -> {
                    if (pending != null && pending.stack == null && mode == StackMode.NONE
                            && (parser.cpu < 0 || pending.cpu < 0 || parser.cpu == pending.cpu)) {
                        pending.stack = new ArrayList<>();
                        mode = StackMode.FTRACE;
                    } else {
                        report.orphanStacks++;
                        mode = StackMode.SKIP;
                    }
                    report.ignoredLines++;
                    continue;
                }
                case USER_STACK_HEADER -> {
                    mode = StackMode.SKIP;
                    report.ignoredLines++;
                    continue;
                }
                default -> {
                    // any other line ends a stack and so completes the pending event
                }
            }
            if (pending != null) {
                pushback = line;
                pushbackLine = lineNo;
                pushbackParsed = true;
                return emit();
            }
            mode = StackMode.NONE;
            switch (kind) {
                case BLANK, IGNORED -> report.ignoredLines++;
                case LOST -> {
                    if (cutOff(lineNo)) {
                        truncation = new Truncation(produced - 1, produced, lines.offset());
                        continue;
                    }
                    report.lostEvents += parser.lost;
                    report.lossMarkers++;
                    report.uncountedLosses += parser.lost == 0 ? 1 : 0;
                    return lossMark(lineNo, line);
                }
                case UNRECOGNISED -> {
                    if (cutOff(lineNo)) {
                        // a line cut before its event name ("  task-1567  [000]  4415.") reads as no layout
                        truncation = new Truncation(produced - 1, produced, lines.offset());
                    } else {
                        report.unrecognised(lineNo);
                    }
                }
                case MALFORMED -> problem(lineNo, parser.problem);
                case GRAPH_OPEN -> {
                    if (continueComment(lineNo)) {
                        event(lineNo);
                    }
                }
                case EVENT -> {
                    if (cutOff(lineNo)) {
                        // even when it reads, a cut line may have lost a digit of its pfn or a flag
                        truncation = new Truncation(produced - 1, produced, lines.offset());
                    } else {
                        event(lineNo);
                    }
                }
                default -> throw new AssertionError(kind);
            }
        }
    }

    /** Joins the continuation lines of a function_graph comment; false when it never closes. */
    private boolean continueComment(long lineNo) throws IOException, TraceException {
        StringBuilder sb = new StringBuilder(parser.openComment);
        for (int k = 0; k < MAX_CONTINUATION_LINES; k++) {
            String more = lines.readLine();
            if (more == null) {
                break;
            }
            if (startsGraphLine(more)) {
                pushback = more;
                pushbackLine = lines.lineNumber();
                break;
            }
            int close = more.indexOf("*/");
            if (close >= 0) {
                parser.finishGraphComment(sb.append(' ').append(more, 0, close).toString());
                report.ignoredLines += k + 1;
                return true;
            }
            sb.append(' ').append(more);
        }
        problem(lineNo, "function_graph comment \"/*\" not closed by \"*/\" within "
                + MAX_CONTINUATION_LINES + " lines");
        return false;
    }

    private static boolean startsGraphLine(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        int d = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i > d && i < s.length() && s.charAt(i) == ')';
    }

    private void addFrame(String frame) {
        if (pending != null && pending.stack != null && pending.stack.size() < MAX_STACK && !frame.isEmpty()) {
            pending.stack.add(frame);
        }
    }

    private void event(long lineNo) throws TraceException {
        boolean tracked = kmem.read(lineNo);
        if (tracked) {
            pending = kmem.taken();
        }
        if (parser.layout == Layout.PERF_SCRIPT) {
            mode = tracked ? StackMode.PERF : StackMode.SKIP;
            if (tracked) {
                pending.stack = new ArrayList<>();
            }
        }
    }

    private Event emit() {
        PendingEvent p = pending;
        pending = null;
        mode = StackMode.NONE;
        long t = p.time;
        if (t != CommonFields.NO_TIME) {
            if (t < maxTime) {
                if (report.timeBackwards++ == 0) {
                    report.firstTimeBackwardsLine = p.line;
                }
                t = CommonFields.NO_TIME;
            } else {
                maxTime = t;
            }
        }
        int order = Math.max(p.order, 0);
        if (p.pfn >= 0) {
            highestPfn = Math.max(highestPfn, p.pfn + (1L << order) - 1);
        }
        highestOrder = Math.max(highestOrder, order);
        return p.toEvent(produced++, t, report);
    }

    /**
     * Whether line {@code lineNo} is the last and has no line feed: the kernel ends every line with
     * one, so the file was cut there.
     */
    private boolean cutOff(long lineNo) {
        return !lines.endedWithNewline() && lineNo == lines.lineNumber();
    }

    /**
     * A mark where the ring buffer says it lost events, at the line that says so and labelled with
     * it, which the replay reports as a trace-gap.
     */
    private Event lossMark(long lineNo, String line) {
        CommonFields c = new CommonFields(produced++, false, lineNo, 1, CommonFields.NO_TIME, parser.cpu, Context.TASK, null, null,
                List.of());
        return new Event.Mark(c, line.strip(), parser.lost > 0 ? parser.lost : Event.Mark.LOST_UNCOUNTED);
    }

    /** A malformed line: skipped and counted, fatal in strict mode, a truncation when it is a cut-off last line. */
    private void problem(long lineNo, String message) throws TraceException {
        if (cutOff(lineNo)) {
            truncation = new Truncation(produced - 1, produced, lines.offset());
            return;
        }
        if (options.strict() && !scanning) {
            throw new TraceException(name, lineNo, 1, -1, message);
        }
        report.malformed(lineNo, message);
    }
}
