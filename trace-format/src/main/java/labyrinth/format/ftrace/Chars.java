package labyrinth.format.ftrace;

import labyrinth.trace.CommonFields;

/** Character tests and number reading shared by the line layouts, without regular expressions. Stateless. */
final class Chars {
    private Chars() {
    }

    static boolean isPid(String s) {
        int slash = s.indexOf('/');
        return slash < 0 ? allDigits(s, 0, s.length())
                : allDigits(s, 0, slash) && allDigits(s, slash + 1, s.length());
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
        if (s.isEmpty()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
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

    static int skipSpaces(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code secs.frac} in [b, e) with its dot at {@code dot}, as nanoseconds; NO_TIME when too large. */
    static long nanos(String s, int b, int dot, int e) {
        if (dot - b > 10) {
            return CommonFields.NO_TIME;
        }
        long secs = Long.parseLong(s, b, dot, 10);
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
