package labyrinth.cli.repl;

import java.io.PrintWriter;
import java.util.List;

/**
 * The commands that move: {@code step}/{@code s} and {@code next}/{@code n} (the same here: an event
 * has no calls to step over), {@code reverse-step}/{@code rs} and the long name {@code back},
 * {@code goto}, and the searches {@code continue}/{@code c}, {@code reverse-continue}/{@code rc} and
 * {@code run}/{@code r} (from the start). A search scans the event store's records, never replaying,
 * and checks for Ctrl-C every {@link #CANCEL_CHECK} records. Not thread-safe.
 */
final class Motion {
    /** Records scanned between two looks at the cancel flag during a search. */
    static final int CANCEL_CHECK = 1 << 16;

    private final ReplSession session;
    private final Breakpoints breakpoints;
    private Runnable searchProgress = () -> { };

    Motion(ReplSession session, Breakpoints breakpoints) {
        this.session = session;
        this.breakpoints = breakpoints;
    }

    void onSearchProgress(Runnable hook) {
        searchProgress = hook;
    }

    void register(CommandTable t) {
        t.add(Command.of("step", "s", "step [N]", "apply the next N events (default 1)",
                (a, out) -> forwards(a, "step", out)).moving());
        t.add(Command.of("next", "n", "next [N]", "the same as step: apply the next N events",
                (a, out) -> forwards(a, "next", out)).moving());
        t.add(Command.of("reverse-step", "rs", "reverse-step [N]",
                "undo the last N events (default 1): the state is replayed exactly", (a, out) -> backwards(a,
                        "reverse-step", out)).moving());
        t.add(Command.of("back", "", "back [N]", "the same as reverse-step", (a, out) -> backwards(a, "back", out))
                .moving());
        t.add(Command.of("goto", "", "goto EVENT|mark LABEL|start|end",
                "stand after an event (its seq, else its position), a mark (a prefix only it has) or an end",
                this::gotoCmd).completing(this::completeGoto));
        t.add(Command.of("continue", "c", "continue", "run forwards to the next breakpoint, or to the end",
                (a, out) -> {
                    Args.none(a, "continue");
                    return search(session.timeline().position(), true, out);
                }).moving());
        t.add(Command.of("reverse-continue", "rc", "reverse-continue",
                "run backwards to the previous breakpoint, or to the start", (a, out) -> {
                    Args.none(a, "reverse-continue");
                    return search(session.timeline().position() - 2, false, out);
                }).moving());
        t.add(Command.of("run", "r", "run", "from the start, run to the first breakpoint (or to the end)",
                (a, out) -> {
                    Args.none(a, "run");
                    if (breakpoints.isEmpty()) {
                        out.println("no breakpoints: running to the end");
                    }
                    return search(0, true, out);
                }));
    }

    private ReplSession.Result forwards(String a, String cmd, PrintWriter out) {
        long n = Args.count(a, cmd);
        SeekableReplay t = session.timeline();
        return session.move(Math.min(t.size(), t.position() + Math.min(n, t.size())), out);
    }

    private ReplSession.Result backwards(String a, String cmd, PrintWriter out) {
        long n = Args.count(a, cmd);
        return session.move(Math.max(0, session.timeline().position() - n), out);
    }

    private List<String> completeGoto(List<String> args) {
        if (args.isEmpty()) {
            return List.of("start", "end", "mark");
        }
        return args.size() == 1 && args.get(0).equals("mark") ? session.marks().completions() : List.of();
    }

    private ReplSession.Result gotoCmd(String a, PrintWriter out) {
        if (a.isEmpty()) {
            throw new CommandError("goto needs EVENT, mark LABEL, start or end");
        }
        if (a.equals("start")) {
            return session.move(0, out);
        }
        if (a.equals("end")) {
            return session.move(session.timeline().size(), out);
        }
        if (a.equals("mark") || a.startsWith("mark ")) {
            return session.move(session.marks().find(a.substring(4)), out);
        }
        long number = Args.number(a, "goto");
        long pos = session.timeline().positionOf(number);
        if (pos < 0) {
            throw new CommandError("no event " + number + " in the trace" + session.eventRange());
        }
        return session.move(pos, out);
    }

    /**
     * Scans records from store index {@code from} (forwards or backwards) for the nearest enabled
     * breakpoint, then stands after that event; without one, at the end it ran into.
     */
    private ReplSession.Result search(long from, boolean forwards, PrintWriter out) {
        SeekableReplay timeline = session.timeline();
        EventStore s = timeline.store();
        long pos = timeline.position();
        long size = s.size();
        int step = forwards ? 1 : -1;
        timeline.takeCancel();
        Breakpoint hit = null;
        long scanned = 0;
        long i = from;
        for (; forwards ? i < size : i >= 0; i += step) {
            if (++scanned % CANCEL_CHECK == 0) {
                searchProgress.run();
                if (timeline.takeCancel()) {
                    out.println("interrupted");
                    return session.move(forwards ? i : i + 1, out);
                }
            }
            hit = breakpoints.firstHit(s, i);
            if (hit != null) {
                break;
            }
        }
        if (hit == null) {
            long end = forwards ? size : 0;
            if (pos == end && from != 0) {
                out.println(forwards ? "already at the end of the trace" : "already at the start of the trace");
                return ReplSession.Result.OK;
            }
            out.println(forwards ? "reached the end of the trace" : "reached the start of the trace");
            return session.move(end, out);
        }
        breakpoints.stopped(hit, out);
        return session.move(i + 1, out);
    }
}
