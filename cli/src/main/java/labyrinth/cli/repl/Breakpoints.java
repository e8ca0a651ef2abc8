package labyrinth.cli.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import labyrinth.replay.FindingKind;

/**
 * The breakpoint commands, named as in gdb: {@code break}/{@code b}, {@code tbreak},
 * {@code watch pfn P}, {@code info breakpoints}, {@code delete [N]}, {@code disable [N]},
 * {@code enable [N]}; and the list they edit, which the searches of {@link Motion} consult. A
 * breakpoint on an event or page the trace does not have is refused, since it could never stop.
 * Not thread-safe.
 */
final class Breakpoints {
    private final ReplSession session;
    private final List<Breakpoint> list = new ArrayList<>();
    private int next = 1;

    Breakpoints(ReplSession session) {
        this.session = session;
    }

    void register(CommandTable t) {
        String conditions = "failure|violation|panic|pressure|event N|pfn P|owner NAME|kind KIND";
        t.add(Command.of("break", "b br", "break " + conditions,
                "stop continue, reverse-continue and run at such events (violation: any ownership or context"
                        + " rule broken)", (a, out) -> add(a, "break", false, out)).completing(this::complete));
        t.add(Command.of("tbreak", "", "tbreak " + conditions, "a breakpoint deleted when it first stops",
                (a, out) -> add(a, "tbreak", true, out)).completing(this::complete));
        t.add(Command.of("watch", "", "watch pfn P", "stop where page P is allocated, freed or transferred",
                this::watch).completing(Command.Completion.first(() -> List.of("pfn"))));
        t.add(Command.of("delete", "d", "delete [N]", "delete breakpoint N (all without N; asks first at a terminal)",
                this::delete));
        t.add(Command.of("disable", "", "disable [N]", "breakpoint N stops nothing until enabled (all without N)",
                (a, out) -> enable(a, false, out)));
        t.add(Command.of("enable", "", "enable [N]", "breakpoint N stops again (all without N)",
                (a, out) -> enable(a, true, out)));
    }

    /** The first enabled breakpoint that stops at store position {@code i}, or null. */
    Breakpoint firstHit(EventStore s, long i) {
        for (Breakpoint b : list) {
            if (b.enabled() && b.hits(s, i)) {
                return b;
            }
        }
        return null;
    }

    /** Counts a stop at {@code b} and says so; a temporary breakpoint goes. */
    void stopped(Breakpoint b, PrintWriter out) {
        b.hit();
        out.println(session.paint("1", (b.temporary() ? "temporary breakpoint " : b.what() + " ") + b.id() + ": "
                + b.text()));
        if (b.temporary()) {
            list.remove(b);
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    private List<String> complete(List<String> args) {
        List<String> c = new ArrayList<>();
        if (args.isEmpty()) {
            for (Breakpoint.Type t : Breakpoint.Type.values()) {
                if (t != Breakpoint.Type.WATCH) {
                    c.add(t.word);
                }
            }
        } else if (args.size() == 1 && args.get(0).equals("owner")) {
            c.addAll(session.owners());
        } else if (args.size() == 1 && args.get(0).equals("kind")) {
            c.addAll(FindingKindArgs.labels());
        }
        return c;
    }

    private ReplSession.Result add(String a, String cmd, boolean temporary, PrintWriter out) {
        if (a.isEmpty()) {
            throw new CommandError(cmd + " needs one of: failure, violation, panic, pressure, event N, pfn P,"
                    + " owner NAME, kind KIND");
        }
        String[] w = Args.firstWord(a);
        // gdb's 'break 100' names a place; here the place is an event
        if (Args.parseNumber(w[0]) != Long.MIN_VALUE && w[1].isEmpty()) {
            w = new String[] {"event", w[0]};
        }
        Breakpoint.Type type = Breakpoint.Type.byWord(w[0]);
        if (type == null) {
            List<String> words = complete(List.of());
            throw new CommandError("unknown breakpoint '" + w[0] + "'" + Args.didYouMean(w[0], words)
                    + "; give one of: " + String.join(", ", words) + " or an event number");
        }
        String rest = w[1];
        String what = cmd + " " + type.word;
        long arg = 0;
        String text = type.word;
        switch (type) {
            case FAILURE, VIOLATION, PANIC, PRESSURE -> Args.none(rest, what);
            case EVENT -> {
                arg = Args.number(Args.need(rest, what, "N"), what);
                if (session.timeline().positionOf(arg) < 0) {
                    throw new CommandError("no event " + arg + " in the trace" + session.eventRange());
                }
                text = "event " + arg;
            }
            case PFN -> {
                arg = session.page(Args.need(rest, what, "P"));
                text = "pfn " + arg + " (0x" + Long.toHexString(arg) + ")";
            }
            case OWNER -> {
                String name = Args.unquote(Args.need(rest, what, "NAME"));
                arg = session.timeline().store().stringId(name);
                if (arg < 0 || !session.owners().contains(name)) {
                    throw new CommandError("no event names owner '" + name + "'"
                            + Args.didYouMean(name, session.owners()));
                }
                text = "owner " + name;
            }
            case KIND -> {
                FindingKind k = FindingKindArgs.parse(Args.need(rest, what, "KIND"));
                arg = k.ordinal();
                text = "kind " + k.label();
            }
            case WATCH -> throw new IllegalStateException("watch is not a break condition");
        }
        return added(new Breakpoint(next++, type, arg, text, temporary), out);
    }

    private ReplSession.Result watch(String a, PrintWriter out) {
        String[] w = Args.firstWord(Args.need(a, "watch", "pfn P"));
        if (!w[0].equals("pfn")) {
            throw new CommandError("watch needs pfn P, found '" + a + "'");
        }
        long pfn = session.page(Args.need(w[1], "watch pfn", "P"));
        return added(new Breakpoint(next++, Breakpoint.Type.WATCH, pfn,
                "pfn " + pfn + " (0x" + Long.toHexString(pfn) + ")", false), out);
    }

    private ReplSession.Result added(Breakpoint b, PrintWriter out) {
        list.add(b);
        out.println((b.temporary() ? "temporary breakpoint " : b.what() + " ") + b.id() + ": " + b.text());
        return ReplSession.Result.OK;
    }

    /** {@code info breakpoints}: a table as gdb prints one. */
    void info(PrintWriter out) {
        if (list.isEmpty()) {
            out.println("no breakpoints or watchpoints");
            return;
        }
        out.println("Num  Type         Enb  Hits  What");
        for (Breakpoint b : list) {
            out.println(String.format("%-4d %-12s %-3s %5d  %s", b.id(), b.what(), b.enabled() ? "y" : "n", b.hits(),
                    b.text()));
        }
    }

    private ReplSession.Result delete(String a, PrintWriter out) {
        if (a.isEmpty()) {
            if (list.isEmpty()) {
                out.println("no breakpoints");
            } else if (session.confirm("Delete all breakpoints? (y or n) ")) {
                list.clear();
                out.println("deleted all breakpoints");
            } else {
                out.println("kept the breakpoints");
            }
            return ReplSession.Result.OK;
        }
        Breakpoint b = find(a, "delete");
        list.remove(b);
        out.println("deleted breakpoint " + b.id());
        return ReplSession.Result.OK;
    }

    private ReplSession.Result enable(String a, boolean on, PrintWriter out) {
        String verb = on ? "enabled" : "disabled";
        if (a.isEmpty()) {
            list.forEach(b -> b.enable(on));
            out.println(list.isEmpty() ? "no breakpoints" : verb + " all breakpoints");
            return ReplSession.Result.OK;
        }
        Breakpoint b = find(a, on ? "enable" : "disable");
        b.enable(on);
        out.println(verb + " breakpoint " + b.id());
        return ReplSession.Result.OK;
    }

    private Breakpoint find(String a, String cmd) {
        long id = Args.number(a, cmd);
        for (Breakpoint b : list) {
            if (b.id() == id) {
                return b;
            }
        }
        throw new CommandError("no breakpoint " + id + "; 'info breakpoints' lists them");
    }
}
