package labyrinth.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the command line, for {@link Main} and for tests alike. */
public final class Cli {
    private Cli() {
    }

    /** A command line writing to the given streams; run it with {@code execute(args)}. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new LabyrinthCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(Cli::internalError);
        return cl;
    }

    /** Anything a command did not turn into an exit code itself is a bug in labyrinth: exit 70. */
    private static int internalError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = parsed.expandedArgs().contains("--debug");
        err.println("labyrinth: internal error: " + e + " (this is a bug in labyrinth: run again with --debug"
                + " and report the output)");
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL;
    }
}
