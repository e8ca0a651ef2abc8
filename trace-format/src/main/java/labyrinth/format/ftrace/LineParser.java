package labyrinth.format.ftrace;

import static labyrinth.format.ftrace.Chars.allDigits;
import static labyrinth.format.ftrace.Chars.isDigit;
import static labyrinth.format.ftrace.Chars.isIdentifier;
import static labyrinth.format.ftrace.Chars.isPid;
import static labyrinth.format.ftrace.Chars.isSpace;
import static labyrinth.format.ftrace.Chars.nanos;
import static labyrinth.format.ftrace.Chars.skipSpaces;
import static labyrinth.format.ftrace.Chars.trimEnd;
import static labyrinth.format.ftrace.Chars.trimStart;

import labyrinth.trace.CommonFields;

/**
 * Classifies one line of a kernel trace and splits it into prefix and event, by hand (no regular
 * expressions: one left-to-right scan per line, a few {@code indexOf}s). The result is left in
 * the fields, which the next call overwrites; the event's {@code key=value} text stays a stretch of
 * the line ({@link #text}), and task, flags and event names come from a {@link TextCache}, so a
 * common line costs no copies. Keeps one piece of state across lines: the task
 * each CPU switched to in function_graph context-switch banners ({@code x-1 => y-2}), the only
 * owner that layout gives. Not thread-safe: one per reader.
 */
final class LineParser {
    enum LineKind {
        /** An event line: {@link #event} names it, {@link #fields()} is its {@code key=value} text. */
        EVENT,
        /** {@code <stack trace>}: {@code =>} frames follow. */
        STACK_HEADER,
        /** {@code <user stack trace>}: user-space frames follow (not kept). */
        USER_STACK_HEADER,
        /** {@code => frame}; {@link #frame} holds it. */
        STACK_FRAME,
        /** A perf callchain line {@code addr sym+off (dso)}; {@link #frame} holds {@code sym+off}. */
        CALLCHAIN_FRAME,
        /** A function_graph {@code /* event:} comment that continues on the next lines. */
        GRAPH_OPEN,
        BLANK,
        /** A known non-event line: header, comment, function_graph entry or banner. */
        IGNORED,
        /**
         * The ring buffer lost events: {@code CPU:N [LOST M EVENTS]} or {@code CPU:N [LOST EVENTS]}
         * (ftrace), {@code CPU:N [M EVENTS DROPPED]} or {@code CPU:N [EVENTS DROPPED]} ({@code trace-cmd
         * report}), {@code CPU N buffer overrun}; {@link #cpu} holds N, {@link #lost} M (0: not said).
         */
        LOST,
        UNRECOGNISED,
        /** Mentions a page event but has no known layout; {@link #problem} says why. */
        MALFORMED
    }

    LineKind kind;
    Layout layout;
    String owner;
    int cpu;
    long time;
    String flags;
    String event;
    /** The event's {@code key=value} text is {@code text[fieldsFrom, fieldsTo)}. */
    String text;
    int fieldsFrom;
    int fieldsTo;
    String frame;
    String problem;
    long lost;
    /** Text of an unfinished function_graph comment (after {@code /*}). */
    String openComment;

    private final GraphLayout graph = new GraphLayout();
    private final TextCache cache = new TextCache();

    /** The event's {@code key=value} text, trimmed. */
    String fields() {
        return text.substring(fieldsFrom, fieldsTo);
    }

    /** Sets the event's {@code key=value} text to {@code s[b, e)} trimmed. */
    void fields(String s, int b, int e) {
        text = s;
        fieldsFrom = trimStart(s, b, e);
        fieldsTo = trimEnd(s, fieldsFrom, e);
    }

    void parse(String line) {
        kind = LineKind.UNRECOGNISED;
        layout = null;
        owner = null;
        cpu = -1;
        time = CommonFields.NO_TIME;
        flags = null;
        event = null;
        text = null;
        fieldsFrom = 0;
        fieldsTo = 0;
        frame = null;
        problem = null;
        lost = 0;
        openComment = null;
        int n = line.length();
        int i = skipSpaces(line, 0);
        if (i == n) {
            kind = LineKind.BLANK;
            return;
        }
        char c = line.charAt(i);
        if (c == '#') {
            kind = LineKind.IGNORED;
            return;
        }
        if (line.startsWith("=>", i)) {
            kind = LineKind.STACK_FRAME;
            frame = ftraceFrame(line, i + 2);
            return;
        }
        if (isDigit(c) && graph.read(line, i, this)) {
            return;
        }
        if (line.startsWith("CPU", i) && LostLines.read(line, i, this)) {
            return;
        }
        if (tryPrefixed(line)) {
            return;
        }
        if (tryBare(line, i)) {
            return;
        }
        if (i > 0 && tryCallchain(line, i)) {
            return;
        }
        if (isHeader(line, i)) {
            kind = LineKind.IGNORED;
            return;
        }
        if (line.indexOf("mm_page", i) >= 0) {
            kind = LineKind.MALFORMED;
            problem = "a page event in no known layout (expected \"comm-pid [cpu] flags secs.usecs: event: fields\")";
        }
    }

    /** Completes a {@link LineKind#GRAPH_OPEN} comment whose whole text (continuation lines joined) is known. */
    void finishGraphComment(String body) {
        graph.comment(body, this);
    }

    // ---- classic ftrace, trace-cmd report, perf script ---------------------------------------

    /** Longest word before the event's colon that can be a timestamp ({@code secs.usecs} or ticks). */
    private static final int MAX_TIMESTAMP = 40;

    /**
     * Finds {@code ... TIMESTAMP: event: fields}. Linear in the line: the start of the word before each
     * colon, and whether a ']' comes before it, are tracked in one forward pass (a line of a megabyte
     * without blanks, or with a colon every few bytes, must not take quadratic time).
     */
    private boolean tryPrefixed(String line) {
        int n = line.length();
        int b = 0; // start of the word the scan is in
        int bracket = -1; // last ']' before b
        int lastBracket = -1; // last ']' scanned
        int scanned = 0;
        int c = line.indexOf(':');
        while (c > 0) {
            for (; scanned < c; scanned++) {
                char ch = line.charAt(scanned);
                if (ch == ']') {
                    lastBracket = scanned;
                } else if (isSpace(ch)) {
                    b = scanned + 1;
                    bracket = lastBracket;
                }
            }
            if (b > 0 && b < c && c - b <= MAX_TIMESTAMP && (c + 1 == n || isSpace(line.charAt(c + 1)))) {
                int dot = timestampShape(line, b, c);
                boolean bracketBefore = bracket > 0 || line.charAt(b) == ']';
                if (dot != -2 && (dot >= 0 || bracketBefore) && eventPart(line, c + 1)) {
                    head(line, b);
                    if (dot >= 0) {
                        time = nanos(line, b, dot, c);
                    }
                    return true;
                }
            }
            c = line.indexOf(':', c + 1);
        }
        return false;
    }

    /** @return -2 when [b, e) is no timestamp, -1 for an integer, else the index of its '.' */
    private static int timestampShape(String s, int b, int e) {
        int dot = -1;
        for (int k = b; k < e; k++) {
            char ch = s.charAt(k);
            if (ch == '.') {
                if (dot >= 0 || k == b || k == e - 1) {
                    return -2;
                }
                dot = k;
            } else if (!isDigit(ch)) {
                return -2;
            }
        }
        return dot;
    }

    /** Reads what follows the timestamp's colon; false when there is no event there. */
    private boolean eventPart(String line, int from) {
        int n = line.length();
        int j = skipSpaces(line, from);
        if (j == n) {
            return false;
        }
        if (line.startsWith("<stack trace>", j)) {
            kind = LineKind.STACK_HEADER;
            return true;
        }
        if (line.startsWith("<user stack trace>", j)) {
            kind = LineKind.USER_STACK_HEADER;
            return true;
        }
        int e = j;
        while (e < n && !isSpace(line.charAt(e))) {
            e++;
        }
        kind = LineKind.EVENT;
        if (e - j > 1 && line.charAt(e - 1) == ':') {
            int nameEnd = e - 1;
            int sys = line.lastIndexOf(':', nameEnd - 1);
            if (sys >= j) {
                j = sys + 1;
                layout = Layout.PERF_SCRIPT;
            }
            event = isIdentifier(line, j, nameEnd) ? cache.get(line, j, nameEnd) : "(unnamed)";
            fields(line, e, n);
        } else {
            event = "(function)";
            fields("", 0, 0);
        }
        return true;
    }

    /** The prefix before the timestamp, {@code line[0, end)}: task, optional (tgid), optional [cpu], optional flags. */
    private void head(String line, int end) {
        int rb = -1;
        int lb = -1;
        for (int k = end - 1; k > 0 && lb < 0; k--) {
            if (line.charAt(k) == ']') {
                int open = line.lastIndexOf('[', k);
                if (open >= 0 && open + 1 < k && allDigits(line, open + 1, k)) {
                    lb = open;
                    rb = k;
                }
            }
        }
        // the task is line[tb, te)
        int tb;
        int te;
        if (lb >= 0) {
            tb = trimStart(line, 0, lb);
            te = trimEnd(line, tb, lb);
            cpu = rb - lb - 1 < 9 ? (int) Chars.digits(line, lb + 1, rb) : -1;
            int ab = trimStart(line, rb + 1, end);
            int ae = trimEnd(line, ab, end);
            if ((ae - ab == 4 || ae - ab == 5) && IrqFlags.isFlags(line, ab, ae)) {
                flags = cache.get(line, ab, ae);
            }
        } else {
            tb = trimStart(line, 0, end);
            te = trimEnd(line, tb, end);
        }
        if (te > tb && line.charAt(te - 1) == ')') { // record-tgid: "bash-1977  ( 1977)" or "(-------)"
            int p = line.lastIndexOf('(', te - 1);
            if (p > tb) {
                te = trimEnd(line, tb, p);
            }
        }
        int sp = te - 1;
        while (sp >= tb && !isSpace(line.charAt(sp))) {
            sp--;
        }
        if (sp > tb && isPid(line, sp + 1, te)) { // perf script: "comm pid" or "comm pid/tid"
            int slash = line.indexOf('/', sp + 1);
            int pid = slash >= 0 && slash < te ? slash + 1 : sp + 1;
            owner = line.substring(tb, trimEnd(line, tb, sp)) + "-" + line.substring(pid, te);
            layout = Layout.PERF_SCRIPT;
        } else {
            owner = te == tb ? null : cache.get(line, tb, te);
        }
        if (layout == null) {
            layout = Layout.FTRACE;
        }
    }

    // ---- bare event lines and perf callchains ----------------------------------------------

    private boolean tryBare(String line, int i) {
        int n = line.length();
        int e = i;
        while (e < n && !isSpace(line.charAt(e))) {
            e++;
        }
        if (e - i < 2 || line.charAt(e - 1) != ':') {
            return false;
        }
        String name = line.substring(i, e - 1);
        int sys = name.lastIndexOf(':');
        if (sys >= 0) {
            name = name.substring(sys + 1);
        }
        if (!isIdentifier(name)) {
            return false;
        }
        // "name: key=..." only, so that prose and dmesg lines ("kswapd0: page allocation failure:") stay out;
        // trace-cmd's kmem plugin puts the call site first: "kmem_cache_alloc:     (mm_alloc+0x16) call_site=..."
        int f = skipSpaces(line, e);
        if (f < n && line.charAt(f) == '(') {
            int close = line.indexOf(')', f);
            if (close < 0 || close - f > 256) {
                return false;
            }
            f = skipSpaces(line, close + 1);
        }
        int eq = f;
        while (eq < n && (Character.isLetterOrDigit(line.charAt(eq)) || line.charAt(eq) == '_')) {
            eq++;
        }
        if (eq == f || eq >= n || line.charAt(eq) != '=') {
            return false;
        }
        kind = LineKind.EVENT;
        layout = Layout.BARE;
        event = name;
        fields(line, f, n);
        return true;
    }

    private boolean tryCallchain(String line, int i) {
        int n = line.length();
        int e = i;
        while (e < n && Character.digit(line.charAt(e), 16) >= 0) {
            e++;
        }
        if (e == i || e >= n || line.charAt(e) != ' ') {
            return false;
        }
        String rest = line.substring(e + 1).trim();
        if (rest.isEmpty()) {
            return false;
        }
        int dso = rest.lastIndexOf(" (");
        String sym = dso > 0 && rest.endsWith(")") ? rest.substring(0, dso).trim() : rest;
        kind = LineKind.CALLCHAIN_FRAME;
        frame = sym.equals("[unknown]") ? "[unknown] <" + line.substring(i, e) + ">" : sym;
        return true;
    }

    private static String ftraceFrame(String line, int from) {
        String f = line.substring(from).trim();
        // " => func+0x60/0x8d <ffffffff812101c3>": the address adds nothing to the symbol
        if (f.endsWith(">")) {
            int lt = f.lastIndexOf(" <");
            if (lt > 0) {
                f = f.substring(0, lt).trim();
            }
        }
        return f;
    }

    private static boolean isHeader(String line, int i) {
        return line.startsWith("K-PID", i)
                || (line.contains("TIMESTAMP") && line.contains("FUNCTION"))
                || line.startsWith("-----", i)
                || line.startsWith("cpus=", i)
                || line.startsWith("version = ", i)
                || (line.startsWith("CPU ", i) && line.endsWith(" is empty"));
    }
}
