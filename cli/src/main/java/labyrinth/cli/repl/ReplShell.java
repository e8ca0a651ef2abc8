package labyrinth.cli.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.CompletingParsedLine;
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
     * The interactive loop; returns when the user quits or sends end-of-input (Ctrl-D). It opens
     * with the session's banner; an empty line repeats the last movement; {@code delete} asks before
     * removing every breakpoint.
     *
     * @param history the history file, null for none; one that cannot be written is warned about
     *     once and not used
     * @return 0 (an interactive session does not fail because a command did)
     */
    public static int interactive(ReplSession session, Terminal terminal, Path history, boolean color) {
        session.setColor(color);
        PrintWriter out = terminal.writer();
        out.println(session.banner());
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(false);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("labyrinth")
                .parser(parser)
                .completer(completer(session))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
        History kept = History.open(history, out);
        if (kept != null) {
            builder.variable(LineReader.HISTORY_FILE, kept.file()).history(kept);
        }
        LineReader reader = builder.build();
        session.setConfirm(question -> confirm(reader, question));
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
                if (line.isBlank()) {
                    session.repeat(out);
                    out.flush();
                    continue;
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
            if (kept != null) {
                kept.save();
            }
            out.flush();
        }
        return 0;
    }

    /** {@code $HOME/.labyrinth_history}, or null (no history) when {@code HOME} is unset. */
    public static Path historyFile(java.util.Map<String, String> env) {
        return History.defaultFile(env);
    }

    /** A y-or-n question, as gdb asks it; anything but yes (end of input, Ctrl-C included) is no. */
    private static boolean confirm(LineReader reader, String question) {
        Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            String answer = reader.readLine(question).trim();
            return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, before == null ? false : before);
        }
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
            // inside a quote the user opened, the reader adds the quotes itself: offer the bare text
            boolean quoteOpen = false;
            if (line instanceof CompletingParsedLine c) {
                int start = line.cursor() - c.rawWordCursor();
                quoteOpen = start >= 0 && start < line.line().length()
                        && (line.line().charAt(start) == '"' || line.line().charAt(start) == '\'');
            }
            for (String c : session.complete(before)) {
                String value = quoteOpen ? Args.unquote(c) : c;
                candidates.add(new Candidate(value, value, null, null, null, null, true));
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
