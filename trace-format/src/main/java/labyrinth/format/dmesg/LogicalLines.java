package labyrinth.format.dmesg;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.regex.Pattern;

/**
 * The messages of a kernel log with their continuation lines joined back on, each with the line
 * it starts on. A line continues the message before it when:
 *
 * <ul>
 *   <li>it has no logging prefix but the message before has one, and it does not open a record of
 *       its own: a mail client or terminal wrapped a long line ("Node 0 DMA free:15908kB
 *       min:64kB" / "active_anon:0kB ...");
 *   <li>the message before is a bare {@code Node N}, an unfinished {@code lowmem_reserve[]:} or a
 *       buddy line without its {@code = NkB} total, and this one only goes on with it: journald
 *       and syslog store each {@code KERN_CONT} piece of show_mem as a message of its own
 *       ({@code Node 0 }, {@code DMA: }, {@code 1*8kB }, {@code (U) }, ...);
 *   <li>the message before is a zone line and this one holds only {@code key:value} fields (an
 *       unprefixed log wrapped by a mail client).
 * </ul>
 *
 * A report's first line never continues anything. Not thread-safe: one per log.
 */
final class LogicalLines {
    /** One joined message and the 1-based line it starts on. */
    record Line(long number, String text) {
    }

    private static final Pattern NODE_ONLY = Pattern.compile("^\\s*Node \\d+\\s*$");
    private static final Pattern NUMBERS = Pattern.compile("^[\\s\\d]+$");
    private static final Pattern BUDDY_TOKENS = Pattern.compile(
            "^\\s*(?:(?:\\d+\\*\\d+[kKmM]B|\\([A-Z]+\\)|=|\\d+[kK]B|empty)\\s*)+$");
    private static final Pattern RECORD = Pattern.compile(
            "^\\s*(?:Node \\d+ |Mem-[Ii]nfo:|lowmem_reserve\\[\\]:|CPU[: ]|Call [Tt]race:|Hardware name:|\\[<)");
    private static final Pattern FIELDS = Pattern.compile(
            "^\\s*(?:(?:[A-Za-z_]+(?:\\([a-z]+\\))?:\\s?\\S*|all_unreclaimable\\?|yes|no)\\s*)+$");

    private final BufferedReader in;
    private final ArrayDeque<Prefixes.Message> queued = new ArrayDeque<>();
    private long physical;
    private long queuedLine;
    private String pending;
    private boolean pendingPrefixed;
    private long pendingLine;
    private boolean done;

    LogicalLines(BufferedReader in) {
        this.in = in;
    }

    /** @return the next message, or null at the end of the log */
    Line next() throws IOException {
        while (true) {
            Prefixes.Message m = read();
            if (m == null) {
                return flush();
            }
            String text = m.text();
            if (text.isBlank()) {
                Line out = flush();
                if (out != null) {
                    return out;
                }
                continue;
            }
            if (pending != null && continues(m)) {
                pending = pending.stripTrailing() + " " + text.strip();
                continue;
            }
            Line out = flush();
            pending = text;
            pendingPrefixed = m.prefixed();
            pendingLine = queuedLine;
            if (out != null) {
                return out;
            }
        }
    }

    private boolean continues(Prefixes.Message m) {
        String text = m.text();
        if (Headers.isHeader(text)) {
            return false;
        }
        if (!m.prefixed() && pendingPrefixed && !startsRecord(text)) {
            return true;
        }
        if (NODE_ONLY.matcher(pending).matches()) {
            return true;
        }
        if (pending.startsWith("lowmem_reserve[]:") && NUMBERS.matcher(text).matches()) {
            return true;
        }
        if (ZoneLines.isBuddyLine(pending) && !pending.contains("=") && BUDDY_TOKENS.matcher(text).matches()) {
            return true;
        }
        return ZoneLines.isZoneLine(pending) && FIELDS.matcher(text).matches();
    }

    /** A line that opens a record of its own even without a prefix (a paste mixing prefixed lines in). */
    private static boolean startsRecord(String text) {
        return RECORD.matcher(text).find() || ZoneLines.isZoneLine(text) || ZoneLines.isBuddyLine(text)
                || ZoneLines.perCpu(text) != null;
    }

    private Line flush() {
        if (pending == null) {
            return null;
        }
        Line out = new Line(pendingLine, pending);
        pending = null;
        return out;
    }

    private Prefixes.Message read() throws IOException {
        while (queued.isEmpty()) {
            if (done) {
                return null;
            }
            String line = in.readLine();
            if (line == null) {
                done = true;
                return null;
            }
            physical++;
            queued.addAll(Prefixes.split(line));
        }
        queuedLine = physical;
        return queued.poll();
    }
}
