package labyrinth.cli.report.html;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Escaping and number formatting for the HTML report. Every string that comes from a trace (owner,
 * site, message, meta) goes through {@link #text} or {@link #attr}; the output is also well-formed
 * XML, so tests can parse it. Stateless.
 */
final class Markup {
    private Markup() {
    }

    /** {@code s} escaped for element content; null gives the empty string. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\n' && c != '\t' ? "\uFFFD" : null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** {@code s} escaped for a double-quoted attribute value (line breaks kept as character references). */
    static String attr(String s) {
        return text(s).replace("\n", "&#10;").replace("\t", "&#9;");
    }

    /** A coordinate with at most one decimal, no exponent, {@code -0} as {@code 0}: stable across runs. */
    static String num(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        return d.toPlainString();
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    static String count(long n) {
        String s = Long.toString(Math.abs(n));
        StringBuilder sb = new StringBuilder();
        int lead = s.length() % 3;
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                sb.append(',');
            }
            sb.append(s.charAt(i));
        }
        return (n < 0 ? "-" : "") + sb;
    }
}
