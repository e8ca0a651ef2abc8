package labyrinth.format.ftrace;

/**
 * Reading the {@code key=value} fields of a kmem event line: the value of a key, an order, a
 * decimal or hex number, a {@code page=} pointer. Stateless.
 */
final class PageFields {
    /** A value that is no number. */
    static final long BAD = Long.MIN_VALUE;

    private PageFields() {
    }

    /**
     * The value of {@code key=} in {@code key=value} text, up to the next blank; {@code page= (null)}
     * (a blank after '=') takes the next word when it starts with '('. Null when absent.
     */
    static String field(String f, String key) {
        int from = 0;
        while (true) {
            int k = f.indexOf(key, from);
            if (k < 0) {
                return null;
            }
            int eq = k + key.length();
            if ((k == 0 || f.charAt(k - 1) == ' ' || f.charAt(k - 1) == '\t') && eq < f.length() && f.charAt(eq) == '=') {
                int s = eq + 1;
                int e = s;
                while (e < f.length() && f.charAt(e) != ' ' && f.charAt(e) != '\t') {
                    e++;
                }
                if (e == s) {
                    int n = e;
                    while (n < f.length() && (f.charAt(n) == ' ' || f.charAt(n) == '\t')) {
                        n++;
                    }
                    if (n < f.length() && f.charAt(n) == '(') {
                        int ne = n;
                        while (ne < f.length() && f.charAt(ne) != ' ' && f.charAt(ne) != '\t') {
                            ne++;
                        }
                        return f.substring(n, ne);
                    }
                }
                return f.substring(s, e);
            }
            from = k + 1;
        }
    }

    /** An order of at most two digits up to {@code maxOrder}; -1 otherwise. */
    static int order(String s, int maxOrder) {
        if (s.isEmpty() || s.length() > 2) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= maxOrder ? v : -1;
    }

    /** Decimal or 0x hex, unsigned 64-bit; {@link #BAD} when neither. */
    static long number(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return s.length() > 2 && s.length() <= 18 ? Long.parseUnsignedLong(s, 2, s.length(), 16) : BAD;
            }
            return s.length() <= 20 ? Long.parseUnsignedLong(s) : BAD;
        } catch (NumberFormatException e) {
            return BAD;
        }
    }

    /** A page= pointer as a number ({@code 0x} prefix optional), or -1 when it is not hex. */
    static long hexValue(String s) {
        int from = s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
        if (s.length() - from == 0 || s.length() - from > 16) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(s, from, s.length(), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether {@code s} is zero in hex ({@code 0x0}, {@code 0000}): a NULL page pointer. */
    static boolean isZeroHex(String s) {
        int from = s.startsWith("0x") ? 2 : 0;
        if (from == s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
