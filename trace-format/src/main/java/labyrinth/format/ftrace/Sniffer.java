package labyrinth.format.ftrace;

import java.nio.charset.StandardCharsets;

/** Tells kernel trace text from other input by its first bytes. Stateless. */
final class Sniffer {
    private Sniffer() {
    }

    /**
     * Whether {@code head} (the first bytes of a file) looks like kernel trace text: an ftrace
     * {@code # tracer:} header or a line in one of the {@link Layout}s. False for gzip (decompress
     * first) and for JSON ({@code {} or {@code [} first).
     */
    static boolean looksLikeFtrace(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return false;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[')) {
            return false;
        }
        LineParser p = new LineParser();
        int start = 0;
        for (int n = 0; n < 200 && start < text.length(); n++) {
            int nl = text.indexOf('\n', start);
            String line = text.substring(start, nl < 0 ? text.length() : nl);
            start = nl < 0 ? text.length() : nl + 1;
            if (line.startsWith("# tracer:")) {
                return true;
            }
            p.parse(line);
            if (p.kind == LineParser.LineKind.EVENT || p.kind == LineParser.LineKind.STACK_HEADER
                    || p.kind == LineParser.LineKind.GRAPH_OPEN) {
                return true;
            }
        }
        return false;
    }
}
