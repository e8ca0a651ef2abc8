package labyrinth.cli.repl;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import labyrinth.core.Machine;
import labyrinth.core.ZoneSpec;
import labyrinth.replay.Finding;
import labyrinth.trace.Op;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * One REPL session over one trace: {@link #execute} runs one command line and writes what it
 * shows to a {@link PrintWriter}, with no terminal involved, so the JLine loop, batch mode and
 * tests all drive it the same way. The position is always "after event N" (see {@link SeekableReplay}).
 * The commands live in a {@link CommandTable}, filled by the groups {@link Motion},
 * {@link Breakpoints}, {@link EventViews}, {@link StateViews} and {@link SessionCommands}; their
 * names are gdb's and rr's where those have one.
 *
 * <p>Not thread-safe: one thread executes commands; {@link #cancel} may be called from another
 * (Ctrl-C) to stop a running {@code continue} or {@code reverse-continue}.
 */
public final class ReplSession implements Closeable {
    /** What a command line came to. */
    public enum Result {
        OK, FAILED, QUIT
    }

    private final SeekableReplay timeline;
    private final CommandTable table = new CommandTable();
    private final SortedSet<String> owners;
    private final Marks marks;
    private final Motion motion;
    private boolean color;
    private boolean json;
    private Predicate<String> confirm = question -> true;
    private String lastMovement;

    private ReplSession(SeekableReplay timeline) {
        this.timeline = timeline;
        this.owners = new TreeSet<>();
        EventStore s = timeline.store();
        for (long i = 0; i < s.size(); i++) {
            // owners are few, so a set of their ids would do; strings keep completion simple
            String o = s.string(s.owner(i));
            if (o != null) {
                owners.add(o);
            }
            if (s.op(i) == Op.TRANSFER) {
                owners.add(s.string(s.str(i)));
            }
        }
        this.marks = new Marks(timeline.marks());
        Breakpoints breakpoints = new Breakpoints(this);
        this.motion = new Motion(this, breakpoints);
        motion.register(table);
        breakpoints.register(table);
        new EventViews(this).register(table);
        new StateViews(this).register(table);
        new SessionCommands(this, table, breakpoints).register();
    }

    /** Reads and replays {@code source} once (its first pass) and stands before its first event. */
    public static ReplSession open(TraceSource source, labyrinth.replay.Mode mode, long maxPages)
            throws TraceException, IOException {
        return open(source, SeekableReplay.Options.defaults(mode, maxPages));
    }

    static ReplSession open(TraceSource source, SeekableReplay.Options options) throws TraceException, IOException {
        return new ReplSession(SeekableReplay.load(source, options));
    }

    /** ANSI colours in what {@link #execute} writes (off by default). */
    public void setColor(boolean on) {
        color = on;
    }

    /** Events shown as the trace's raw objects instead of the short form (off by default). */
    public void setJson(boolean on) {
        json = on;
    }

    /**
     * How {@code delete} asks before removing every breakpoint: true goes ahead. Batch mode does
     * not ask (the default says yes, as gdb does when its input is not a terminal).
     */
    public void setConfirm(Predicate<String> confirm) {
        this.confirm = confirm;
    }

    /** Called now and then while {@code continue} searches (tests use it to raise Ctrl-C mid-way). */
    void onSearchProgress(Runnable hook) {
        motion.onSearchProgress(hook);
    }

    /** Stops a running search; the session then stands where the search got to. */
    public void cancel() {
        timeline.cancel();
    }

    public String prompt() {
        return "(labyrinth) ";
    }

    /** The one line a person sees first: the trace, its size, the machine, the outcome, where help is. */
    public String banner() {
        Machine m = timeline.header().machine();
        List<String> zones = new ArrayList<>();
        for (ZoneSpec z : m.zones()) {
            zones.add(z.kind().label());
        }
        return timeline.name() + ": " + Args.plural(timeline.size(), "event") + ", " + m.totalPages() + " pages ("
                + String.join(", ", zones) + "), outcome " + timeline.outcome().label()
                + (timeline.truncation() == null ? "" : " (truncated)") + "; 'help' for commands";
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

    /** Runs one command (no {@code ;}); an empty line does nothing here (see {@link #repeat}). */
    public Result execute(String line, PrintWriter out) {
        String text = line.trim();
        if (text.isEmpty() || text.startsWith("#")) {
            return Result.OK;
        }
        String[] w = Args.firstWord(text);
        Command cmd = table.get(w[0]);
        try {
            if (cmd == null) {
                throw new CommandError("unknown command '" + w[0] + "'" + table.suggest(w[0])
                        + "; 'help' lists the commands");
            }
            Result r = cmd.action().run(w[1], out);
            if (cmd.movement()) {
                lastMovement = text;
            }
            return r;
        } catch (CommandError e) {
            out.println(paint("31", "error: ") + e.getMessage());
            return Result.FAILED;
        } finally {
            out.flush();
        }
    }

    /** What an empty line at the prompt does: the last movement again, as in gdb; else nothing. */
    public Result repeat(PrintWriter out) {
        return lastMovement == null ? Result.OK : execute(lastMovement, out);
    }

    /**
     * Candidates for the word being typed, given the words before it on the line (after the last
     * {@code ;}). The caller filters them by the typed prefix.
     */
    public List<String> complete(List<String> before) {
        if (before.isEmpty()) {
            return table.words();
        }
        Command cmd = table.get(before.get(0));
        return cmd == null ? List.of() : cmd.completion().candidates(before.subList(1, before.size()));
    }

    // ---- what the command groups share ----

    SeekableReplay timeline() {
        return timeline;
    }

    SortedSet<String> owners() {
        return owners;
    }

    Marks marks() {
        return marks;
    }

    boolean json() {
        return json;
    }

    boolean confirm(String question) {
        return confirm.test(question);
    }

    Result move(long target, PrintWriter out) {
        timeline.seek(target);
        table.get("where").action().run("", out);
        return Result.OK;
    }

    String eventRange() {
        EventStore s = timeline.store();
        return s.size() == 0 ? " (it has no events)"
                : " (events " + s.number(0) + " to " + s.number(s.size() - 1) + ")";
    }

    /** A pfn of the machine, or a direct-map address (anything at or above the base) turned into one. */
    long page(String s) {
        long v = Args.parseNumber(s);
        // a negative decimal is no page; a hex address past 2^63 reads as negative and is one
        if (v == Long.MIN_VALUE || s.trim().startsWith("-")) {
            throw new CommandError("a page must be a pfn or a direct-map address (decimal or 0x hex), found '"
                    + s + "'");
        }
        Machine m = timeline.header().machine();
        if (Long.compareUnsigned(v, m.directMapBase()) >= 0) {
            v = m.pfnOf(v);
        } else if (v < 0) {
            throw new CommandError("address " + s + " is below the direct map (0x"
                    + Long.toHexString(m.directMapBase()) + ")");
        }
        if (v >= m.endPfn()) {
            throw new CommandError("pfn " + v + " is outside the machine's memory (pfn 0 to " + (m.endPfn() - 1)
                    + ")");
        }
        return v;
    }

    String paint(String sgr, String s) {
        return color ? "\u001b[" + sgr + "m" + s + "\u001b[0m" : s;
    }

    String paintSeverity(Finding f, String line) {
        return switch (f.severity()) {
            case ERROR -> paint("31", line);
            case WARNING -> paint("33", line);
            default -> line;
        };
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        timeline.close();
    }
}
