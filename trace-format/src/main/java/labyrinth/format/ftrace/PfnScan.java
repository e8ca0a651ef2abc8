package labyrinth.format.ftrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import labyrinth.trace.Event;

/**
 * The cheap first pass of {@link FtraceReader}: finds the highest pfn and order of a trace's page
 * events by scanning its bytes, with no String and no event per line. It decides only lines it can
 * prove {@link LineParser} and {@link KmemEvents} would read the same way: lines without
 * {@code mm_page} (no page event), and classic ftrace lines {@code task-pid [cpu] flags secs.usecs:
 * event: fields} in printable ASCII whose page event has a {@code 0x} hex {@code pfn=}. On any other
 * line that mentions {@code mm_page} (other layouts, decimal or missing pfns, UTF-8 task names), on a
 * function_graph comment ({@code /*}, which may continue on the next line), on an overlong line or on
 * a read error it gives up, and the reader makes the full first pass instead. A last line without a
 * line feed is cut off and never an event, as in {@link EventAssembler}. Not thread-safe.
 */
final class PfnScan {
    private static final byte[] MM_PAGE = ascii("mm_page");
    private static final byte[] MM_PAGE_ALLOC = ascii("mm_page_alloc");
    private static final byte[] MM_PAGE_FREE = ascii("mm_page_free");
    private static final byte[] MM_PAGE_FREE_DIRECT = ascii("mm_page_free_direct");
    private static final byte[] MM_PAGE_FREE_BATCHED = ascii("mm_page_free_batched");
    private static final byte[] MM_PAGEVEC_FREE = ascii("mm_pagevec_free");
    private static final byte[] CPU = ascii("CPU");
    private static final byte[] ORDER = ascii("order");
    private static final byte[] PFN = ascii("pfn");
    private static final byte[] PAGE = ascii("page");
    private static final byte[] GFP_FLAGS = ascii("gfp_flags");
    private static final byte[] NULL = ascii("(null)");
    private static final long ABSENT = PageFields.ABSENT;
    /** A key with nothing after its '=' ({@link PageFields#field} looks further): the full pass decides. */
    private static final long EMPTY = -2;
    private static final int MAX_TIMESTAMP = 40;
    /** The largest order the full first pass accepts: its machine's. */
    private static final int MAX_ORDER = MachineChoice.SCAN.machine().maxOrder();
    /** What {@link #line} looks at in a byte: nothing (0), the start of "/*", of "mm_page", or no printable ASCII. */
    private static final byte[] KIND = new byte[256];
    private static final byte SLASH = 1;
    private static final byte M = 2;
    private static final byte ODD = 3;

    static {
        for (int c = 0; c < 256; c++) {
            KIND[c] = c < 0x20 || c > 0x7e ? ODD : 0;
        }
        KIND['/'] = SLASH;
        KIND['m'] = M;
    }

    private final byte[] buf = new byte[1 << 16];
    private byte[] line = new byte[256];
    private long highestPfn = -1;
    private int highestOrder;

    private PfnScan() {
    }

    /** {highest pfn used or -1, largest order used}, or null when the full first pass must decide. */
    static long[] scan(InputStream in) {
        PfnScan s = new PfnScan();
        try (in) {
            return s.lines(in) ? new long[] {s.highestPfn, s.highestOrder} : null;
        } catch (IOException e) {
            return null; // the full pass reports it, with its line
        }
    }

    /** Reads every line that ends with a line feed; false when one cannot be decided here. */
    private boolean lines(InputStream in) throws IOException {
        int len = 0;
        int n;
        while ((n = in.read(buf, 0, buf.length)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    if (len > 0) {
                        len = append(buf, start, i, len);
                        if (len < 0 || !line(line, 0, len)) {
                            return false;
                        }
                        len = 0;
                    } else if (!line(buf, start, i)) {
                        return false;
                    }
                    start = i + 1;
                }
            }
            len = append(buf, start, n, len);
            if (len < 0) {
                return false;
            }
        }
        return true; // what is left has no line feed: a cut-off line, never an event
    }

    /** Keeps {@code b[from, to)} after the {@code len} bytes kept; -1 past {@link LineReader#MAX_LINE}. */
    private int append(byte[] b, int from, int to, int len) {
        int n = to - from;
        if (len + n > LineReader.MAX_LINE) {
            return -1;
        }
        if (len + n > line.length) {
            line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
        }
        System.arraycopy(b, from, line, len, n);
        return len + n;
    }

    /** One line {@code b[from, to)} without its line feed; false when it cannot be decided here. */
    private boolean line(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        boolean page = false;
        boolean odd = false;
        for (int i = from; i < to; i++) {
            int kind = KIND[b[i] & 0xff];
            if (kind == 0) {
                continue;
            }
            if (kind == ODD) {
                odd = true;
            } else if (kind == SLASH) {
                if (i + 1 < to && b[i + 1] == '*') {
                    return false;
                }
            } else if (!page && startsWith(b, i, to, MM_PAGE)) {
                page = true;
            }
        }
        return !page || !odd && eventLine(b, from, to);
    }

    /** A printable ASCII line mentioning mm_page: true when it is a classic ftrace line whose page event (if any) was counted. */
    private boolean eventLine(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] == ' ') {
            i++;
        }
        // LineParser tries these before the prefixed layout, which gives up on a colon first
        if (b[from] == ':' || b[i] == '#' || b[i] >= '0' && b[i] <= '9' || b[i] == '=' && i + 1 < to && b[i + 1] == '>'
                || startsWith(b, i, to, CPU)) {
            return false;
        }
        // the first colon followed by a blank or the end; earlier colons cannot end a timestamp
        int c = i;
        while (c < to && !(b[c] == ':' && (c + 1 == to || b[c + 1] == ' '))) {
            c++;
        }
        if (c + 2 >= to || b[c + 2] == ' ') {
            return false;
        }
        int w = c;
        while (w > from && b[w - 1] != ' ') {
            w--;
        }
        if (w == from || c - w > MAX_TIMESTAMP || !isTimestamp(b, w, c)) {
            return false;
        }
        int j = c + 2;
        int e = j;
        while (e < to && b[e] != ' ') {
            e++;
        }
        if (e - j < 2 || b[e - 1] != ':') {
            return false;
        }
        for (int k = j; k < e - 1; k++) {
            if (!(b[k] >= 'a' && b[k] <= 'z' || b[k] >= 'A' && b[k] <= 'Z' || b[k] >= '0' && b[k] <= '9'
                    || b[k] == '_')) {
                return false;
            }
        }
        int name = j;
        int nameEnd = e - 1;
        if (is(b, name, nameEnd, MM_PAGE_ALLOC)) {
            return page(b, e, to, true, Event.ABSENT);
        }
        if (is(b, name, nameEnd, MM_PAGE_FREE) || is(b, name, nameEnd, MM_PAGE_FREE_DIRECT)) {
            return page(b, e, to, false, Event.ABSENT);
        }
        if (is(b, name, nameEnd, MM_PAGE_FREE_BATCHED) || is(b, name, nameEnd, MM_PAGEVEC_FREE)) {
            return page(b, e, to, false, 0); // batched frees are order-0 pages by definition
        }
        return true; // another event: counted, not a page
    }

    /**
     * The fields {@code b[from, to)} of a page event, read as {@link KmemEvents} reads them in the first
     * pass; {@code absentOrder}: the order when {@code order=} is absent (an allocation needs it).
     */
    private boolean page(byte[] b, int from, int to, boolean alloc, int absentOrder) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        long order = ABSENT;
        long pfn = ABSENT;
        long page = ABSENT;
        boolean gfp = false;
        // the first token "key=value" of each key, as PageFields.field finds it: tokens start after a blank
        int t = from;
        while (t < to) {
            int eq = t;
            while (eq < to && b[eq] != '=' && b[eq] != ' ') {
                eq++;
            }
            int v = eq < to && b[eq] == '=' ? eq + 1 : eq;
            int ve = v;
            while (ve < to && b[ve] != ' ') {
                ve++;
            }
            if (v > eq) {
                long value = ve == v ? EMPTY : PageFields.at(v, ve);
                if (order == ABSENT && is(b, t, eq, ORDER)) {
                    order = value;
                } else if (pfn == ABSENT && is(b, t, eq, PFN)) {
                    pfn = value;
                } else if (page == ABSENT && is(b, t, eq, PAGE)) {
                    page = value;
                } else if (is(b, t, eq, GFP_FLAGS)) {
                    gfp = true;
                }
            }
            t = ve + 1;
        }
        if (order == EMPTY || pfn == EMPTY || page == EMPTY || pfn == ABSENT) {
            return false;
        }
        int o = absentOrder;
        if (alloc && (order == ABSENT || !gfp)) {
            return true; // malformed: no event
        }
        if (order != ABSENT) {
            o = order(b, PageFields.start(order), PageFields.end(order));
            if (o < 0) {
                return true; // malformed: no event
            }
        }
        int ps = PageFields.start(pfn);
        int pe = PageFields.end(pfn);
        if (pe - ps < 3 || b[ps] != '0' || b[ps + 1] != 'x' || pe - ps > 18) {
            return false; // decimal pfns may be vmemmap offsets; let the full pass decide
        }
        long v = 0;
        for (int k = ps + 2; k < pe; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return false;
            }
            v = v << 4 | d;
        }
        o = Math.max(o, 0);
        highestOrder = Math.max(highestOrder, o);
        boolean nullPfn = v == 0 || v == -1 || page != ABSENT && isNullPage(b, PageFields.start(page), PageFields.end(page));
        if (!nullPfn && v >= 0) {
            highestPfn = Math.max(highestPfn, v + (1L << o) - 1);
        }
        return true;
    }

    /** Like {@link PageFields#order}. */
    private static int order(byte[] b, int from, int to) {
        if (to == from || to - from > 2) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            v = v * 10 + (b[i] - '0');
        }
        return v <= MAX_ORDER ? v : -1;
    }

    /** Like {@link PageFields#isNullPage}. */
    private static boolean isNullPage(byte[] b, int from, int to) {
        if (to - from == 6 && startsWith(b, from, to, NULL)) {
            return true;
        }
        int i = to - from >= 2 && b[from] == '0' && b[from + 1] == 'x' ? from + 2 : from;
        if (i == to) {
            return false;
        }
        for (; i < to; i++) {
            if (b[i] != '0') {
                return false;
            }
        }
        return true;
    }

    /** {@code b[from, to)} is digits with one '.' inside. */
    private static boolean isTimestamp(byte[] b, int from, int to) {
        int dots = 0;
        for (int k = from; k < to; k++) {
            if (b[k] == '.') {
                if (k == from || k == to - 1) {
                    return false;
                }
                dots++;
            } else if (b[k] < '0' || b[k] > '9') {
                return false;
            }
        }
        return dots == 1;
    }

    private static boolean is(byte[] b, int from, int to, byte[] word) {
        return to - from == word.length && startsWith(b, from, to, word);
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] word) {
        if (to - from < word.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (b[from + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
