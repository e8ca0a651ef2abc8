package labyrinth.format.ftrace;

/**
 * Reading the {@code key=value} fields of a kmem event line: the value of a key, an order, a
 * decimal or hex number, a {@code page=} pointer. A value is a stretch of the line, packed in a
 * {@code long} ({@link #at}: start in the high half, end in the low half) so that reading one copies
 * nothing; {@link #text} copies it for a message. Stateless.
 */
final class PageFields {
    /** A value that is no number. */
    static final long BAD = Long.MIN_VALUE;
    /** A key that is not there. */
    static final long ABSENT = -1;

    private PageFields() {
    }

    static long at(int start, int end) {
        return (long) start << 32 | end;
    }

    static int start(long value) {
        return (int) (value >>> 32);
    }

    static int end(long value) {
        return (int) value;
    }

    /** The value's text, or null for {@link #ABSENT}. */
    static String text(String s, long value) {
        return value == ABSENT ? null : s.substring(start(value), end(value));
    }

    /**
     * Where the value of {@code key=} in the {@code key=value} text {@code s[b, e)} is, up to the next
     * blank; {@code page= (null)} (a blank after '=') takes the next word when it starts with '('.
     * {@link #ABSENT} when absent.
     */
    static long field(String s, int b, int e, String key) {
        int from = b;
        while (true) {
            int k = s.indexOf(key, from);
            int eq = k + key.length();
            if (k < 0 || eq > e) {
                return ABSENT;
            }
            if ((k == b || isBlank(s.charAt(k - 1))) && eq < e && s.charAt(eq) == '=') {
                int v = eq + 1;
                int ve = skipWord(s, v, e);
                if (ve == v) {
                    int n = v;
                    while (n < e && isBlank(s.charAt(n))) {
                        n++;
                    }
                    if (n < e && s.charAt(n) == '(') {
                        return at(n, skipWord(s, n, e));
                    }
                }
                return at(v, ve);
            }
            from = k + 1;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipWord(String s, int i, int e) {
        while (i < e && !isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** An order of at most two digits up to {@code maxOrder}; -1 otherwise. */
    static int order(String s, long value, int maxOrder) {
        int b = start(value);
        int e = end(value);
        if (e == b || e - b > 2) {
            return -1;
        }
        int v = 0;
        for (int i = b; i < e; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= maxOrder ? v : -1;
    }

    /** Decimal or 0x hex, unsigned 64-bit; {@link #BAD} when neither. */
    static long number(String s, long value) {
        int b = start(value);
        int e = end(value);
        try {
            if (isHexPrefixed(s, b, e)) {
                return e - b > 2 && e - b <= 18 ? Long.parseUnsignedLong(s, b + 2, e, 16) : BAD;
            }
            return e - b <= 20 ? Long.parseUnsignedLong(s, b, e, 10) : BAD;
        } catch (NumberFormatException ex) {
            return BAD;
        }
    }

    /** Whether the value starts with {@code 0x}. */
    static boolean startsWith0x(String s, long value) {
        int b = start(value);
        return end(value) - b >= 2 && s.charAt(b) == '0' && s.charAt(b + 1) == 'x';
    }

    private static boolean isHexPrefixed(String s, int b, int e) {
        return e - b >= 2 && s.charAt(b) == '0' && (s.charAt(b + 1) == 'x' || s.charAt(b + 1) == 'X');
    }

    /** A page= pointer as a number ({@code 0x} prefix optional), or -1 when it is not hex. */
    static long hexValue(String s, long value) {
        int b = start(value);
        int e = end(value);
        int from = isHexPrefixed(s, b, e) ? b + 2 : b;
        if (e - from == 0 || e - from > 16) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(s, from, e, 16);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** Whether the value is {@code (null)} or zero in hex ({@code 0x0}, {@code 0000}): a NULL page pointer. */
    static boolean isNullPage(String s, long value) {
        int b = start(value);
        int e = end(value);
        if (e - b == 6 && s.startsWith("(null)", b)) {
            return true;
        }
        int from = startsWith0x(s, value) ? b + 2 : b;
        if (from == e) {
            return false;
        }
        for (int i = from; i < e; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
