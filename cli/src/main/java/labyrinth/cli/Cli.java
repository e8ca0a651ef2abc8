package labyrinth.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import labyrinth.replay.ReplayFailure;
import labyrinth.trace.TraceException;
import picocli.CommandLine;

/** Builds the command line, for {@link Main} and for tests alike. */
public final class Cli {
    private Cli() {
    }

    /**
     * A command line writing to the given streams; run it with {@code execute(args)}. Standard
     * input (the operand {@code -}) is the process's; bytes for standard output ({@code -o -}) are
     * decoded as UTF-8 into {@code out}.
     */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(System.in, out, err);
    }

    /** Like {@link #create(PrintWriter, PrintWriter)}, reading standard input from {@code in}. */
    public static CommandLine create(InputStream in, PrintWriter out, PrintWriter err) {
        return create(new Stdio(in, new WriterOutputStream(out), out, null), out, err);
    }

    /**
     * A command line on byte streams, as {@link Main} runs it: {@code out} gets text and the bytes
     * of a binary trace alike.
     *
     * @param inFile the file standard input is redirected from, or null
     */
    public static CommandLine create(InputStream in, OutputStream out, PrintWriter err, java.nio.file.Path inFile) {
        PrintWriter text = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        return create(new Stdio(in, out, text, inFile), text, err);
    }

    private static CommandLine create(Stdio stdio, PrintWriter out, PrintWriter err) {
        LabyrinthCommand root = new LabyrinthCommand();
        root.stdio = stdio;
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(Cli::failed);
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setExecutionStrategy(UsageErrors.rejectingUnmatched());
        HelpLayout.install(cl);
        return cl;
    }

    /**
     * What a command throws: a trace it cannot read is one located line and exit 3, as every command
     * reports it; anything else is a bug in labyrinth, exit 70. Either prints its stack with --debug.
     */
    private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = parsed.expandedArgs().contains("--debug");
        if (e instanceof TraceException unreadable) {
            return Errors.report(err, unreadable.getMessage(), unreadable, debug);
        }
        err.println(internalErrorLine(e));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL;
    }

    /**
     * One line: what failed and, when the replay loop was applying an event, which event of which
     * trace; then the request for {@code --debug} output.
     */
    static String internalErrorLine(Throwable e) {
        ReplayFailure during = null;
        for (Throwable t = e; t != null && during == null; t = t.getCause()) {
            if (t instanceof ReplayFailure f) {
                during = f;
            }
        }
        Throwable what = during != null && during.getCause() != null ? during.getCause() : e;
        String where = during == null ? ""
                : " while replaying event " + during.event() + " (" + during.op() + ") of " + during.trace();
        String line = "labyrinth: internal error" + where + ": " + what
                + " (this is a bug in labyrinth: run again with --debug and report the output)";
        return line.replaceAll("[\\r\\n]+", " ");
    }
}
