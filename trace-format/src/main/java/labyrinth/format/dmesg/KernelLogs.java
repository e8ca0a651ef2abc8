package labyrinth.format.dmesg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labyrinth.core.KernelVersion;
import labyrinth.explain.FailureReport;
import labyrinth.format.TraceBytes;
import labyrinth.trace.Context;

/**
 * Reads every "page allocation failure" report of a kernel log (dmesg, {@code dmesg -H/-T/-x},
 * {@code journalctl -k}, syslog, a console capture, plain or gzip) from 2.6 to today: the header,
 * the kernel version of the {@code CPU:}/{@code Pid:} line, the context from the call trace
 * ({@code <IRQ>}, {@code <SOFTIRQ>}, {@code <NMI>}), {@code cpuset=}, and the zones of the first
 * Mem-Info after it ({@link ZoneLines}).
 *
 * <p>A report runs from its header to the next header, a second Mem-Info, a zone printed twice,
 * the first line after its buddy lines, or 2000 lines without a Mem-Info. A report whose own
 * lines name no kernel version takes the log's {@code Linux version} line, else the version of
 * another report in the log. MemInfo use is one report's lines, whatever the log's size.
 * Stateless and thread-safe.
 */
public final class KernelLogs {
    private static final int MAX_LINES_BEFORE_MEM_INFO = 2000;
    private static final Pattern TAINTED = Pattern.compile("(?i)(?:^|\\s)(?:not )?tainted:?\\s");
    private static final Pattern VERSION_WORD = Pattern.compile("(?<![\\w.])(\\d+\\.\\d+[\\w.+~-]*)");
    private static final Pattern LINUX_VERSION = Pattern.compile("^\\s*Linux version (\\d+\\.\\d+\\S*)");
    private static final Pattern CPUSET = Pattern.compile("^\\s*\\S+ cpuset=(\\S*) mems_allowed=(\\S+)");

    private KernelLogs() {
    }

    /** Every report of the log at {@code file}, in log order. */
    public static List<FailureReport> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Every report of a log read from {@code in} (plain or gzip), in log order; {@code in} is not closed. */
    public static List<FailureReport> read(InputStream in) throws IOException {
        BufferedReader r = reader(in);
        LogicalLines lines = new LogicalLines(r);
        List<ReportBuilder> done = new ArrayList<>();
        KernelVersion logVersion = null;
        ReportBuilder cur = null;
        for (LogicalLines.Line l; (l = lines.next()) != null; ) {
            String t = l.text();
            Headers.Header h = Headers.parse(t);
            if (h != null) {
                cur = new ReportBuilder(l.number(), h);
                done.add(cur);
                continue;
            }
            Matcher lv = LINUX_VERSION.matcher(t);
            if (lv.find() && logVersion == null) {
                logVersion = versionOf(lv.group(1));
            }
            if (cur != null && !take(cur, l)) {
                cur = null;
            }
        }
        List<FailureReport> out = new ArrayList<>(done.size());
        for (ReportBuilder b : done) {
            out.add(b.build(logVersion != null ? logVersion : nearest(done, b)));
        }
        return out;
    }

    /**
     * What a file holds for commands that expected a trace.
     *
     * @param reports "page allocation failure" reports, counted as {@link #read} finds them (a
     *     header wrapped over two lines counts once)
     * @param firstLine the line of the first report, 0 when none
     * @param pageEvents whether a line names a kmem page event ({@code mm_page_alloc},
     *     {@code mm_page_free}, ...): then the file is a trace that also holds reports
     */
    public record Census(int reports, long firstLine, boolean pageEvents) {
    }

    /**
     * Counts the reports of the file at {@code file} (plain or gzip), stopping at the first page
     * event; a file that cannot be read counts none.
     */
    public static Census census(Path file) {
        return census(file, true);
    }

    private static Census census(Path file, boolean stopAtPageEvent) {
        try (InputStream in = Files.newInputStream(file)) {
            LogicalLines lines = new LogicalLines(reader(in));
            int n = 0;
            long first = 0;
            for (LogicalLines.Line l; (l = lines.next()) != null; ) {
                if (stopAtPageEvent && l.text().contains("mm_page")) {
                    return new Census(n, first, true);
                }
                if (Headers.isHeader(l.text())) {
                    first = n++ == 0 ? l.number() : first;
                }
            }
            return new Census(n, first, false);
        } catch (IOException | RuntimeException e) {
            return new Census(0, 0, false);
        }
    }

    /** How many reports the log at {@code file} holds, all of them (see {@link #census}). */
    public static int countReports(Path file) {
        return census(file, false).reports();
    }

    /** The one-line hint other commands give for a kernel log with reports. */
    public static String hint(int reports) {
        return "this is a kernel log with " + reports + " allocation failure report" + (reports == 1 ? "" : "s")
                + ": try labyrinth explain";
    }

    private static BufferedReader reader(InputStream in) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(TraceBytes.open(in), utf8));
    }

    /** Feeds one line to the open report; false when the report ended before it. */
    private static boolean take(ReportBuilder b, LogicalLines.Line l) {
        String t = l.text();
        if (!b.memInfo) {
            if (++b.linesBeforeMemInfo > MAX_LINES_BEFORE_MEM_INFO) {
                return false;
            }
            preamble(b, t);
        }
        if (t.strip().equals("Mem-Info:") || t.strip().equals("Mem-info:")) {
            if (b.hasZones()) {
                return false;
            }
            b.memInfo = true;
            return true;
        }
        if (b.buddySeen) {
            ZoneLines.Buddy more = ZoneLines.buddy(t);
            return more != null && b.buddy(l.number(), more);
        }
        ZoneLines.Zone z = ZoneLines.zone(t);
        if (z != null) {
            b.memInfo = true;
            return b.zone(l.number(), z);
        }
        long[] reserve = ZoneLines.lowmemReserve(t);
        if (reserve != null) {
            b.lowmemReserve(reserve);
            return true;
        }
        ZoneLines.Buddy buddy = ZoneLines.buddy(t);
        if (buddy != null) {
            b.memInfo = true;
            return b.buddy(l.number(), buddy);
        }
        String[] perCpu = ZoneLines.perCpu(t);
        if (perCpu != null) {
            b.memInfo = true;
            b.perCpu(Integer.parseInt(perCpu[0]), perCpu[1]);
            return true;
        }
        long used = ZoneLines.used(t);
        if (used >= 0) {
            b.used(used);
        }
        return true;
    }

    /** The lines between the header and the Mem-Info: version, cpuset, the call trace's context. */
    private static void preamble(ReportBuilder b, String t) {
        if (b.version == null) {
            Matcher m = TAINTED.matcher(t);
            if (m.find() && (t.contains("Comm:") || t.contains("comm:") || t.contains("Pid:") || t.contains("PID:"))) {
                Matcher v = VERSION_WORD.matcher(t.substring(m.end()));
                if (v.find()) {
                    b.version = versionOf(v.group(1));
                }
            }
        }
        Matcher c = CPUSET.matcher(t);
        if (c.find() && b.cpuset == null) {
            b.cpuset = c.group(1);
            b.mems = c.group(2);
        }
        if (!b.contextSeen) {
            Context ctx = t.contains("<IRQ>") ? Context.HARDIRQ : t.contains("<SOFTIRQ>") ? Context.SOFTIRQ
                    : t.contains("<NMI>") ? Context.NMI : null;
            if (ctx != null) {
                b.context = ctx;
                b.contextSeen = true;
            }
        }
    }

    /** The version of the closest report that names one, or null. */
    private static KernelVersion nearest(List<ReportBuilder> all, ReportBuilder b) {
        KernelVersion best = null;
        long distance = Long.MAX_VALUE;
        for (ReportBuilder o : all) {
            if (o.version != null && Math.abs(o.line - b.line) < distance) {
                best = o.version;
                distance = Math.abs(o.line - b.line);
            }
        }
        return best;
    }

    /** The version a log prints at the start of {@code text}, or null when it starts with no major.minor. */
    static KernelVersion versionOf(String text) {
        try {
            return KernelVersion.parse(text);
        } catch (IllegalArgumentException e) {
            return null; // a log's word, not the user's: no version rather than an error
        }
    }
}
