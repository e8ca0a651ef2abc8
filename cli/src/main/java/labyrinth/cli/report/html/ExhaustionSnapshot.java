package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.text;

import java.util.List;
import labyrinth.core.ZoneState;
import labyrinth.replay.Finding;
import labyrinth.replay.Holding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.MemInfo;
import labyrinth.replay.ReplayResult;

/**
 * The memory at the primary failure, as the text report's exhaustion point shows it: each zone's
 * free pages against its watermarks, its free blocks per order (buddyinfo), the top owners and who
 * held the memory by owner and site. The owners are listed by name with a bar each; what the top
 * owners leave is one "other owners" row, below them, so a small remainder never hides the owners
 * that matter. The failure shown is the primary one when it is a failed allocation, else the first
 * failed allocation. Stateless.
 */
final class ExhaustionSnapshot {
    private ExhaustionSnapshot() {
    }

    /** The failed allocation to show: {@code primary} when it is one with a snapshot, else the first such. */
    static Finding chosen(ReplayResult r, Finding primary) {
        if (primary != null && primary.kind() == FindingKind.ALLOC_FAILURE && primary.memory() != null) {
            return primary;
        }
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.ALLOC_FAILURE && f.memory() != null) {
                return f;
            }
        }
        return null;
    }

    /**
     * @param holders who held memory by owner and site at that failure, or null when not known
     */
    static void write(StringBuilder h, ReplayResult r, Finding f, boolean primary, List<Holding> holders) {
        if (f == null) {
            return;
        }
        MemInfo m = f.memory();
        h.append("<section id=\"exhaustion\">\n<h2>Memory at the ").append(primary ? "primary failure" : "first failure")
                .append("</h2>\n<p class=\"explain\">Event ").append(f.event())
                .append(f.line() > 0 ? " (line " + f.line() + ")" : "").append(": order-").append(f.order()).append(' ')
                .append(text(r.header().machine().gfpNames().format(f.gfp()))).append(f.owner() == null ? "" : " by <b>" + text(f.owner()) + "</b>")
                .append(f.site() == null ? "" : " at " + text(f.site())).append(" failed (")
                .append(text(f.reason() == null ? null : f.reason().label())).append(").</p>\n<div class=\"snapshot\">\n");
        zones(h, m, r.header().machine().pageSize());
        owners(h, m);
        if (holders != null && !holders.isEmpty()) {
            sites(h, holders);
        }
        h.append("</div>\n</section>\n");
    }

    private static void zones(StringBuilder h, MemInfo m, int pageSize) {
        h.append("<div><h3>Zones (pages)</h3><table class=\"zones\"><thead><tr><th>zone</th><th>present</th>"
                + "<th>free</th><th>min</th><th>low</th><th>high</th></tr></thead><tbody>\n");
        for (ZoneState z : m.zones()) {
            String state = z.free() <= z.min() ? " class=\"at-min\"" : z.free() <= z.low() ? " class=\"at-low\"" : "";
            h.append("<tr").append(state).append("><td>").append(text(z.kind().label())).append("</td><td class=\"n\">")
                    .append(count(z.pages())).append("</td><td class=\"n\"><b>").append(count(z.free()))
                    .append("</b></td><td class=\"n\">").append(count(z.min())).append("</td><td class=\"n\">")
                    .append(count(z.low())).append("</td><td class=\"n\">").append(count(z.high()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<h3>Free blocks per order (buddyinfo)</h3><table class=\"buddy\"><thead><tr>"
                + "<th>zone</th>");
        // orders no block of any zone can have (an order-10 block in a 64-page zone) are left out
        int orders = 0;
        for (ZoneState z : m.zones()) {
            int k = 0;
            while (k + 1 < z.freeByOrder().length && (2L << k) <= z.pages()) {
                k++;
            }
            orders = Math.max(orders, k + 1);
        }
        for (int k = 0; k < orders; k++) {
            h.append("<th title=\"").append(size(((long) pageSize << k) / 1024)).append("\">").append(k).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (ZoneState z : m.zones()) {
            h.append("<tr><td>").append(text(z.kind().label())).append("</td>");
            for (int k = 0; k < orders; k++) {
                long c = z.freeByOrder()[k];
                h.append("<td class=\"n").append(c == 0 ? " none" : "").append("\">").append(count(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    private static void owners(StringBuilder h, MemInfo m) {
        long used = 0;
        for (ZoneState z : m.zones()) {
            used += z.pages() - z.free();
        }
        long named = 0;
        long most = 1;
        for (Holding o : m.topOwners()) {
            named += o.pages();
            most = Math.max(most, o.pages());
        }
        h.append("<div><h3>Top owners (pages)</h3><table class=\"owners\"><tbody>\n");
        for (Holding o : m.topOwners()) {
            bar(h, o.owner() == null ? "(no owner)" : o.owner(), o.pages(), most, false);
        }
        if (used - named > 0) {
            bar(h, "other owners and unowned blocks", used - named, most, true);
        }
        h.append("</tbody></table></div>\n");
    }

    private static void sites(StringBuilder h, List<Holding> holders) {
        long most = 1;
        for (Holding o : holders) {
            most = Math.max(most, o.pages());
        }
        h.append("<div><h3>By owner and site (pages)</h3><table class=\"owners\"><tbody>\n");
        for (Holding o : holders) {
            bar(h, (o.owner() == null ? "(no owner)" : o.owner()) + " at " + (o.site() == null ? "(no site)" : o.site()),
                    o.pages(), most, false);
        }
        h.append("</tbody></table></div>\n");
    }

    private static void bar(StringBuilder h, String name, long pages, long most, boolean other) {
        long width = Math.max(1, Math.min(100, pages * 100 / most));
        h.append("<tr").append(other ? " class=\"other\"" : "").append("><td>").append(other ? "<i>" : "<b>")
                .append(text(name)).append(other ? "</i>" : "</b>").append("</td><td class=\"n\">").append(count(pages))
                .append("</td><td class=\"bar\"><span style=\"width:").append(width).append("px\"></span></td></tr>\n");
    }

    private static String size(long kb) {
        return kb >= 1024 && kb % 1024 == 0 ? kb / 1024 + " MB" : kb + " kB";
    }
}
