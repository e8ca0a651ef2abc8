package labyrinth.cli.report;

import labyrinth.replay.Severity;

/**
 * Colours for the text reports: severity words in ANSI colours (error red, warning yellow, info
 * cyan), or nothing at all. {@link #NONE} leaves text byte for byte as it is. Immutable.
 */
public final class Colors {
    public static final Colors NONE = new Colors(false);
    public static final Colors ANSI = new Colors(true);

    private static final String RESET = "\u001b[0m";

    private final boolean on;

    private Colors(boolean on) {
        this.on = on;
    }

    boolean on() {
        return on;
    }

    /** {@code text} (usually the severity's word, maybe padded) in the severity's colour. */
    public String severity(Severity s, String text) {
        if (!on) {
            return text;
        }
        String code = switch (s) {
            case ERROR -> "\u001b[1;31m";
            case WARNING -> "\u001b[1;33m";
            case INFO -> "\u001b[36m";
        };
        return code + text + RESET;
    }

    /** The severity's word in its colour. */
    public String severity(Severity s) {
        return severity(s, s.label());
    }

    /**
     * Whether to colour: only on a terminal, never with {@code --no-color}, a non-empty
     * {@code NO_COLOR} (no-color.org), {@code TERM=dumb}, or when the report goes to a file.
     */
    public static boolean wanted(boolean noColorOption, String noColorEnv, String term, boolean terminal,
                                 boolean toFile) {
        return !noColorOption && (noColorEnv == null || noColorEnv.isEmpty()) && !"dumb".equals(term) && terminal
                && !toFile;
    }
}
