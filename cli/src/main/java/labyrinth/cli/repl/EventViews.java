package labyrinth.cli.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import labyrinth.cli.report.TextReport;
import labyrinth.core.GfpNames;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.trace.Event;

/**
 * The commands that show events and findings: {@code where}, {@code list}, {@code print} and
 * {@code findings}. Events print in the short form of {@link EventLine}, or as the trace's raw
 * object with {@code print json} and when the session shows JSON. Not thread-safe.
 */
final class EventViews {
    /** Columns an event line may take, its indent included. */
    static final int WIDTH = 100;
    /** Events {@code list} shows: the current one and some before and after. */
    static final int LISTED = 10;
    private static final int FINDINGS_SHOWN = 200;

    private final ReplSession session;

    EventViews(ReplSession session) {
        this.session = session;
    }

    void register(CommandTable t) {
        t.add(Command.of("where", "w", "where", "the current event and its findings", (a, out) -> {
            Args.none(a, "where");
            where(out);
            return ReplSession.Result.OK;
        }));
        t.add(Command.of("list", "l", "list [EVENT]", "the events around the current one (=> marks it), or around"
                + " EVENT", this::list));
        t.add(Command.of("print", "", "print [json]", "the current event, short or as the trace's raw object",
                this::print).completing(Command.Completion.first(() -> List.of("json"))));
        t.add(Command.of("findings", "f", "findings [KIND]", "the findings of the events up to here",
                this::findings).completing(Command.Completion.first(FindingKindArgs::labels)));
    }

    private SeekableReplay timeline() {
        return session.timeline();
    }

    /** Where the session stands, the event it stands after and that event's findings. */
    void where(PrintWriter out) {
        EventStore s = timeline().store();
        long pos = timeline().position();
        long n = s.size();
        if (pos == 0) {
            out.println(n == 0 ? "at the start; the trace has no events"
                    : "at the start, before event " + s.number(0) + line(s.line(0)) + "; 0 of " + n
                            + " events applied");
            return;
        }
        long i = pos - 1;
        out.println(session.paint("1", "after event " + s.number(i) + line(s.line(i))) + ", " + pos + " of " + n
                + " events applied" + (pos == n ? " (the end)" : ""));
        out.println("  " + event(i, false, WIDTH - 2));
        for (Finding f : timeline().findingsHere()) {
            out.println("  " + session.paintSeverity(f, EventText.finding(f)));
        }
    }

    /** The GFP names of the kernel that recorded the trace. */
    private GfpNames names() {
        return timeline().header().machine().gfpNames();
    }

    static String line(int line) {
        return line > 0 ? " (line " + line + ")" : "";
    }

    /** The event at store index {@code i}, short or raw; {@code kinds}: with its findings' kinds. */
    private String event(long i, boolean kinds, int width) {
        EventStore s = timeline().store();
        Event e = s.event(i);
        if (session.json()) {
            return EventText.json(e, names());
        }
        String reason = null;
        for (Finding f : timeline().findingsAt(i + 1)) {
            if (f.kind() == FindingKind.ALLOC_FAILURE) {
                reason = f.reason() == null ? null : f.reason().label();
            }
        }
        return EventLine.of(e, s.extHead(i), s.extOrder(i), kinds ? s.kinds(i) : 0, reason, width, names());
    }

    private ReplSession.Result list(String a, PrintWriter out) {
        EventStore s = timeline().store();
        if (s.size() == 0) {
            out.println("the trace has no events");
            return ReplSession.Result.OK;
        }
        long current = timeline().position() - 1;
        long center = current;
        if (!a.isEmpty()) {
            long number = Args.number(a, "list");
            center = timeline().positionOf(number) - 1;
            if (center < -1) {
                throw new CommandError("no event " + number + " in the trace" + session.eventRange());
            }
        }
        long first = Math.max(0, Math.min(center - LISTED / 2 + 1, s.size() - LISTED));
        long last = Math.min(s.size(), first + LISTED);
        if (current < 0 && a.isEmpty()) {
            out.println("=> at the start");
        }
        for (long i = first; i < last; i++) {
            out.println((i == current ? "=> " : "   ") + event(i, true, WIDTH - 3));
        }
        return ReplSession.Result.OK;
    }

    private ReplSession.Result print(String a, PrintWriter out) {
        if (!a.isEmpty() && !a.equals("json")) {
            throw new CommandError("print takes nothing or json, found '" + a + "'");
        }
        long i = timeline().position() - 1;
        if (i < 0) {
            out.println("at the start: no event applied yet");
            return ReplSession.Result.OK;
        }
        out.println(a.equals("json") ? EventText.json(timeline().store().event(i), names()) : event(i, true, WIDTH));
        return ReplSession.Result.OK;
    }

    private ReplSession.Result findings(String a, PrintWriter out) {
        FindingKind kind = a.isEmpty() ? null : FindingKindArgs.parse(a);
        List<Finding> shown = new ArrayList<>();
        for (Finding f : timeline().findingsSoFar()) {
            if (kind == null || f.kind() == kind) {
                shown.add(f);
            }
        }
        if (shown.isEmpty()) {
            out.println("no " + (kind == null ? "" : kind.label() + " ") + "findings up to here" + inTrace(kind));
        }
        if (shown.size() > FINDINGS_SHOWN) {
            out.println("(" + (shown.size() - FINDINGS_SHOWN) + " earlier findings not shown)");
        }
        for (Finding f : shown.subList(Math.max(0, shown.size() - FINDINGS_SHOWN), shown.size())) {
            out.println(session.paintSeverity(f, TextReport.findingLine(timeline().name(), f)));
            for (String note : TextReport.notes(f, names())) {
                out.println("  note: " + note);
            }
        }
        if (!timeline().allFindingsKept()) {
            out.println("(the first pass kept the first " + timeline().findingsSoFar().size()
                    + " findings only; " + timeline().droppedFindings() + " more are counted, not shown)");
        }
        return ReplSession.Result.OK;
    }

    /** How many findings (of {@code kind}) the whole trace has, and where the first is, for "none up to here". */
    private String inTrace(FindingKind kind) {
        long all = 0;
        Finding first = null;
        if (kind == null) {
            all = timeline().findingsInTrace();
        }
        for (Finding f : timeline().findingsAll()) {
            if (kind == null || f.kind() == kind) {
                first = first == null ? f : first;
                all += kind == null ? 0 : 1;
            }
        }
        if (all == 0) {
            return "; the trace has none";
        }
        return "; the trace has " + all + (first == null ? "" : ", the first at event " + first.event());
    }
}
