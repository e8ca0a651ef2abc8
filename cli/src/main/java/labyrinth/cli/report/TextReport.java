package labyrinth.cli.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.core.GfpNames;
import labyrinth.core.ZoneState;
import labyrinth.replay.Finding;
import labyrinth.replay.Holding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.MemInfo;
import labyrinth.replay.Outcome;
import labyrinth.replay.PanicVerdict;
import labyrinth.replay.Related;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Severity;
import labyrinth.replay.Summary;
import labyrinth.replay.ZoneHeadroom;

/**
 * The human report: compiler-style finding lines with KASAN-style notes, exhaustion snapshots laid
 * out like the kernel's Mem-Info, leaks by owner and site, the panic verdict and a summary.
 * Stateless.
 */
public final class TextReport {
    /** Exhaustion snapshots shown in full; later failures refer back to them. */
    private static final int SNAPSHOTS = 3;

    private TextReport() {
    }

    public static void write(ReplayResult r, PrintWriter out) {
        write(r, out, Colors.NONE);
    }

    /** The report, its severity words in {@code colors}. */
    public static void write(ReplayResult r, PrintWriter out, Colors colors) {
        String file = r.name();
        String warning = colors.severity(Severity.WARNING);
        if (r.truncation() != null) {
            // first: it qualifies every line below
            out.println(truncationLine(file, r, colors));
        }
        for (String w : r.warnings()) {
            out.println(file + ": " + warning + ": " + w);
        }
        for (Finding f : r.findings()) {
            out.println(findingLine(file, f, colors));
            for (String note : notes(f, r.header().machine().gfpNames())) {
                out.println("  note: " + note);
            }
        }
        if (r.droppedFindings() > 0) {
            out.println(file + ": note: " + r.droppedFindings() + " more findings not shown (--max-findings): "
                    + byKind(r.droppedByKind()));
        }
        if (r.summary().ignoredAfterPanic() > 0) {
            out.println(file + ": " + warning + ": " + r.summary().ignoredAfterPanic()
                    + " events after the panic were ignored");
        }
        exhaustion(r, out);
        leaks(r, out);
        panic(r, out);
        summary(r, out);
    }

    /** {@code FILE: warning: } and the {@link #truncationMessage}; null when the trace was whole. */
    static String truncationLine(String file, ReplayResult r, Colors colors) {
        String message = truncationMessage(r);
        return message == null ? null : file + ": " + colors.severity(Severity.WARNING) + ": " + message;
    }

    /**
     * {@code truncated after event N (byte B): ...}, saying what the cut means for the verdict; null
     * when the trace was whole.
     */
    static String truncationMessage(ReplayResult r) {
        if (r.truncation() == null) {
            return null;
        }
        return r.truncation().describe() + ": the events before it were replayed; what the rest held is unknown"
                + (r.outcome() == Outcome.TRUNCATED ? ", so the trace cannot pass (--allow-truncated judges it by"
                        + " its findings)" : "");
    }

    /** {@code FILE:LINE:COL: severity: kind: message}; a panic's message already names its kind. */
    public static String findingLine(String file, Finding f) {
        return findingLine(file, f, Colors.NONE);
    }

    /** The same, the severity word in {@code colors}. */
    public static String findingLine(String file, Finding f, Colors colors) {
        StringBuilder sb = new StringBuilder(file);
        if (f.line() > 0) {
            sb.append(':').append(f.line()).append(':').append(f.column());
        }
        sb.append(": ").append(colors.severity(f.severity())).append(": ");
        if (f.kind() != FindingKind.PANIC) {
            sb.append(f.kind().label()).append(": ");
        }
        return sb.append(f.message()).toString();
    }

    /** The notes under a finding: the kernel's failure line (masks in {@code names}), and the related events. */
    public static List<String> notes(Finding f, GfpNames names) {
        List<String> notes = new ArrayList<>();
        if (f.kind() == FindingKind.ALLOC_FAILURE) {
            notes.add((f.owner() == null ? "" : f.owner() + ": ") + "page allocation failure: order:" + f.order()
                    + ", mode:" + names.format(f.gfp()));
        }
        for (Related rel : f.related()) {
            notes.add(relatedNote(rel));
        }
        return notes;
    }

    private static String relatedNote(Related rel) {
        if (rel.role() == Related.Role.PREVIOUS_OWNER) {
            return "previously held by " + rel.owner() + ", allocated at event " + rel.event();
        }
        StringBuilder sb = new StringBuilder();
        switch (rel.role()) {
            case ALLOC -> sb.append("allocated at event ");
            case FREE -> sb.append("freed at event ");
            default -> sb.append(rel.role().label()).append(": event ");
        }
        sb.append(rel.event());
        if (rel.line() > 0) {
            sb.append(", line ").append(rel.line());
        }
        if (rel.role() == Related.Role.TRIGGER) {
            if (rel.owner() != null) {
                sb.append(", by ").append(rel.owner());
            }
            if (rel.site() != null) {
                sb.append(" at ").append(rel.site());
            }
            return sb.toString();
        }
        if (rel.site() != null) {
            sb.append(", at ").append(rel.site());
        }
        if (rel.owner() != null) {
            sb.append(" (held by ").append(rel.owner()).append(')');
        }
        return sb.toString();
    }

    private static void exhaustion(ReplayResult r, PrintWriter out) {
        List<Finding> failures = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.ALLOC_FAILURE && f.memory() != null) {
                failures.add(f);
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        List<Finding> shown = new ArrayList<>(failures.subList(0, Math.min(SNAPSHOTS, failures.size())));
        Finding trigger = r.panic() == null ? null : r.panic().triggerFinding();
        if (trigger != null && trigger.memory() != null && !shown.contains(trigger)) {
            shown.add(trigger);
        }
        out.println();
        out.println("Exhaustion points (" + failures.size() + (failures.size() == 1 ? " failure" : " failures")
                + (failures.size() > shown.size() ? ", " + shown.size() + " shown" : "") + "):");
        int pageKb = r.header().machine().pageSize() / 1024;
        for (Finding f : shown) {
            out.println("event " + f.event() + (f.line() > 0 ? " (line " + f.line() + ")" : "") + ": order-"
                    + f.order() + " " + r.header().machine().gfpNames().format(f.gfp())
                    + (f.owner() == null ? "" : " by " + f.owner()) + " failed (" + (f.reason() == null ? null : f.reason().label()) + ")");
            memInfo(f.memory(), pageKb, r.header().machine().pageSize(), out);
        }
    }

    /** Kernel Mem-Info style: per-zone watermarks, then free blocks per order with sizes. */
    static void memInfo(MemInfo m, int pageKb, int pageSize, PrintWriter out) {
        out.println("  Mem-Info:");
        for (ZoneState z : m.zones()) {
            out.println("  " + z.kind().label() + " free:" + z.free() + " min:" + z.min() + " low:" + z.low()
                    + " high:" + z.high() + " present:" + z.pages() + " (pages)");
        }
        for (ZoneState z : m.zones()) {
            StringBuilder sb = new StringBuilder("  ").append(z.kind().label()).append(':');
            long totalKb = 0;
            long[] byOrder = z.freeByOrder();
            for (int o = 0; o < byOrder.length; o++) {
                long kb = ((long) pageSize << o) / 1024;
                sb.append(' ').append(byOrder[o]).append('*').append(sizeLabel(kb));
                totalKb += byOrder[o] * kb;
            }
            out.println(sb.append(" = ").append(totalKb).append("kB"));
        }
        if (!m.topOwners().isEmpty()) {
            StringBuilder sb = new StringBuilder("  top owners:");
            for (Holding h : m.topOwners()) {
                sb.append(' ').append(h.owner()).append(' ').append(h.pages()).append(h.pages() == 1 ? " page," : " pages,");
            }
            sb.setLength(sb.length() - 1);
            out.println(sb);
        }
    }

    private static String sizeLabel(long kb) {
        if (kb >= 1024 * 1024 && kb % (1024 * 1024) == 0) {
            return kb / (1024 * 1024) + "GB";
        }
        if (kb >= 1024 && kb % 1024 == 0) {
            return kb / 1024 + "MB";
        }
        return kb + "kB";
    }

    private static void leaks(ReplayResult r, PrintWriter out) {
        List<Finding> leaks = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.LEAK) {
                leaks.add(f);
            }
        }
        if (leaks.isEmpty()) {
            return;
        }
        out.println();
        out.println("Leaks (" + leaks.size() + (leaks.size() == 1 ? " group" : " groups") + " by owner and site):");
        for (Finding f : leaks) {
            String pages = f.message().substring(0, f.message().indexOf(" allocated by "));
            out.println("  " + (f.owner() == null ? "(no owner)" : f.owner()) + " at "
                    + (f.site() == null ? "(no site)" : f.site()) + ": " + pages + ", first allocated at event "
                    + f.event() + (f.line() > 0 ? " (line " + f.line() + ")" : ""));
        }
    }

    private static void panic(ReplayResult r, PrintWriter out) {
        PanicVerdict p = r.panic();
        if (p == null) {
            return;
        }
        out.println();
        out.println("Panic at event " + p.event() + ": \"" + p.message() + "\": "
                + (p.reproduced() ? "reproduced" : "NOT reproduced"));
        out.println("  why: " + p.why());
        Finding t = p.triggerFinding();
        if (t != null && t.kind() == FindingKind.ALLOC_FAILURE) {
            out.println("  failed allocation: event " + t.event() + ", order-" + t.order() + " "
                    + r.header().machine().gfpNames().format(t.gfp()) + (t.owner() == null ? "" : " by " + t.owner())
                    + (t.ctx() == null ? "" : " in " + t.ctx().label()));
            String message = t.message();
            int colon = message.indexOf(" failed: ");
            if (colon >= 0) {
                out.println("  why it could not dip further into the reserves: "
                        + message.substring(colon + " failed: ".length()));
            }
        }
        if (!p.holders().isEmpty()) {
            out.println("  what held the memory:");
            int shown = 0;
            for (Holding h : p.holders()) {
                if (shown++ == 5) {
                    out.println("    ... and " + (p.holders().size() - 5) + " more");
                    break;
                }
                out.println("    " + (h.owner() == null ? "(no owner)" : h.owner()) + " at "
                        + (h.site() == null ? "(no site)" : h.site()) + ": " + h.pages()
                        + (h.pages() == 1 ? " page" : " pages") + " in " + h.blocks()
                        + (h.blocks() == 1 ? " block" : " blocks") + ", never freed, first allocated at event "
                        + h.firstEvent());
            }
        }
    }

    private static void summary(ReplayResult r, PrintWriter out) {
        Summary s = r.summary();
        out.println();
        out.println("Summary: " + s.events() + " events replayed (" + r.mode().label() + " mode, "
                + r.header().scope().label() + " trace): " + s.allocs() + " allocs, " + s.frees() + " frees, "
                + s.failures() + (s.failures() == 1 ? " failure" : " failures") + "; peak " + s.peakUsedPages()
                + (s.peakUsedPages() == 1 ? " page" : " pages") + " in use"
                + (s.peakEvent() >= 0 ? " at event " + s.peakEvent() : "")
                + (s.kswapdWakes() > 0 ? "; kswapd woken by " + s.kswapdWakes()
                        + (s.kswapdWakes() == 1 ? " allocation" : " allocations") : ""));
        out.println("Headroom: " + headroom(s));
        out.println("Findings: " + (s.findingsByKind().isEmpty() ? "none" : byKind(s.findingsByKind())));
        out.println("Outcome: " + r.outcome().label());
    }

    /**
     * Each zone's least headroom over the {@code GFP_ATOMIC} floor: {@code Normal 0 pages above the atomic
     * floor at event 598 (free 12, floor 12)}, zones joined by {@code ; }.
     */
    public static String headroom(Summary s) {
        StringBuilder sb = new StringBuilder();
        for (ZoneHeadroom z : s.headroom()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(headroom(z));
        }
        return sb.toString();
    }

    /** One zone's, as {@link #headroom(Summary)} writes it. */
    public static String headroom(ZoneHeadroom z) {
        String amount = z.pages() >= 0
                ? z.pages() + (z.pages() == 1 ? " page" : " pages") + " above the atomic floor"
                : -z.pages() + (z.pages() == -1 ? " page" : " pages") + " below the atomic floor";
        return z.zone().label() + " " + amount + (z.event() >= 0 ? " at event " + z.event() : " (never allocated from)")
                + " (free " + z.free() + ", floor " + z.floor() + ")";
    }

    /** {@code kind n, kind n}, kinds in name order. */
    private static String byKind(Map<FindingKind, Long> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k.label(), v));
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }
}
