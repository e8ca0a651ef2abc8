package labyrinth.cli.repl;

import labyrinth.core.Spelling;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import labyrinth.cli.report.TextReport;
import labyrinth.core.Machine;
import labyrinth.core.ZoneState;
import labyrinth.replay.BlockView;
import labyrinth.replay.Finding;
import labyrinth.replay.FreedView;
import labyrinth.replay.Holder;
import labyrinth.replay.Kind;
import labyrinth.replay.Replayer;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * One REPL session over one trace: {@link #execute} runs one command line and writes what it
 * shows to a {@link PrintWriter}, with no terminal involved, so the JLine loop, batch mode and
 * tests all drive it the same way. The position is always "after event N" (see {@link Timeline}).
 *
 * <p>Not thread-safe: one thread executes commands; {@link #cancel} may be called from another
 * (Ctrl-C) to stop a running {@code continue} or {@code reverse-continue}.
 */
public final class ReplSession implements Closeable {
    /** What a command line came to. */
    public enum Result {
        OK, FAILED, QUIT
    }

    /** Records scanned between two looks at the cancel flag during a search. */
    static final int CANCEL_CHECK = 1 << 16;
    private static final int HISTORY_SHOWN = 20;
    private static final int FINDINGS_SHOWN = 200;
    private static final int BLOCKS_SHOWN = 10;

    private final Timeline timeline;
    private final Map<String, Cmd> commands = new LinkedHashMap<>();
    private final Map<String, Cmd> byWord = new LinkedHashMap<>();
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    private final SortedSet<String> owners;
    private int nextBreakpoint = 1;
    private boolean color;
    private Runnable searchProgress = () -> { };

    /** A command: its words, a one-line synopsis and help, and what it does with its argument text. */
    private record Cmd(String name, String alias, String synopsis, String help, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        Result run(String args, PrintWriter out);
    }

    /** A command's argument was wrong: the message is shown as an error and the command fails. */
    static final class CommandError extends RuntimeException {
        CommandError(String message) {
            super(message);
        }
    }

    private ReplSession(Timeline timeline) {
        this.timeline = timeline;
        this.owners = new TreeSet<>();
        EventStore s = timeline.store();
        for (long i = 0; i < s.size(); i++) {
            // owners are few, so a set of their ids would do; strings keep completion simple
            String o = s.string(s.owner(i));
            if (o != null) {
                owners.add(o);
            }
            if (s.op(i) == labyrinth.trace.Op.TRANSFER) {
                owners.add(s.string(s.str(i)));
            }
        }
        define();
    }

    /** Reads and replays {@code source} once (its first pass) and stands before its first event. */
    public static ReplSession open(TraceSource source, labyrinth.replay.Mode mode, long maxPages)
            throws TraceException, IOException {
        return open(source, Timeline.Options.defaults(mode, maxPages));
    }

    static ReplSession open(TraceSource source, Timeline.Options options) throws TraceException, IOException {
        return new ReplSession(Timeline.load(source, options));
    }

    /** ANSI colours in what {@link #execute} writes (off by default). */
    public void setColor(boolean on) {
        color = on;
    }

    /** Called now and then while {@code continue} searches (tests use it to raise Ctrl-C mid-way). */
    void onSearchProgress(Runnable hook) {
        searchProgress = hook;
    }

    /** Stops a running search; the session then stands where the search got to. */
    public void cancel() {
        timeline.cancel();
    }

    Timeline timeline() {
        return timeline;
    }

    public String prompt() {
        return "(labyrinth) ";
    }

    /** Splits a line into its commands at {@code ;} outside quotes. */
    public static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == ';') {
                add(parts, sb);
                continue;
            }
            sb.append(ch);
        }
        add(parts, sb);
        return parts;
    }

    private static void add(List<String> parts, StringBuilder sb) {
        String s = sb.toString().trim();
        if (!s.isEmpty() && !s.startsWith("#")) {
            parts.add(s);
        }
        sb.setLength(0);
    }

    /** Runs one command (no {@code ;}); an empty line does nothing. */
    public Result execute(String line, PrintWriter out) {
        String text = line.trim();
        if (text.isEmpty() || text.startsWith("#")) {
            return Result.OK;
        }
        int sp = indexOfSpace(text);
        String word = sp < 0 ? text : text.substring(0, sp);
        String args = sp < 0 ? "" : text.substring(sp + 1).trim();
        Cmd cmd = byWord.get(word.toLowerCase(Locale.ROOT));
        try {
            if (cmd == null) {
                throw new CommandError("unknown command '" + word + "'" + didYouMean(word, byWord.keySet())
                        + "; 'help' lists the commands");
            }
            return cmd.action.run(args, out);
        } catch (CommandError e) {
            out.println(paint("31", "error: ") + e.getMessage());
            return Result.FAILED;
        } finally {
            out.flush();
        }
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    // ---- completion ----

    /**
     * Candidates for the word being typed, given the words before it on the line (after the last
     * {@code ;}). The caller filters them by the typed prefix.
     */
    public List<String> complete(List<String> before) {
        if (before.isEmpty()) {
            return new ArrayList<>(byWord.keySet());
        }
        Cmd cmd = byWord.get(before.get(0).toLowerCase(Locale.ROOT));
        if (cmd == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>();
        switch (cmd.name) {
            case "break" -> {
                if (before.size() == 1) {
                    for (Breakpoint.Type t : Breakpoint.Type.values()) {
                        list.add(t.word);
                    }
                } else if (before.get(1).equals("owner")) {
                    list.addAll(owners);
                } else if (before.get(1).equals("kind")) {
                    list.addAll(kindLabels());
                }
            }
            case "owner" -> list.addAll(owners);
            case "findings" -> list.addAll(kindLabels());
            case "zones", "buddy" -> {
                for (var z : timeline.header().machine().zones()) {
                    list.add(z.kind().label());
                }
            }
            case "goto" -> {
                if (before.size() == 1) {
                    list.addAll(List.of("start", "end", "mark"));
                } else if (before.get(1).equals("mark")) {
                    for (Timeline.MarkAt m : timeline.marks()) {
                        if (m.label() != null) {
                            list.add(m.label());
                        }
                    }
                }
            }
            case "help" -> list.addAll(commands.keySet());
            default -> {
            }
        }
        return list;
    }

    private static List<String> kindLabels() {
        List<String> list = new ArrayList<>();
        for (Kind k : Kind.values()) {
            list.add(k.label());
        }
        return list;
    }

    // ---- commands ----

    private void define() {
        cmd("step", "s", "step [N]", "apply the next N events (default 1)", (a, out) -> {
            long n = a.isEmpty() ? 1 : positive(a, "step");
            return move(Math.min(timeline.size(), timeline.position() + n), out);
        });
        cmd("back", "b", "back [N]", "step back N events (default 1): the state is replayed exactly", (a, out) -> {
            long n = a.isEmpty() ? 1 : positive(a, "back");
            return move(Math.max(0, timeline.position() - n), out);
        });
        cmd("goto", null, "goto EVENT|mark LABEL|start|end",
                "stand after event EVENT (its seq, else its position), after a mark, or at either end",
                this::gotoCmd);
        cmd("continue", "c", "continue", "run forwards to the next breakpoint, or to the end",
                (a, out) -> search(true, out));
        cmd("reverse-continue", "rc", "reverse-continue",
                "run backwards to the previous breakpoint, or to the start", (a, out) -> search(false, out));
        cmd("break", "br", "break failure|violation|panic|pressure|event N|pfn P|owner NAME|kind KIND",
                "stop continue at such events (violation: any ownership or context rule broken)", this::breakCmd);
        cmd("delete", null, "delete [N]", "delete breakpoint N (all without N)", this::deleteCmd);
        cmd("breaks", null, "breaks", "list the breakpoints", (a, out) -> {
            noArgs(a, "breaks");
            if (breakpoints.isEmpty()) {
                out.println("no breakpoints");
            }
            for (Breakpoint b : breakpoints) {
                out.println(b.id() + "  " + b.text());
            }
            return Result.OK;
        });
        cmd("where", "w", "where", "the current event, as in the trace, and its findings", (a, out) -> {
            noArgs(a, "where");
            where(out);
            return Result.OK;
        });
        cmd("page", "p", "page PFN|ADDR",
                "that page's block now: free or allocated, order, owner, exclusivity, allocation, history",
                this::pageCmd);
        cmd("owner", "o", "owner NAME", "the blocks and pages NAME holds now, by site", this::ownerCmd);
        cmd("zones", "z", "zones [ZONE]", "free pages and watermarks per zone", this::zonesCmd);
        cmd("buddy", null, "buddy [ZONE]", "free blocks per order, like /proc/buddyinfo", this::buddyCmd);
        cmd("top", null, "top [N]", "the N owners holding the most pages (default 10)", this::topCmd);
        cmd("findings", "f", "findings [KIND]", "the findings of the events up to here", this::findingsCmd);
        cmd("info", null, "info", "the trace, the replay mode and the checkpoints", (a, out) -> {
            noArgs(a, "info");
            Timeline t = timeline;
            out.println(t.name() + ": " + plural(t.size(), "event") + ", " + t.header().scope().label() + " scope, "
                    + t.mode().name().toLowerCase(Locale.ROOT) + " mode, " + t.header().machine().totalPages()
                    + " pages" + (t.truncation() == null ? "" : "; " + t.truncation().describe()));
            out.println("checkpoints: " + t.checkpointCount() + ", at most " + plural(t.spacing(), "event") + " apart"
                    + "; event store " + (t.size() * EventStore.RECORD >> 20) + " MiB on disk");
            return Result.OK;
        });
        cmd("time", null, "time COMMAND", "run COMMAND and say how long it took", (a, out) -> {
            if (a.isEmpty() || a.startsWith("time")) {
                throw new CommandError("time needs a command to run");
            }
            long t0 = System.nanoTime();
            Result r = execute(a, out);
            out.println("(" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            return r;
        });
        cmd("help", "h", "help [COMMAND]", "list the commands, or explain one", this::helpCmd);
        cmd("quit", "q", "quit", "leave (also: exit, Ctrl-D)", (a, out) -> Result.QUIT);
        byWord.put("exit", commands.get("quit"));
    }

    private void cmd(String name, String alias, String synopsis, String help, Action action) {
        Cmd c = new Cmd(name, alias, synopsis, help, action);
        commands.put(name, c);
        byWord.put(name, c);
        if (alias != null) {
            byWord.put(alias, c);
        }
    }

    private Result move(long target, PrintWriter out) {
        timeline.seek(target);
        where(out);
        return Result.OK;
    }

    private Result gotoCmd(String a, PrintWriter out) {
        if (a.isEmpty()) {
            throw new CommandError("goto needs EVENT, mark LABEL, start or end");
        }
        switch (a) {
            case "start" -> {
                return move(0, out);
            }
            case "end" -> {
                return move(timeline.size(), out);
            }
            default -> {
            }
        }
        if (a.equals("mark") || a.startsWith("mark ")) {
            String label = unquote(a.substring(4).trim());
            List<String> labels = new ArrayList<>();
            for (Timeline.MarkAt m : timeline.marks()) {
                if (label.equals(m.label())) {
                    return move(m.position(), out);
                }
                if (m.label() != null) {
                    labels.add(m.label());
                }
            }
            if (labels.isEmpty()) {
                throw new CommandError("the trace has no marks");
            }
            throw new CommandError("no mark '" + label + "'" + didYouMean(label, labels) + "; marks: "
                    + String.join(", ", labels));
        }
        long number = number(a, "goto");
        long pos = timeline.positionOf(number);
        if (pos < 0) {
            throw new CommandError("no event " + number + " in the trace" + eventRange());
        }
        return move(pos, out);
    }

    private String eventRange() {
        EventStore s = timeline.store();
        return s.size() == 0 ? " (it has no events)"
                : " (events " + s.number(0) + " to " + s.number(s.size() - 1) + ")";
    }

    /** Scans the store's records for the nearest breakpoint hit, then moves there. */
    private Result search(boolean forwards, PrintWriter out) {
        EventStore s = timeline.store();
        long pos = timeline.position();
        long i = forwards ? pos : pos - 2;
        long size = s.size();
        int step = forwards ? 1 : -1;
        timeline.takeCancel();
        Breakpoint hit = null;
        long scanned = 0;
        for (; forwards ? i < size : i >= 0; i += step) {
            if (++scanned % CANCEL_CHECK == 0) {
                searchProgress.run();
                if (timeline.takeCancel()) {
                    out.println("interrupted");
                    return move(forwards ? i : i + 1, out);
                }
            }
            for (Breakpoint b : breakpoints) {
                if (b.hits(s, i)) {
                    hit = b;
                    break;
                }
            }
            if (hit != null) {
                break;
            }
        }
        if (hit == null) {
            if (forwards && pos == s.size() || !forwards && pos == 0) {
                out.println(forwards ? "already at the end of the trace" : "already at the start of the trace");
                return Result.OK;
            }
            out.println(forwards ? "reached the end of the trace" : "reached the start of the trace");
            return move(forwards ? s.size() : 0, out);
        }
        out.println(paint("1", "breakpoint " + hit.id() + ": " + hit.text()));
        return move(i + 1, out);
    }

    private Result breakCmd(String a, PrintWriter out) {
        if (a.isEmpty()) {
            throw new CommandError("break needs one of: failure, violation, panic, pressure, event N, pfn P,"
                    + " owner NAME, kind KIND");
        }
        int sp = indexOfSpace(a);
        String word = sp < 0 ? a : a.substring(0, sp);
        String rest = sp < 0 ? "" : a.substring(sp + 1).trim();
        Breakpoint.Type type = Breakpoint.Type.byWord(word);
        if (type == null) {
            List<String> words = new ArrayList<>();
            for (Breakpoint.Type t : Breakpoint.Type.values()) {
                words.add(t.word);
            }
            throw new CommandError("unknown breakpoint '" + word + "'" + didYouMean(word, words)
                    + "; give one of: " + String.join(", ", words));
        }
        long arg = 0;
        String text = type.word;
        switch (type) {
            case FAILURE, VIOLATION, PANIC, PRESSURE -> noArgs(rest, "break " + type.word);
            case EVENT -> {
                arg = number(need(rest, "break event", "N"), "break event");
                text = "event " + arg;
            }
            case PFN -> {
                arg = pfn(need(rest, "break pfn", "P"));
                text = "pfn " + arg + " (0x" + Long.toHexString(arg) + ")";
            }
            case OWNER -> {
                String name = unquote(need(rest, "break owner", "NAME"));
                arg = timeline.store().stringId(name);
                if (arg < 0 || !owners.contains(name)) {
                    throw new CommandError("no event names owner '" + name + "'" + didYouMean(name, owners));
                }
                text = "owner " + name;
            }
            case KIND -> {
                String label = need(rest, "break kind", "KIND");
                Kind k = kind(label);
                arg = k.ordinal();
                text = "kind " + k.label();
            }
        }
        Breakpoint b = new Breakpoint(nextBreakpoint++, type, arg, text);
        breakpoints.add(b);
        out.println("breakpoint " + b.id() + ": " + b.text());
        return Result.OK;
    }

    private Result deleteCmd(String a, PrintWriter out) {
        if (a.isEmpty()) {
            out.println(breakpoints.isEmpty() ? "no breakpoints" : "deleted all breakpoints");
            breakpoints.clear();
            return Result.OK;
        }
        long id = number(a, "delete");
        if (!breakpoints.removeIf(b -> b.id() == id)) {
            throw new CommandError("no breakpoint " + id + ("; 'breaks' lists them"));
        }
        out.println("deleted breakpoint " + id);
        return Result.OK;
    }

    // ---- views ----

    private void where(PrintWriter out) {
        EventStore s = timeline.store();
        long pos = timeline.position();
        long n = s.size();
        if (pos == 0) {
            out.println(n == 0 ? "at the start; the trace has no events"
                    : "at the start, before event " + s.number(0) + line(s.line(0)) + "; 0 of " + n
                            + " events applied");
            return;
        }
        long i = pos - 1;
        Event e = s.event(i);
        out.println(paint("1", "after event " + e.number() + line(s.line(i))) + ", " + pos + " of " + n
                + " events applied" + (pos == n ? " (the end)" : ""));
        out.println("  " + EventText.json(e, timeline.header().machine().gfpNames()));
        for (Finding f : timeline.findingsHere()) {
            out.println("  " + paintSeverity(f, EventText.finding(f)));
        }
    }

    private static String line(int line) {
        return line > 0 ? " (line " + line + ")" : "";
    }

    private Result pageCmd(String a, PrintWriter out) {
        long pfn = pfn(need(a, "page", "PFN or ADDR"));
        Machine m = timeline.header().machine();
        if (pfn >= m.endPfn()) {
            throw new CommandError("pfn " + pfn + " is outside the machine's memory (pfn 0 to " + (m.endPfn() - 1)
                    + ")");
        }
        Replayer r = timeline.state();
        int zone = r.allocator().zoneOf(pfn);
        String addr = "0x" + Long.toHexString(m.directMapBase() + pfn * m.pageSize());
        BlockView b = r.block(pfn);
        StringBuilder head = new StringBuilder("pfn ").append(pfn).append(" (").append(addr).append("), ");
        head.append(zone < 0 ? "in no zone" : "zone " + r.allocator().zoneKind(zone).label()).append(": ");
        head.append(b != null ? "allocated" : zone < 0 ? "not memory" : "free");
        out.println(paint("1", head.toString()));
        if (b != null) {
            out.println("  block pfn " + b.head() + (b.order() > 0 ? "-" + (b.head() + b.pages() - 1) : "")
                    + ", order " + b.order() + " (" + b.pages() + (b.pages() == 1 ? " page" : " pages") + ")");
            out.println("  owner " + (b.owner() == null ? "(none named)" : b.owner()) + ", "
                    + (b.exclusive() ? "exclusive" : "shared"));
            out.println("  allocated at event " + b.allocEvent() + line((int) b.allocLine())
                    + (b.site() == null ? "" : " at " + b.site()));
        } else {
            FreedView f = r.lastFree(pfn);
            if (f != null) {
                out.println("  last freed at event " + f.freedBy() + line((int) f.freedLine())
                        + (f.allocEvent() >= 0 ? ", from the block allocated at event " + f.allocEvent()
                                + (f.owner() == null ? "" : " by " + f.owner())
                                : ", never seen allocated"));
            }
        }
        history(pfn, out);
        return Result.OK;
    }

    private void history(long pfn, PrintWriter out) {
        EventStore s = timeline.store();
        long pos = timeline.position();
        long[] ring = new long[HISTORY_SHOWN];
        long count = 0;
        for (long i = 0; i < pos; i++) {
            long head = s.extHead(i);
            if (head >= 0 && pfn >= head && pfn < head + (1L << s.extOrder(i))) {
                ring[(int) (count++ % HISTORY_SHOWN)] = i;
            }
        }
        if (count == 0) {
            out.println("  history: no events up to here");
            return;
        }
        out.println("  history (" + count + (count == 1 ? " event" : " events") + " up to here"
                + (count > HISTORY_SHOWN ? ", the last " + HISTORY_SHOWN + " shown" : "") + "):");
        long first = Math.max(0, count - HISTORY_SHOWN);
        for (long k = first; k < count; k++) {
            long i = ring[(int) (k % HISTORY_SHOWN)];
            Event e = s.event(i);
            out.println("    event " + e.number() + line(s.line(i)) + ": "
                    + EventText.brief(e, s.extHead(i), s.extOrder(i), s.kinds(i), timeline.header().machine().gfpNames()));
        }
    }

    private Result ownerCmd(String a, PrintWriter out) {
        String name = unquote(need(a, "owner", "NAME"));
        if (!owners.contains(name)) {
            throw new CommandError("no event names owner '" + name + "'" + didYouMean(name, owners));
        }
        List<BlockView> blocks = timeline.state().blocksOf(name);
        if (blocks.isEmpty()) {
            out.println(name + " holds no pages");
            return Result.OK;
        }
        Map<String, List<BlockView>> bySite = new LinkedHashMap<>();
        long pages = 0;
        for (BlockView b : blocks) {
            bySite.computeIfAbsent(b.site() == null ? "(no site)" : b.site(), k -> new ArrayList<>()).add(b);
            pages += b.pages();
        }
        out.println(paint("1", name + " holds " + plural(pages, "page") + " in " + plural(blocks.size(), "block")));
        List<Map.Entry<String, List<BlockView>>> sites = new ArrayList<>(bySite.entrySet());
        sites.sort((x, y) -> Long.compare(pagesOf(y.getValue()), pagesOf(x.getValue())));
        for (Map.Entry<String, List<BlockView>> site : sites) {
            List<BlockView> list = site.getValue();
            out.println("  " + site.getKey() + ": " + plural(pagesOf(list), "page") + " in "
                    + plural(list.size(), "block"));
            for (int k = 0; k < Math.min(BLOCKS_SHOWN, list.size()); k++) {
                BlockView b = list.get(k);
                out.println("    pfn " + b.head() + " order " + b.order() + (b.exclusive() ? " exclusive" : "")
                        + ", allocated at event " + b.allocEvent());
            }
            if (list.size() > BLOCKS_SHOWN) {
                out.println("    ... and " + (list.size() - BLOCKS_SHOWN) + " more");
            }
        }
        return Result.OK;
    }

    private static long pagesOf(List<BlockView> list) {
        long n = 0;
        for (BlockView b : list) {
            n += b.pages();
        }
        return n;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private List<ZoneState> zones(String a) {
        List<ZoneState> all = timeline.state().allocator().snapshot();
        if (a.isEmpty()) {
            return all;
        }
        List<String> names = new ArrayList<>();
        for (ZoneState z : all) {
            if (z.kind().label().equalsIgnoreCase(a)) {
                return List.of(z);
            }
            names.add(z.kind().label());
        }
        throw new CommandError("no zone '" + a + "'" + didYouMean(a, names) + "; zones: " + String.join(", ", names));
    }

    private Result zonesCmd(String a, PrintWriter out) {
        List<ZoneState> zones = zones(a);
        out.println(String.format("%-8s %9s %9s %9s %9s %9s", "zone", "pages", "free", "min", "low", "high"));
        for (ZoneState z : zones) {
            String mark = z.free() <= z.min() ? "  <= min" : z.free() <= z.low() ? "  <= low" : "";
            out.println(String.format("%-8s %9d %9d %9d %9d %9d", z.kind().label(), z.pages(), z.free(), z.min(),
                    z.low(), z.high()) + mark);
        }
        return Result.OK;
    }

    private Result buddyCmd(String a, PrintWriter out) {
        for (ZoneState z : zones(a)) {
            StringBuilder sb = new StringBuilder(String.format("Node 0, zone %8s ", z.kind().label()));
            for (long c : z.freeByOrder()) {
                sb.append(String.format("%6d ", c));
            }
            out.println(sb.toString().stripTrailing());
        }
        return Result.OK;
    }

    private Result topCmd(String a, PrintWriter out) {
        long n = a.isEmpty() ? 10 : positive(a, "top");
        List<Holder> top = timeline.state().topOwners((int) Math.min(n, Integer.MAX_VALUE));
        if (top.isEmpty()) {
            out.println("no owner holds pages");
        }
        for (Holder h : top) {
            out.println(String.format("%9d %s  %s", h.pages(), h.pages() == 1 ? "page " : "pages", h.owner()));
        }
        return Result.OK;
    }

    private Result findingsCmd(String a, PrintWriter out) {
        Kind kind = a.isEmpty() ? null : kind(a);
        List<Finding> shown = new ArrayList<>();
        for (Finding f : timeline.findingsSoFar()) {
            if (kind == null || f.kind() == kind) {
                shown.add(f);
            }
        }
        if (shown.isEmpty()) {
            out.println("no " + (kind == null ? "" : kind.label() + " ") + "findings up to here");
        }
        if (shown.size() > FINDINGS_SHOWN) {
            out.println("(" + (shown.size() - FINDINGS_SHOWN) + " earlier findings not shown)");
        }
        for (Finding f : shown.subList(Math.max(0, shown.size() - FINDINGS_SHOWN), shown.size())) {
            out.println(paintSeverity(f, TextReport.findingLine(timeline.name(), f)));
            for (String note : TextReport.notes(f, timeline.header().machine().gfpNames())) {
                out.println("  note: " + note);
            }
        }
        if (!timeline.allFindingsKept()) {
            out.println("(the first pass kept the first " + timeline.findingsSoFar().size()
                    + " findings only; " + timeline.droppedFindings() + " more are counted, not shown)");
        }
        return Result.OK;
    }

    private Result helpCmd(String a, PrintWriter out) {
        if (!a.isEmpty()) {
            Cmd c = byWord.get(a.toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new CommandError("unknown command '" + a + "'" + didYouMean(a, byWord.keySet()));
            }
            out.println(c.synopsis + (c.alias == null ? "" : "   (alias: " + c.alias + ")"));
            out.println("  " + c.help);
            if (c.name.equals("break")) {
                for (Breakpoint.Type t : Breakpoint.Type.values()) {
                    out.println(String.format("  %-10s %s", t.word, t.help));
                }
            }
            return Result.OK;
        }
        out.println("Commands (numbers take decimal or 0x hex; pages a pfn or a direct-map address):");
        for (Cmd c : commands.values()) {
            out.println(String.format("  %-34s %-4s %s", c.synopsis.length() > 34 ? c.name + " ..." : c.synopsis,
                    c.alias == null ? "" : c.alias, c.help));
        }
        return Result.OK;
    }

    // ---- arguments ----

    private static void noArgs(String a, String cmd) {
        if (!a.isEmpty()) {
            throw new CommandError(cmd + " takes no argument, found '" + a + "'");
        }
    }

    private static String need(String a, String cmd, String what) {
        if (a.isEmpty()) {
            throw new CommandError(cmd + " needs " + what);
        }
        return a;
    }

    /** A decimal or {@code 0x} hex number (hex may use all 64 bits). */
    static long parseNumber(String s) {
        String t = s.trim().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static long number(String s, String cmd) {
        long v = parseNumber(s);
        if (v == Long.MIN_VALUE || v < 0) {
            throw new CommandError(cmd + " needs a number (decimal or 0x hex) of 0 or more, found '" + s + "'");
        }
        return v;
    }

    private static long positive(String s, String cmd) {
        long v = parseNumber(s);
        if (v == Long.MIN_VALUE || v < 1) {
            throw new CommandError(cmd + " needs a count (decimal or 0x hex) of 1 or more, found '" + s + "'");
        }
        return v;
    }

    /** A pfn, or a direct-map address (anything at or above the base) turned into one. */
    private long pfn(String s) {
        long v = parseNumber(s);
        if (v == Long.MIN_VALUE) {
            throw new CommandError("a page must be a pfn or a direct-map address (decimal or 0x hex), found '"
                    + s + "'");
        }
        Machine m = timeline.header().machine();
        if (Long.compareUnsigned(v, m.directMapBase()) >= 0) {
            return m.pfnOf(v);
        }
        if (v < 0) {
            throw new CommandError("address " + s + " is below the direct map (0x"
                    + Long.toHexString(m.directMapBase()) + ")");
        }
        return v;
    }

    private static Kind kind(String label) {
        Kind k = Kind.byLabel(label.trim());
        if (k == null) {
            throw new CommandError("unknown finding kind '" + label + "'" + didYouMean(label, kindLabels())
                    + "; kinds: " + String.join(", ", kindLabels()));
        }
        return k;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** {@code " (did you mean 'x'?)"} for the nearest of {@code options} within 2 edits, else "". */
    static String didYouMean(String word, Collection<String> options) {
        String best = null;
        int bestDistance = 3;
        for (String o : options) {
            int d = Spelling.distance(word.toLowerCase(Locale.ROOT), o.toLowerCase(Locale.ROOT));
            if (d < bestDistance && d > 0) {
                best = o;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }


    // ---- colour ----

    private String paint(String sgr, String s) {
        return color ? "\u001b[" + sgr + "m" + s + "\u001b[0m" : s;
    }

    private String paintSeverity(Finding f, String line) {
        return switch (f.severity()) {
            case ERROR -> paint("31", line);
            case WARNING -> paint("33", line);
            default -> line;
        };
    }

    @Override
    public void close() throws IOException {
        timeline.close();
    }
}
