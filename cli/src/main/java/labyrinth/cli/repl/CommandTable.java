package labyrinth.cli.repl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REPL's commands by name and short name, in the order {@code help} lists them, and the
 * suggestion for a word that names none. Not thread-safe; filled once.
 */
final class CommandTable {
    /**
     * Words a gdb or rr user types that mean one of ours under another name: suggested before any
     * spelling neighbour, which for two letters is usually wrong ({@code bt} is one edit from {@code b}).
     */
    private static final Map<String, String> HABITS = Map.ofEntries(
            Map.entry("bt", "where"), Map.entry("backtrace", "where"), Map.entry("frame", "where"),
            Map.entry("stepi", "step"), Map.entry("si", "step"),
            Map.entry("nexti", "next"), Map.entry("ni", "next"), Map.entry("reverse-next", "reverse-step"),
            Map.entry("rn", "reverse-step"), Map.entry("rsi", "reverse-step"), Map.entry("finish", "continue"),
            Map.entry("until", "continue"), Map.entry("advance", "goto"), Map.entry("jump", "goto"),
            Map.entry("start", "run"), Map.entry("starti", "run"), Map.entry("x", "page"),
            Map.entry("display", "print"), Map.entry("rwatch", "watch"), Map.entry("awatch", "watch"),
            Map.entry("clear", "delete"), Map.entry("kill", "quit"),
            Map.entry("when", "where"), Map.entry("breakpoints", "info breakpoints"),
            Map.entry("watchpoints", "info breakpoints"));

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final Map<String, Command> byWord = new LinkedHashMap<>();

    void add(Command c) {
        byName.put(c.name(), c);
        put(c.name(), c);
        for (String a : c.aliases()) {
            put(a, c);
        }
    }

    private void put(String word, Command c) {
        if (byWord.putIfAbsent(word, c) != null) {
            throw new IllegalStateException("two commands named " + word);
        }
    }

    Command get(String word) {
        return byWord.get(word.toLowerCase(Locale.ROOT));
    }

    Collection<Command> commands() {
        return byName.values();
    }

    /** Every word that names a command, names before short names. */
    List<String> words() {
        return new ArrayList<>(byWord.keySet());
    }

    /** {@code " (did you mean 'x'?)"}: a habit's meaning first, else the nearest long name, else any word. */
    String suggest(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        String habit = HABITS.get(w);
        if (habit != null && byName.containsKey(Args.firstWord(habit)[0])) {
            return " (did you mean '" + habit + "'?)";
        }
        String best = Args.nearest(w, byName.keySet());
        if (best == null) {
            best = Args.nearest(w, byWord.keySet());
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }
}
