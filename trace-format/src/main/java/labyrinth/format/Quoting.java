package labyrinth.format;

/** How messages show values: JSON-quoted, shortened. Stateless. */
public final class Quoting {
    private Quoting() {
    }

    /** {@code s} as a JSON string literal, cut to {@code max} characters with "..." when longer. */
    public static String quote(String s, int max) {
        String body = s.length() > max ? s.substring(0, max) : s;
        StringBuilder sb = new StringBuilder(body.length() + 8).append('"');
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (s.length() > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
