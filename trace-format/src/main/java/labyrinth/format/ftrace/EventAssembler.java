package labyrinth.format.ftrace;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Machine;
import labyrinth.format.TraceBytes;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource.Truncation;

/**
 * Turns the lines of a kernel trace into events, for {@link FtraceReader} (which documents the
 * rules): classifies each line ({@link LineParser}), decodes page events ({@link KmemEvents}),
 * attaches the {@code <stack trace>} block or perf callchain that follows an event (so an event is
 * produced only once the next line shows its stack is over), joins function_graph comments split
 * over lines, numbers the events, drops times that go backwards, marks lost events, and finds where
 * a cut-off file ends. Keeps the highest pfn and order seen, which the first pass of a file is for.
 * Not thread-safe: one per reader.
 */
final class EventAssembler {
    private static final int MAX_STACK = 256;
    private static final int MAX_CONTINUATION_LINES = 16;

    private enum StackMode { NONE, FTRACE, PERF, SKIP }

    private final String name;
    private final InputStream in;
    private final LineReader lines;
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

    /**
     * Reads {@code in} (named {@code name} in messages) onto machine {@code m}, counting into
     * {@code report}; {@code scanning}: the first pass, which only looks for the highest pfn.
     */
    EventAssembler(String name, InputStream in, Machine m, FtraceOptions options, boolean scanning,
                   ImportReport report) {
        this.name = name;
        this.in = in;
        this.lines = new LineReader(in);
        this.options = options;
        this.scanning = scanning;
        this.report = report;
        this.kmem = new KmemEvents(parser, report, options, scanning, m.zones(), m.maxOrder(),
                new KernelGfp(m.gfpNames()), this::problem);
    }

    /** The number of the line read last. */
    long lineNumber() {
        return lines.lineNumber();
    }

    /** The highest pfn the events produced so far use, or -1. */
    long highestPfn() {
        return highestPfn;
    }

    /** The largest order the events produced so far use. */
    int highestOrder() {
        return highestOrder;
    }

    /** Where the input was cut off, or null. */
    Truncation truncation() {
        return truncation;
    }

    void close() throws IOException {
        lines.close();
    }

    /** The next event, or null at the end of the input. */
    Event next() throws IOException, TraceException {
        if (done) {
            return null;
        }
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
