package labyrinth.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Interner;

/**
 * What the live blocks add up to, by owner and site: the leak findings at the end of a trace, the
 * holders a panic names, and the top owners a failure's snapshot carries. Reads the ledger and
 * changes nothing but the findings; no state of its own.
 */
final class LeakReport {
    private final Ledger ledger;
    private final Interner owners;
    private final Interner sites;
    private final Findings findings;

    LeakReport(Ledger ledger, Interner owners, Interner sites, Findings findings) {
        this.ledger = ledger;
        this.owners = owners;
        this.sites = sites;
        this.findings = findings;
    }

    /** The live blocks of one owner and site, and the earliest allocation among them. */
    private static final class Group {
        int owner;
        int site;
        long pages;
        long blocks;
        long firstEvent = Long.MAX_VALUE;
        long firstHead;
        int firstOrder;
        long line;
        int column;
    }

    /**
     * Emits one {@code leak} per owner and site still holding pages: an error when a {@code complete}
     * trace was not {@code cut} short, else info (a window, or a cut trace, ends while things are held).
     */
    void report(boolean complete, boolean cut) {
        boolean whole = complete && !cut;
        Severity severity = whole ? Severity.ERROR : Severity.INFO;
        for (Group g : groups()) {
            String ownerName = owners.name(g.owner);
            String siteName = sites.name(g.site);
            CommonFields at = new CommonFields(g.firstEvent, false, g.line, g.column, CommonFields.NO_TIME, -1,
                    Context.TASK, ownerName, siteName, List.of());
            findings.emit(FindingKind.LEAK, severity, at, g.firstHead, g.firstOrder, -1, null,
                    g.pages + (g.pages == 1 ? " page" : " pages") + " in " + g.blocks
                            + (g.blocks == 1 ? " block" : " blocks") + " allocated by "
                            + (ownerName == null ? "an unnamed owner" : ownerName)
                            + (siteName == null ? "" : " at " + siteName)
                            + (whole ? " never freed" : cut ? " still held where the trace was cut short"
                                    : " still held when the trace ends"),
                    List.of(), null);
        }
    }

    /** The groups in order of their earliest allocation. */
    private List<Group> groups() {
        Map<Long, Group> groups = new HashMap<>();
        ledger.forEachLive((head, order) -> {
            long key = ((long) ledger.owner(head) << 32) ^ (ledger.site(head) & 0xffffffffL);
            Group g = groups.computeIfAbsent(key, k -> new Group());
            g.owner = ledger.owner(head);
            g.site = ledger.site(head);
            g.pages += 1L << order;
            g.blocks++;
            if (ledger.allocEvent(head) < g.firstEvent) {
                g.firstEvent = ledger.allocEvent(head);
                g.firstHead = head;
                g.firstOrder = order;
                g.line = ledger.allocLine(head);
                g.column = ledger.allocColumn(head);
            }
        });
        List<Group> list = new ArrayList<>(groups.values());
        list.sort(Comparator.comparingLong(g -> g.firstEvent));
        return list;
    }

    /** What holds memory now, by owner and site, most pages first (then by earliest allocation). */
    List<Holding> holders(int limit) {
        List<Holding> list = new ArrayList<>();
        for (Group g : groups()) {
            list.add(new Holding(owners.name(g.owner), sites.name(g.site), g.pages, g.blocks, g.firstEvent));
        }
        list.sort(Comparator.comparingLong(Holding::pages).reversed().thenComparingLong(Holding::firstEvent));
        return list.size() > limit ? List.copyOf(list.subList(0, limit)) : list;
    }

    /** The owners holding the most pages now, most first, ties by name. */
    List<Holding> topOwners(int limit) {
        // a bounded insertion rather than a sort of every owner: every watermark and failure finding
        // takes a snapshot with the top few, and a trace may name thousands of owners
        int[] best = new int[Math.max(0, Math.min(limit, owners.size()))];
        int n = 0;
        for (int id = 0; id < owners.size(); id++) {
            if (ledger.ownerPages(id) <= 0 || n == best.length && (n == 0 || !holdsMore(id, best[n - 1]))) {
                continue;
            }
            int i = n < best.length ? n++ : n - 1;
            for (; i > 0 && holdsMore(id, best[i - 1]); i--) {
                best[i] = best[i - 1];
            }
            best[i] = id;
        }
        Holding[] top = new Holding[n];
        for (int i = 0; i < n; i++) {
            top[i] = new Holding(owners.name(best[i]), null, ledger.ownerPages(best[i]), -1, -1);
        }
        return List.of(top);
    }

    /** More pages first, then owners in name order. */
    private boolean holdsMore(int a, int b) {
        long pa = ledger.ownerPages(a);
        long pb = ledger.ownerPages(b);
        return pa != pb ? pa > pb : owners.name(a).compareTo(owners.name(b)) < 0;
    }
}
