package labyrinth.cli.repl;

import java.util.Collection;
import java.util.Locale;
import labyrinth.core.Spelling;

/** How REPL commands read their arguments, with every complaint in the same words. Stateless. */
final class Args {
    private Args() {
    }

    static void none(String a, String cmd) {
        if (!a.isEmpty()) {
            throw new CommandError(cmd + " takes no argument, found '" + a + "'");
        }
    }

    static String need(String a, String cmd, String what) {
        if (a.isEmpty()) {
            throw new CommandError(cmd + " needs " + what);
        }
        return a;
    }

    /** A decimal or {@code 0x} hex number (hex may use all 64 bits); {@link Long#MIN_VALUE} when it is none. */
    static long parseNumber(String s) {
        String t = s.trim().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    static long number(String s, String cmd) {
        long v = parseNumber(s);
        if (v == Long.MIN_VALUE || v < 0) {
            throw new CommandError(cmd + " needs a number (decimal or 0x hex) of 0 or more, found '" + s + "'");
        }
        return v;
    }

    /** A count of 1 or more; the empty string is 1. */
    static long count(String s, String cmd) {
        if (s.isEmpty()) {
            return 1;
        }
        long v = parseNumber(s);
        if (v == Long.MIN_VALUE || v < 1) {
            throw new CommandError(cmd + " needs a count (decimal or 0x hex) of 1 or more, found '" + s + "'");
        }
        return v;
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** {@code s} as completion offers it: quoted when the line parser would split or unquote it. */
    static String quoted(String s) {
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = !Character.isWhitespace(c) && c != '"' && c != '\'' && c != ';' && c != '\\' && c != '#';
        }
        if (plain) {
            return s;
        }
        char q = s.indexOf('"') >= 0 ? '\'' : '"';
        return q + s + q;
    }

    static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The first word of {@code s}, and the rest trimmed. */
    static String[] firstWord(String s) {
        int sp = indexOfSpace(s);
        return sp < 0 ? new String[] {s, ""} : new String[] {s.substring(0, sp), s.substring(sp + 1).trim()};
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** {@code " (did you mean 'x'?)"} for the nearest of {@code options} within 2 edits, else "". */
    static String didYouMean(String word, Collection<String> options) {
        String best = nearest(word, options);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    static String nearest(String word, Collection<String> options) {
        String best = null;
        int bestDistance = 3;
        for (String o : options) {
            int d = Spelling.distance(word.toLowerCase(Locale.ROOT), o.toLowerCase(Locale.ROOT));
            if (d < bestDistance && d > 0) {
                best = o;
                bestDistance = d;
            }
        }
        return best;
    }
}
