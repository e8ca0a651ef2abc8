package labyrinth.cli.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * Drives a {@link ReplSession}: interactively through JLine (completion, persistent history,
 * Ctrl-C stops a running search without leaving), or in batch over lines of text (each command
 * echoed before its output, no prompt). Stateless; the loops run on the caller's thread.
 */
public final class ReplShell {
    private ReplShell() {
    }

    /**
     * The interactive loop; returns when the user quits or sends end-of-input (Ctrl-D).
     *
     * @param history the history file, null for none
     * @return 0 (an interactive session does not fail because a command did)
     */
    public static int interactive(ReplSession session, Terminal terminal, Path history, boolean color) {
        session.setColor(color);
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(false);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("labyrinth")
                .parser(parser)
                .completer(completer(session))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        LineReader reader = builder.build();
        PrintWriter out = terminal.writer();
        String prompt = color ? "\u001b[1;36m" + session.prompt() + "\u001b[0m" : session.prompt();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> session.cancel());
        try {
            while (true) {
                String line;
                try {
                    // while reading, Ctrl-C clears the line (the reader's own handler); between reads it cancels
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                boolean quit = false;
                for (String cmd : ReplSession.split(line)) {
                    if (session.execute(cmd, out) == ReplSession.Result.QUIT) {
                        quit = true;
                        break;
                    }
                }
                out.flush();
                if (quit) {
                    break;
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                out.println("warning: cannot save the history to " + history + ": " + e.getMessage());
            }
            out.flush();
        }
        return 0;
    }

    /** Tab completion: the session's candidates for the word under the cursor. */
    static Completer completer(ReplSession session) {
        return (LineReader reader, ParsedLine line, List<Candidate> candidates) -> {
            List<String> before = new ArrayList<>();
            List<String> words = line.words();
            for (int i = 0; i < line.wordIndex() && i < words.size(); i++) {
                String w = words.get(i);
                if (w.equals(";") || w.endsWith(";")) {
                    before.clear();
                } else {
                    before.add(w);
                }
            }
            for (String c : session.complete(before)) {
                candidates.add(new Candidate(c, c, null, null, null, null, true));
            }
        };
    }

    /**
     * Runs the commands of {@code in}, one line (possibly several {@code ;}-separated commands) at a
     * time, echoing each as {@code > COMMAND} before its output. Stops at {@code quit}.
     *
     * @return 0, or 1 when any command failed
     */
    public static int batch(ReplSession session, BufferedReader in, PrintWriter out) throws IOException {
        boolean failed = false;
        String line;
        outer:
        while ((line = in.readLine()) != null) {
            for (String cmd : ReplSession.split(line)) {
                out.println("> " + cmd);
                ReplSession.Result r = session.execute(cmd, out);
                if (r == ReplSession.Result.FAILED) {
                    failed = true;
                } else if (r == ReplSession.Result.QUIT) {
                    break outer;
                }
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }
}
