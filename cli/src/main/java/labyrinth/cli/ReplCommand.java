package labyrinth.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.cli.repl.ReplSession;
import labyrinth.cli.repl.ReplShell;
import labyrinth.core.MachineTooLargeException;
import labyrinth.replay.Mode;
import labyrinth.trace.ReadAhead;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code labyrinth repl TRACE}: step through a trace, forwards and back, and inspect the allocator. */
@Command(
        name = "repl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Step through a trace forwards and backwards, with breakpoints and views of any page, owner or zone.",
        description = {
            "Step through a trace interactively, forwards and backwards, and inspect the allocator. "
                + "Moves to an event, a mark or a breakpoint; shows pages, owners, zones, the buddy free "
                + "lists and the findings so far. Going back is exact. With --batch, -c or commands on "
                + "standard input, runs them and exits 1 if any failed. Type 'help' at the prompt for the "
                + "commands."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth repl rx-storm.json",
            "  labyrinth repl rx-storm.json -c 'break failure; continue; page 0x1004; top 5'",
            "  labyrinth repl rx-storm.json --batch triage.cmds",
            "  echo 'goto end; findings leak' | labyrinth repl rx-storm.json"
        })
final class ReplCommand implements Callable<Integer> {
    /** Opens a trace file for reading. */
    @FunctionalInterface
    interface TraceOpener {
        TraceSource open(Path path) throws TraceException, IOException;
    }

    /** How traces are opened when tests replace it; null: the file, under the reader limits of the options. */
    static TraceOpener opener;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "the trace: " + TraceOptions.TRACE_FORMS
            + " (the commands then come from -c or --batch)")
    Path trace;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "run the commands in FILE (one or more a line, ';'-separated); - reads standard input")
    Path batch;

    @Option(names = {"-c", "--commands"}, paramLabel = "COMMANDS", description = "run these ';'-separated commands")
    String commands;

    @Mixin
    ModeOption mode;


    @Option(names = "--no-color", description = "no colours (also: NO_COLOR, a dumb terminal)")
    boolean noColor;

    @Option(names = "--json", description = "show events as the trace's raw objects, not in the short form")
    boolean json;

    @Option(names = "--history", paramLabel = "FILE", hidden = true,
            description = "history file (default $HOME/.labyrinth_history)")
    Path history;

    @Mixin
    TraceOptions reading;

    @Mixin
    ProgressOption progressOption;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Mode m = mode.mode();
        if (batch != null && commands != null) {
            throw new ParameterException(spec.commandLine(), "give --batch or -c, not both");
        }
        Stdio stdio = Stdio.of(spec);
        boolean traceOnStdin = Stdio.isDash(trace);
        if (traceOnStdin && batch == null && commands == null) {
            throw new ParameterException(spec.commandLine(), "repl - reads the trace from standard input, so the "
                    + "commands cannot come from there: expected -c COMMANDS or --batch FILE");
        }
        Outputs.of(spec).input(trace).input(batch).check(err, reading.debug); // standard input at most once
        BufferedReader script = null;
        if (Stdio.isDash(batch)) {
            script = new BufferedReader(new InputStreamReader(stdio.in(), StandardCharsets.UTF_8));
        } else if (batch != null) {
            try {
                script = Files.newBufferedReader(batch, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "cannot read the batch file " + batch
                        + ": no such file");
            }
        } else if (commands != null) {
            script = new BufferedReader(new StringReader(commands));
        } else if (!stdinIsTerminal()) {
            script = new BufferedReader(new InputStreamReader(stdio.in(), StandardCharsets.UTF_8));
        }
        ReplSession session;
        // the first pass (event store, checkpoints) is the long part; the bar is gone before the first prompt
        try (Progress progress = progressOption.start(err, "loading", trace);
             TraceSource source = ReadAhead.of(progress.count(opener != null ? opener.open(trace)
                     : TraceInput.open(trace.toString(), reading.limits(), reading.kernel(), stdio.in())))) {
            session = ReplSession.open(source, m, reading.maxPages);
        } catch (TraceException e) {
            err.println(e.getMessage());
            return ExitCode.UNREADABLE;
        } catch (MachineTooLargeException e) {
            err.println(TraceInput.nameOf(trace.toString()) + ": " + e.getMessage());
            return ExitCode.UNREADABLE;
        }
        try (ReplSession s = session) {
            s.setJson(json);
            if (script != null) {
                try (BufferedReader in = script) {
                    return ReplShell.batch(s, in, out);
                }
            }
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                boolean color = !noColor && !noColorEnv() && !terminal.getType().startsWith(Terminal.TYPE_DUMB);
                Path h = history != null ? history : ReplShell.historyFile(System.getenv());
                return ReplShell.interactive(s, terminal, h, color);
            }
        }
    }

    private static boolean noColorEnv() {
        String v = System.getenv("NO_COLOR");
        return v != null && !v.isEmpty();
    }

    /** Java 17 has no Console.isTerminal(); a null console means a stream is redirected. */
    private static boolean stdinIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            // JDK 22+: a console exists even when redirected; ask it
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
