package labyrinth.replay;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.trace.Header;
import labyrinth.trace.Interner;

/**
 * A read-only view of a replayer's state now, for whoever watches a replay without driving it: the
 * REPL's views, observers, a what-if's gate. Live: it shows the replayer as it stands at each call.
 */
public final class ReplayView {
    private final Replayer replayer;
    private final Allocator allocator;
    private final Ledger ledger;
    private final Interner owners;
    private final Interner sites;
    private final LeakReport leaks;

    ReplayView(Replayer replayer, Allocator allocator, Ledger ledger, Interner owners, Interner sites,
               LeakReport leaks) {
        this.replayer = replayer;
        this.allocator = allocator;
        this.ledger = ledger;
        this.owners = owners;
        this.sites = sites;
        this.leaks = leaks;
    }

    public Header header() {
        return replayer.header();
    }

    public Mode mode() {
        return replayer.mode();
    }

    /** The allocator model; callers must not change it. */
    public Allocator allocator() {
        return allocator;
    }

    /** The block the last applied event allocated (its head pfn), or -1 when it allocated none. */
    public long lastAllocated() {
        return replayer.lastAllocated();
    }

    /** Pages in live blocks now. */
    public long usedPages() {
        return ledger.livePages();
    }

    /** Owners named so far (ids 0 to {@code ownerCount() - 1}, in the order they first appeared). */
    public int ownerCount() {
        return owners.size();
    }

    /** The name of owner {@code id}. */
    public String ownerName(int id) {
        return owners.name(id);
    }

    /** Pages held now by owner {@code id}. */
    public long ownerPages(int id) {
        return ledger.ownerPages(id);
    }

    /** Pages held now by {@code owner} (0 when it holds none or was never named). */
    public long pagesOf(String owner) {
        int id = owner == null ? -1 : owners.idIfKnown(owner);
        return id < 0 ? 0 : ledger.ownerPages(id);
    }

    /** What holds memory now, by owner and site, most pages first (then by earliest allocation). */
    public List<Holding> holders(int limit) {
        return leaks.holders(limit);
    }

    /** The owners holding the most pages now, most first, ties by name. */
    public List<Holding> topOwners(int limit) {
        return leaks.topOwners(limit);
    }

    /** The live block containing {@code pfn}, or null when the page is in none (or outside the machine). */
    public BlockView block(long pfn) {
        long head = ledger.headOf(pfn);
        return head < 0 ? null : blockView(head);
    }

    /** The last free that touched {@code pfn} inside the trace, or null when none did. */
    public FreedView lastFree(long pfn) {
        long by = ledger.freedBy(pfn);
        if (by < 0) {
            return null;
        }
        return new FreedView(pfn, by, ledger.freedLine(pfn), ledger.freedAlloc(pfn),
                owners.name(ledger.freedOwner(pfn)));
    }

    /** Every live block, in pfn order. */
    public List<BlockView> liveBlocks() {
        List<BlockView> list = new ArrayList<>();
        ledger.forEachLive((head, order) -> list.add(blockView(head)));
        return list;
    }

    /** The live blocks held by {@code owner} (null: blocks allocated without one), in pfn order. */
    public List<BlockView> blocksOf(String owner) {
        List<BlockView> list = new ArrayList<>();
        int id = owner == null ? -1 : owners.idIfKnown(owner);
        if (owner != null && id < 0) {
            return list;
        }
        ledger.forEachLive((head, order) -> {
            if (ledger.owner(head) == id) {
                list.add(blockView(head));
            }
        });
        return list;
    }

    private BlockView blockView(long head) {
        return new BlockView(head, ledger.order(head), owners.name(ledger.owner(head)), sites.name(ledger.site(head)),
                ledger.exclusive(head), ledger.allocEvent(head), ledger.allocLine(head));
    }
}
