package labyrinth.format.ftrace;

import static labyrinth.format.ftrace.Chars.isDigit;
import static labyrinth.format.ftrace.Chars.skipSpaces;

/**
 * Lines saying the ring buffer lost events: {@code CPU:N [LOST M EVENTS]}, {@code CPU:N [LOST
 * EVENTS]} (ftrace), {@code CPU:N [M EVENTS DROPPED]}, {@code CPU:N [EVENTS DROPPED]} ({@code
 * trace-cmd report}), {@code CPU N buffer overrun}. Stateless.
 */
final class LostLines {
    private LostLines() {
    }

    /** Whether {@code line} ({@code CPU} at {@code i}) is a {@link LineParser.LineKind#LOST} line; if so, sets {@code out}. */
    static boolean read(String line, int i, LineParser out) {
        int p = i + 3;
        if (p >= line.length() || line.charAt(p) != ':' && line.charAt(p) != ' ') {
            return false;
        }
        int d = ++p;
        while (p < line.length() && isDigit(line.charAt(p))) {
            p++;
        }
        if (p == d || p - d > 9) {
            return false;
        }
        int number = Integer.parseInt(line, d, p, 10);
        String rest = line.substring(skipSpaces(line, p)).stripTrailing();
        long count;
        if (rest.equals("buffer overrun") || rest.equals("[LOST EVENTS]") || rest.equals("[EVENTS DROPPED]")) {
            count = 0;
        } else if (rest.startsWith("[LOST ") && rest.endsWith(" EVENTS]")) {
            count = count(rest.substring("[LOST ".length(), rest.length() - " EVENTS]".length()));
        } else if (rest.startsWith("[") && rest.endsWith(" EVENTS DROPPED]")) {
            count = count(rest.substring(1, rest.length() - " EVENTS DROPPED]".length()));
        } else {
            return false;
        }
        if (count < 0) {
            return false;
        }
        out.kind = LineParser.LineKind.LOST;
        out.cpu = number;
        out.lost = count;
        return true;
    }

    /** A count of lost events: 1 to 18 digits; -1 otherwise. */
    private static long count(String digits) {
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int k = 0; k < digits.length(); k++) {
            if (!isDigit(digits.charAt(k))) {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }
}
