package labyrinth.format.ftrace;

import labyrinth.trace.CommonFields;

/** Character tests and number reading shared by the line layouts, without regular expressions. Stateless. */
final class Chars {
    private Chars() {
    }

    /** Whether {@code s[b, e)} is {@code pid} or {@code pid/tid}. */
    static boolean isPid(String s, int b, int e) {
        int slash = s.indexOf('/', b);
        return slash < 0 || slash >= e ? allDigits(s, b, e)
                : allDigits(s, b, slash) && allDigits(s, slash + 1, e);
    }

    static boolean allDigits(String s, int b, int e) {
        if (b >= e) {
            return false;
        }
        for (int k = b; k < e; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    static boolean isIdentifier(String s) {
        return isIdentifier(s, 0, s.length());
    }

    static boolean isIdentifier(String s, int b, int e) {
        if (b >= e) {
            return false;
        }
        for (int k = b; k < e; k++) {
            char ch = s.charAt(k);
            if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || isDigit(ch))) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** Where {@code s[b, e)} starts once {@link String#trim()} has removed its leading characters. */
    static int trimStart(String s, int b, int e) {
        while (b < e && s.charAt(b) <= ' ') {
            b++;
        }
        return b;
    }

    /** Where {@code s[b, e)} ends once {@link String#trim()} has removed its trailing characters. */
    static int trimEnd(String s, int b, int e) {
        while (e > b && s.charAt(e - 1) <= ' ') {
            e--;
        }
        return e;
    }

    static int skipSpaces(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The number the digits {@code s[b, e)} spell, at most 18 of them (callers have checked both):
     * {@code Long.parseLong} would check again, through {@code CharSequence}, on every line.
     */
    static long digits(String s, int b, int e) {
        long v = 0;
        for (int k = b; k < e; k++) {
            v = v * 10 + (s.charAt(k) - '0');
        }
        return v;
    }

    /** {@code secs.frac} in [b, e) with its dot at {@code dot}, as nanoseconds; NO_TIME when too large. */
    static long nanos(String s, int b, int dot, int e) {
        if (dot - b > 10) {
            return CommonFields.NO_TIME;
        }
        long secs = digits(s, b, dot);
        long frac = 0;
        int digits = 0;
        for (int k = dot + 1; k < e && digits < 9; k++, digits++) {
            frac = frac * 10 + (s.charAt(k) - '0');
        }
        for (; digits < 9; digits++) {
            frac *= 10;
        }
        return secs * 1_000_000_000L + frac;
    }
}
