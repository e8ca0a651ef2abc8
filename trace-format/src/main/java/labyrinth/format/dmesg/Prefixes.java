package labyrinth.format.dmesg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strips what logging adds in front of a kernel message, in any combination: a syslog or
 * {@code journalctl} prefix ({@code Feb 22 21:36:58 host kernel: }, ISO timestamps), the facility
 * and level of {@code dmesg -x} ({@code kern  :warn  : }), a {@code <4>} priority, and bracketed
 * stamps: {@code [  104.032925]}, {@code dmesg -H}'s {@code [Feb22 21:36]} and {@code [  +0.000382]},
 * {@code dmesg -T}'s {@code [Sun Feb 22 21:36:58 2026]}, the caller id {@code [ T3384]} and Android's
 * {@code [4: binder:569_5:27109]}. Frame addresses ({@code [<ffffffff8028cb0e>]}) are message text and stay.
 * A line into which another message was printed ({@code ... free_cma:0kB [ 4738.329607] lowmem_reserve[]: 0 0})
 * and the escaped newlines of damaged pastes ({@code \x0a}, rsyslog's {@code #012}) are split. Stateless.
 */
final class Prefixes {
    /** A message and whether logging had put a prefix in front of it. */
    record Message(String text, boolean prefixed) {
    }

    private static final Pattern SYSLOG = Pattern.compile(
            "^(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d"
                    + "(?:[.,]\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?)\\s+\\S+\\s+kernel:(?: |$)");
    private static final Pattern HOST_KERNEL = Pattern.compile("^\\S+ kernel: ");
    private static final Pattern FACILITY = Pattern.compile(
            "^[a-z]+\\s*:(?:emerg|alert|crit|err|warn|notice|info|debug)\\s*: ");
    private static final Pattern PRIORITY = Pattern.compile("^<\\d>");
    private static final Pattern BRACKET = Pattern.compile("^\\[(?!<)[^\\[\\]]{1,64}\\] ?");
    private static final Pattern STAMP_INSIDE = Pattern.compile("\\s\\[\\s*\\d+\\.\\d{3,}\\]\\s");

    private Prefixes() {
    }

    /** The messages of one physical line: usually one; more when messages ran together. */
    static List<Message> split(String line) {
        List<Message> out = new ArrayList<>(1);
        for (String piece : line.replace("\\x0a", "\n").replace("#012", "\n").split("\n", -1)) {
            boolean first = out.isEmpty();
            Message m = strip(piece);
            // an escaped newline continues the message it broke, so it gets no prefix of its own
            String text = m.text();
            Matcher inside = STAMP_INSIDE.matcher(text);
            boolean prefixed = first && m.prefixed();
            while (inside.find()) {
                out.add(new Message(text.substring(0, inside.start()), prefixed));
                text = text.substring(inside.end());
                prefixed = true;
                inside = STAMP_INSIDE.matcher(text);
            }
            out.add(new Message(text, prefixed || !first && m.prefixed()));
        }
        return out;
    }

    /** The message without its logging prefixes. */
    static Message strip(String line) {
        String s = line;
        boolean prefixed = false;
        Matcher m = SYSLOG.matcher(s);
        if (m.find()) {
            s = s.substring(m.end());
            prefixed = true;
        }
        m = FACILITY.matcher(s);
        if (m.find()) {
            s = s.substring(m.end());
            prefixed = true;
        }
        m = PRIORITY.matcher(s);
        if (m.find()) {
            s = s.substring(m.end());
            prefixed = true;
        }
        boolean stamped = false;
        for (m = BRACKET.matcher(s); m.find(); m = BRACKET.matcher(s)) {
            s = s.substring(m.end());
            prefixed = stamped = true;
        }
        if (stamped) {
            m = HOST_KERNEL.matcher(s); // journalctl -o short-monotonic: "[  104.03] host kernel: "
            if (m.find()) {
                s = s.substring(m.end());
            }
        }
        return new Message(s, prefixed);
    }
}
