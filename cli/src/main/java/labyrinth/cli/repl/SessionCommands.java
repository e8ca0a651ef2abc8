package labyrinth.cli.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands about the session itself: {@code info} (the trace, or {@code info breakpoints}),
 * {@code time}, {@code help} and {@code quit}. Not thread-safe.
 */
final class SessionCommands {
    private static final List<String> INFO_BREAKPOINTS = List.of("breakpoints", "break", "b", "watchpoints", "watch");

    private final ReplSession session;
    private final CommandTable table;
    private final Breakpoints breakpoints;

    SessionCommands(ReplSession session, CommandTable table, Breakpoints breakpoints) {
        this.session = session;
        this.table = table;
        this.breakpoints = breakpoints;
    }

    void register() {
        table.add(Command.of("info", "i", "info [breakpoints]",
                "the trace, the replay mode and the checkpoints; or the breakpoints", this::info)
                .completing(Command.Completion.first(() -> List.of("breakpoints"))));
        table.add(Command.of("breaks", "", "breaks", "the same as info breakpoints", (a, out) -> {
            Args.none(a, "breaks");
            breakpoints.info(out);
            return ReplSession.Result.OK;
        }));
        table.add(Command.of("time", "", "time COMMAND", "run COMMAND and say how long it took", (a, out) -> {
            if (a.isEmpty() || a.startsWith("time")) {
                throw new CommandError("time needs a command to run");
            }
            long t0 = System.nanoTime();
            ReplSession.Result r = session.execute(a, out);
            out.println("(" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            return r;
        }));
        table.add(Command.of("help", "h", "help [COMMAND]", "list the commands, or explain one", this::help)
                .completing(Command.Completion.first(this::names)));
        table.add(Command.of("quit", "q exit", "quit", "leave (also: exit, Ctrl-D)", (a, out) -> ReplSession.Result.QUIT));
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (Command c : table.commands()) {
            names.add(c.name());
        }
        return names;
    }

    private ReplSession.Result info(String a, PrintWriter out) {
        if (INFO_BREAKPOINTS.contains(a)) {
            breakpoints.info(out);
            return ReplSession.Result.OK;
        }
        if (!a.isEmpty()) {
            throw new CommandError("info takes nothing or breakpoints, found '" + a + "'");
        }
        SeekableReplay t = session.timeline();
        out.println(t.name() + ": " + Args.plural(t.size(), "event") + ", " + t.header().scope().label() + " scope, "
                + ReplSession.lower(t.mode()) + " mode, " + t.header().machine().totalPages() + " pages"
                + ", outcome " + t.outcome().label() + (t.truncation() == null ? "" : "; " + t.truncation().describe()));
        out.println("checkpoints: " + t.checkpointCount() + ", at most " + Args.plural(t.spacing(), "event") + " apart"
                + "; event store " + (t.size() * EventStore.RECORD >> 20) + " MiB on disk");
        return ReplSession.Result.OK;
    }

    private ReplSession.Result help(String a, PrintWriter out) {
        if (!a.isEmpty()) {
            Command c = table.get(a);
            if (c == null) {
                throw new CommandError("unknown command '" + a + "'" + table.suggest(a));
            }
            out.println(c.synopsis() + (c.aliases().isEmpty() ? "" : "   (also: " + String.join(", ", c.aliases())
                    + ")"));
            out.println("  " + c.help());
            if (c.name().equals("break") || c.name().equals("tbreak")) {
                for (Breakpoint.Type t : Breakpoint.Type.values()) {
                    if (t != Breakpoint.Type.WATCH) {
                        out.println(String.format("  %-10s %s", t.word, t.help));
                    }
                }
            }
            return ReplSession.Result.OK;
        }
        out.println("Commands (numbers take decimal or 0x hex; pages a pfn or a direct-map address;"
                + " an empty line repeats the last step or continue):");
        for (Command c : table.commands()) {
            out.println(String.format("  %-34s %-6s %s", c.synopsis().length() > 34 ? c.name() + " ..." : c.synopsis(),
                    String.join(" ", c.aliases()), c.help()));
        }
        return ReplSession.Result.OK;
    }
}
