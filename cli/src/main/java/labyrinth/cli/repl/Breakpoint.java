package labyrinth.cli.repl;

import labyrinth.replay.FindingKind;
import labyrinth.trace.Op;

/**
 * A condition {@code continue}, {@code reverse-continue} and {@code run} stop at, tested on the event
 * store's records (an event's op, owner, extent and the kinds of the findings it produced), so a
 * search never replays. Its number and condition are fixed; whether it is enabled and how often it
 * stopped change. Not thread-safe.
 *
 * @param arg the event number, pfn, owner's string id or kind ordinal; unused otherwise
 * @param text how {@code info breakpoints} shows what it stops at
 */
final class Breakpoint {
    enum Type {
        FAILURE("failure", "an allocation failed"),
        VIOLATION("violation", "an ownership or context rule was broken"),
        PANIC("panic", "the recorded panic"),
        PRESSURE("pressure", "a zone fell to its low or min watermark"),
        EVENT("event", "event N (also: break N)"),
        PFN("pfn", "an event on page P (its block, for alloc, free and transfer)"),
        OWNER("owner", "an event by NAME, or a transfer to NAME"),
        KIND("kind", "an event with a finding of KIND"),
        /** {@code watch pfn P}: the page changes hands (not a {@code break} word). */
        WATCH("watch", "page P is allocated, freed or transferred");

        final String word;
        final String help;

        Type(String word, String help) {
            this.word = word;
            this.help = help;
        }

        /** A {@code break} condition by its word; null for none (and for {@code watch}). */
        static Type byWord(String w) {
            for (Type t : values()) {
                if (t != WATCH && t.word.equals(w)) {
                    return t;
                }
            }
            return null;
        }
    }

    static final int VIOLATION_KINDS = bit(FindingKind.SLEEP_IN_ATOMIC) | bit(FindingKind.DOUBLE_FREE) | bit(FindingKind.INVALID_FREE)
            | bit(FindingKind.ORDER_MISMATCH) | bit(FindingKind.FOREIGN_FREE) | bit(FindingKind.EXCLUSIVE_VIOLATION)
            | bit(FindingKind.USE_AFTER_FREE) | bit(FindingKind.FOREIGN_TRANSFER);
    static final int PRESSURE_KINDS = bit(FindingKind.WATERMARK_LOW) | bit(FindingKind.WATERMARK_MIN);

    private final int id;
    private final Type type;
    private final long arg;
    private final String text;
    private final boolean temporary;
    private boolean enabled = true;
    private long hits;

    Breakpoint(int id, Type type, long arg, String text, boolean temporary) {
        this.id = id;
        this.type = type;
        this.arg = arg;
        this.text = text;
        this.temporary = temporary;
    }

    static int bit(FindingKind k) {
        return 1 << k.ordinal();
    }

    int id() {
        return id;
    }

    Type type() {
        return type;
    }

    String text() {
        return text;
    }

    boolean temporary() {
        return temporary;
    }

    boolean enabled() {
        return enabled;
    }

    void enable(boolean on) {
        enabled = on;
    }

    long hits() {
        return hits;
    }

    void hit() {
        hits++;
    }

    /** {@code breakpoint}, {@code tbreakpoint} or {@code watchpoint}, as gdb's table names them. */
    String what() {
        return type == Type.WATCH ? "watchpoint" : temporary ? "tbreakpoint" : "breakpoint";
    }

    /** Whether the event at store position {@code i} stops here (enabled or not). */
    boolean hits(EventStore s, long i) {
        return switch (type) {
            case FAILURE -> (s.kinds(i) & bit(FindingKind.ALLOC_FAILURE)) != 0;
            case VIOLATION -> (s.kinds(i) & VIOLATION_KINDS) != 0;
            case PRESSURE -> (s.kinds(i) & PRESSURE_KINDS) != 0;
            case KIND -> (s.kinds(i) & (1 << arg)) != 0;
            case PANIC -> s.op(i) == Op.PANIC;
            case EVENT -> s.number(i) == arg;
            case OWNER -> s.owner(i) == arg || (s.op(i) == Op.TRANSFER && s.str(i) == arg);
            case PFN -> covers(s, i);
            case WATCH -> s.op(i) != Op.ACCESS && covers(s, i);
        };
    }

    private boolean covers(EventStore s, long i) {
        long head = s.extHead(i);
        return head >= 0 && arg >= head && arg < head + (1L << s.extOrder(i));
    }
}
