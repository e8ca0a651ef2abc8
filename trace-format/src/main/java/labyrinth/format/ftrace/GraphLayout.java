package labyrinth.format.ftrace;

import static labyrinth.format.ftrace.Chars.allDigits;
import static labyrinth.format.ftrace.Chars.isDigit;
import static labyrinth.format.ftrace.Chars.isIdentifier;
import static labyrinth.format.ftrace.Chars.nanos;
import static labyrinth.format.ftrace.Chars.skipSpaces;

import java.util.HashMap;
import java.util.Map;
import labyrinth.trace.CommonFields;

/**
 * The function_graph layout ({@code 4) | func()} lines, with {@code funcgraph-abstime} and {@code
 * funcgraph-proc} columns): events appear as comments, and the only owner is the task each CPU
 * switched to in a context-switch banner ({@code x-1 => y-2}), remembered across lines. Not
 * thread-safe: one per parser.
 */
final class GraphLayout {
    private final Map<Integer, String> graphTask = new HashMap<>();

    /** Whether {@code line} (a digit at {@code i}) is a function_graph line; if so, sets {@code out}. */
    boolean read(String line, int i, LineParser out) {
        int n = line.length();
        int j = i;
        while (j < n && isDigit(line.charAt(j))) {
            j++;
        }
        long abstime = CommonFields.NO_TIME;
        if (j < n && line.charAt(j) == '.') { // funcgraph-abstime: "  2319.000857 |   4)  ..."
            int dot = j++;
            while (j < n && isDigit(line.charAt(j))) {
                j++;
            }
            int bar = skipSpaces(line, j);
            if (j == dot + 1 || bar >= n || line.charAt(bar) != '|') {
                return false;
            }
            abstime = nanos(line, i, dot, j);
            i = skipSpaces(line, bar + 1);
            j = i;
            while (j < n && isDigit(line.charAt(j))) {
                j++;
            }
        }
        if (j == i || j >= n || line.charAt(j) != ')' || j - i > 6) {
            return false;
        }
        out.cpu = Integer.parseInt(line, i, j, 10);
        out.time = abstime;
        out.layout = Layout.FUNCTION_GRAPH;
        int rest = j + 1;
        int comment = line.indexOf("/*", rest);
        if (comment >= 0) {
            out.owner = procOwner(line, rest, comment);
            if (out.owner == null) {
                out.owner = graphTask.get(out.cpu);
            }
            int close = line.indexOf("*/", comment + 2);
            if (close < 0) {
                out.kind = LineParser.LineKind.GRAPH_OPEN;
                out.openComment = line.substring(comment + 2);
            } else {
                comment(line.substring(comment + 2, close), out);
            }
            return true;
        }
        int arrow = line.indexOf("=>", rest);
        if (arrow > 0 && line.indexOf('|', rest) < 0) { // " 0) x-www-b-22756  =>  x-termi-4083 "
            String next = line.substring(arrow + 2).trim();
            if (!next.isEmpty()) {
                graphTask.put(out.cpu, next);
            }
        }
        out.kind = LineParser.LineKind.IGNORED;
        return true;
    }

    /** funcgraph-proc puts "comm-pid" between "cpu)" and the first '|'. */
    private static String procOwner(String line, int from, int to) {
        int bar = line.indexOf('|', from);
        int end = bar >= 0 && bar < to ? bar : to;
        String seg = line.substring(from, end).trim();
        for (String tok : seg.split("\\s+")) {
            int dash = tok.lastIndexOf('-');
            if (dash > 0 && dash < tok.length() - 1 && allDigits(tok, dash + 1, tok.length())) {
                return tok;
            }
        }
        return null;
    }

    /** A function_graph comment: an event ({@code /* name: fields *}{@code /}) or other text. */
    void comment(String body, LineParser out) {
        String b = body.trim();
        int colon = b.indexOf(':');
        String name = colon > 0 ? b.substring(0, colon) : "";
        if (isIdentifier(name)) {
            out.kind = LineParser.LineKind.EVENT;
            out.event = name;
            out.fields(b, colon + 1, b.length());
        } else {
            out.kind = LineParser.LineKind.EVENT;
            out.event = "(comment)";
            out.fields("", 0, 0);
        }
        out.layout = Layout.FUNCTION_GRAPH;
    }
}
