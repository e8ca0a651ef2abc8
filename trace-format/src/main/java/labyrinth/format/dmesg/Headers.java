package labyrinth.format.dmesg;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a report, as {@code warn_alloc} (and before 4.9 {@code warn_alloc_failed})
 * printed it over the years: {@code swapper: page allocation failure. order:1, mode:0x20} (2.6),
 * {@code ...failure: order:0, mode:0x2080020(GFP_ATOMIC)} (4.5+), {@code , nodemask=(null)} (4.10+),
 * {@code ,cpuset=/,mems_allowed=0} (4.12+). Stateless.
 */
final class Headers {
    /** One header's parts; {@code names}, {@code nodemask}, {@code cpuset}, {@code mems} are null when not printed. */
    record Header(String task, int order, String hex, String names, String nodemask, String cpuset, String mems) {
    }

    static final String MARK = ": page allocation failure";
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(?<task>\\S.*?): page allocation failure[.:] order:(?<order>\\d{1,2}), mode:(?<hex>0x[0-9a-fA-F]{1,16})"
                    + "(?:\\((?<names>[^)]*)\\))?(?:, ?nodemask=(?<nodemask>\\([^)]*\\)|[^,\\s]+))?"
                    + "(?:, ?cpuset=(?<cpuset>[^,]*), ?mems_allowed=(?<mems>\\S+))?");

    private Headers() {
    }

    static boolean isHeader(String text) {
        return text.contains(MARK) && HEADER.matcher(text).find();
    }

    /** @return the header's parts, or null when {@code text} is no header */
    static Header parse(String text) {
        if (!text.contains(MARK)) {
            return null;
        }
        Matcher m = HEADER.matcher(text);
        if (!m.find()) {
            return null;
        }
        return new Header(m.group("task").trim(), Integer.parseInt(m.group("order")), m.group("hex").toLowerCase(),
                m.group("names"), m.group("nodemask"), m.group("cpuset"), m.group("mems"));
    }
}
