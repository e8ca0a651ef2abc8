package labyrinth.replay;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Interner;
import labyrinth.trace.Op;

/**
 * The ownership rules: who takes a block, what a free, an access or a transfer does to the ledger,
 * and the findings one breaks (CLI.md: double-free, invalid-free, foreign-free, use-after-free...).
 * Changes the ledger and the model's free blocks; no state of its own.
 */
final class Ownership {
    /** What an event does to a page it names besides freeing it, with the word messages use for it. */
    enum Touch {
        READ("read"),
        WRITE("write"),
        TRANSFER("transfer");

        private final String label;

        Touch(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final boolean window;
    private final Allocator allocator;
    private final Ledger ledger;
    private final Interner owners;
    private final Interner sites;
    private final Findings findings;
    /** Owner and site ids of the string ids of events as columns. */
    private final StringIds ownerIds;
    private final StringIds siteIds;

    /** @param window whether the trace is a window (pages it never saw allocated are not its business) */
    Ownership(boolean window, Allocator allocator, Ledger ledger, Interner owners, Interner sites,
              Findings findings) {
        this.window = window;
        this.allocator = allocator;
        this.ledger = ledger;
        this.owners = owners;
        this.sites = sites;
        this.findings = findings;
        ownerIds = new StringIds(owners);
        siteIds = new StringIds(sites);
    }

    /** The block at {@code head} is now {@code a}'s: its owner, site and exclusivity. */
    void take(long head, Event.Alloc a) {
        CommonFields c = a.common();
        ledger.allocate(head, a.order(), owners.id(c.owner()), sites.id(c.site()), (a.gfp() & Gfp.EXCLUSIVE) != 0,
                c.number(), c.line(), c.column());
    }

    /** Frees the live block at {@code head} without an event: a what-if setting aside what only it got. */
    void setAside(long head) {
        allocator.free(head, ledger.order(head));
        ledger.release(head, -1, 0, 0);
    }

    /** A recorded block overlaps live blocks: the events that freed them were lost, so they count as freed. */
    void evictOverlapping(CommonFields c, long pfn, int order) {
        long end = pfn + (1L << order);
        List<Long> heads = new ArrayList<>();
        long outer = ledger.headOf(pfn);
        if (outer >= 0) {
            heads.add(outer);
        }
        for (long p = pfn; p < end; p++) {
            if (ledger.isHead(p) && p != outer) {
                heads.add(p);
                p += (1L << ledger.order(p)) - 1;
            }
        }
        List<Related> related = new ArrayList<>();
        StringBuilder what = new StringBuilder();
        for (long h : heads) {
            related.add(allocRelated(h));
            if (what.length() > 0) {
                what.append(", ");
            }
            what.append("pfn ").append(h).append(" order ").append(ledger.order(h)).append(heldBy(h));
            allocator.free(h, ledger.order(h));
            ledger.release(h, c.number(), c.line(), c.column());
        }
        findings.emit(FindingKind.TRACE_GAP, Severity.WARNING, c, pfn, order, -1, null,
                "recorded block at pfn " + pfn + " of order " + order + " overlaps live " + what
                        + ": the events that freed them were lost, so they count as freed",
                related, null);
    }

    void free(Event.Free f) {
        CommonFields c = f.common();
        long pfn = f.pfn();
        if (pfn == Event.NULL_PFN) {
            return; // a free of NULL frees nothing, as in the kernel
        }
        if (!ledger.inRange(pfn) || allocator.zoneOf(pfn) < 0) {
            findings.emit(FindingKind.INVALID_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", which is outside the machine's memory", List.of(), null);
            return;
        }
        if (ledger.isHead(pfn)) {
            freeBlock(f, pfn);
            return;
        }
        long head = ledger.headOf(pfn);
        if (head >= 0) {
            findings.emit(FindingKind.INVALID_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", inside the order-" + ledger.order(head) + " block at pfn " + head
                            + heldBy(head) + ": only a block's first page can be freed",
                    List.of(allocRelated(head)), null);
            return;
        }
        long freedBy = ledger.freedBy(pfn);
        long freedHead = ledger.freedHead(pfn);
        if (freedBy >= 0 && freedHead >= 0 && freedHead != pfn) {
            // CLI.md: the page was never a block's first page, so this is no second free of a block
            findings.emit(FindingKind.INVALID_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", inside the order-" + ledger.freedOrder(pfn) + " block at pfn "
                            + freedHead + ", which was freed at event " + freedBy
                            + ": only a block's first page can be freed",
                    freedRelated(pfn), null);
            return;
        }
        if (freedBy >= 0) {
            findings.emit(FindingKind.DOUBLE_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", which was already freed at event " + freedBy, freedRelated(pfn), null);
            return;
        }
        if (window) {
            findings.emit(FindingKind.UNKNOWN_FREE, Severity.INFO, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", which the trace has not seen allocated (allocated before it began)",
                    List.of(), null);
            int order = f.order() > 0 ? f.order() : 0;
            long size = 1L << order;
            int blockOrder = (pfn & (size - 1)) == 0 ? order : Ledger.NOT_HEAD;
            for (long p = pfn; p < pfn + size && ledger.inRange(p); p++) {
                ledger.markFreedUnknown(p, c.number(), c.line(), c.column(), blockOrder);
            }
            return;
        }
        findings.emit(FindingKind.INVALID_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                "free of pfn " + pfn + ", which was never allocated", List.of(), null);
    }

    private void freeBlock(Event.Free f, long head) {
        CommonFields c = f.common();
        int order = ledger.order(head);
        int blockOwner = ledger.owner(head);
        int actor = owners.id(c.owner());
        if (foreign(actor, blockOwner)) {
            boolean exclusive = ledger.exclusive(head);
            findings.emit(FindingKind.FOREIGN_FREE, exclusive ? Severity.ERROR : Severity.WARNING, c, head, order, -1,
                    null, "free of the " + (exclusive ? "exclusive " : "") + "order-" + order + " block at pfn "
                            + head + " by " + c.owner() + ", but it belongs to " + owners.name(blockOwner),
                    List.of(allocRelated(head)), null);
        }
        if (f.order() != Event.ABSENT && f.order() != order) {
            findings.emit(FindingKind.ORDER_MISMATCH, Severity.ERROR, c, head, f.order(), -1, null,
                    "free of pfn " + head + " with order " + f.order() + ", but it was allocated with order "
                            + order + "; order " + order + " is freed",
                    List.of(allocRelated(head)), null);
        }
        allocator.free(head, order);
        ledger.release(head, c.number(), c.line(), c.column());
    }

    /** An access ({@code to == null}) or a transfer to {@code to}. */
    void touch(CommonFields c, long pfn, Touch how, String to) {
        long head = ledger.headOf(pfn);
        if (head < 0) {
            useOfFreePage(c, pfn, how);
            return;
        }
        int blockOwner = ledger.owner(head);
        int actor = owners.id(c.owner());
        boolean foreign = foreign(actor, blockOwner);
        if (to != null) {
            if (foreign) {
                findings.emit(FindingKind.FOREIGN_TRANSFER, Severity.ERROR, c, pfn, ledger.order(head), -1, null,
                        "transfer of the order-" + ledger.order(head) + " block at pfn " + head + " to " + to
                                + " by " + c.owner() + ", but it belongs to " + owners.name(blockOwner),
                        List.of(allocRelated(head)), null);
            }
            ledger.transfer(head, owners.id(to));
        } else if (foreign && ledger.exclusive(head)) {
            List<Related> related = new ArrayList<>(3);
            related.add(allocRelated(head));
            if (ledger.freedBy(pfn) >= 0 && ledger.freedOwner(pfn) == actor) {
                related.add(new Related(Related.Role.PREVIOUS_OWNER, ledger.freedAlloc(pfn),
                        ledger.freedAllocLine(pfn), ledger.freedAllocColumn(pfn), c.owner(), null));
                related.add(lastFree(pfn));
            }
            findings.emit(FindingKind.EXCLUSIVE_VIOLATION, Severity.ERROR, c, pfn, ledger.order(head), -1, null,
                    how.label() + " of pfn " + pfn + " by " + c.owner() + ", but the exclusive order-"
                            + ledger.order(head) + " block at pfn " + head + " belongs to " + owners.name(blockOwner),
                    related, null);
        }
    }

    private void useOfFreePage(CommonFields c, long pfn, Touch how) {
        long freedBy = ledger.freedBy(pfn);
        if (freedBy < 0 && window) {
            return;
        }
        String actor = c.owner() == null ? "" : " by " + c.owner();
        if (freedBy < 0) {
            String where = ledger.inRange(pfn) && allocator.zoneOf(pfn) >= 0
                    ? "which is not allocated" : "which is outside the machine's memory";
            findings.emit(FindingKind.USE_AFTER_FREE, Severity.ERROR, c, pfn, -1, -1, null,
                    how.label() + " of pfn " + pfn + actor + ", " + where, List.of(), null);
            return;
        }
        findings.emit(FindingKind.USE_AFTER_FREE, Severity.ERROR, c, pfn, -1, -1, null,
                how.label() + " of pfn " + pfn + actor + " after it was freed at event " + freedBy,
                freedRelated(pfn), null);
    }

    // ---- events as columns: the common cases, which change the ledger without a finding ----

    /** The block at {@code head} is now event {@code i}'s of {@code b}, as {@link #take(long, Event.Alloc)}. */
    void take(long head, EventColumns b, int i) {
        ledger.allocate(head, b.order(i), ownerIds.of(b, b.owner(i)), siteIds.of(b, b.site(i)),
                (b.gfp(i) & Gfp.EXCLUSIVE) != 0, b.number(i), b.line(i), b.column(i));
    }

    /**
     * Whether the free {@code i} of {@code b} finds nothing: a free of NULL, or of a whole live
     * block by its owner (or by nobody named) with its order or none. Looks up the actor, as
     * {@link #free(Event.Free)} does, and changes nothing else.
     */
    boolean quietFree(EventColumns b, int i) {
        long pfn = b.pfn(i);
        if (pfn == Event.NULL_PFN) {
            return true;
        }
        if (!ledger.isHead(pfn) || allocator.zoneOf(pfn) < 0) {
            return false;
        }
        int blockOwner = ledger.owner(pfn);
        int actor = ownerIds.of(b, b.owner(i));
        int order = b.order(i);
        return !foreign(actor, blockOwner)
                && (order == Event.ABSENT || order == ledger.order(pfn));
    }

    /** Frees what the quiet free {@code i} of {@code b} names. */
    void free(EventColumns b, int i) {
        long head = b.pfn(i);
        if (head != Event.NULL_PFN) {
            allocator.free(head, ledger.order(head));
            ledger.release(head, b.number(i), b.line(i), b.column(i));
        }
    }

    /**
     * Whether the access or transfer {@code i} of {@code b} finds nothing: one of a live block by its
     * owner (or by nobody named), or an access of a block that is not exclusive. Looks up the actor,
     * as {@link #touch} does, and changes nothing else.
     */
    boolean quietTouch(EventColumns b, int i) {
        long head = ledger.headOf(b.pfn(i));
        if (head < 0) {
            return false;
        }
        int blockOwner = ledger.owner(head);
        int actor = ownerIds.of(b, b.owner(i));
        boolean foreign = foreign(actor, blockOwner);
        return !foreign || b.op(i) == Op.ACCESS && !ledger.exclusive(head);
    }

    /** Hands over the block of the quiet transfer {@code i} of {@code b}. */
    void transfer(EventColumns b, int i) {
        ledger.transfer(ledger.headOf(b.pfn(i)), ownerIds.of(b, b.text(i)));
    }

    /** Whether {@code actor} acts on a block another owner holds; no finding when either is unnamed (-1). */
    private static boolean foreign(int actor, int blockOwner) {
        return actor >= 0 && blockOwner >= 0 && actor != blockOwner;
    }

    // ---- the other events a finding points to ----

    private String heldBy(long head) {
        String o = owners.name(ledger.owner(head));
        return o == null ? "" : " held by " + o;
    }

    private Related allocRelated(long head) {
        return new Related(Related.Role.ALLOC, ledger.allocEvent(head), ledger.allocLine(head),
                ledger.allocColumn(head), owners.name(ledger.owner(head)), sites.name(ledger.site(head)));
    }

    /** The allocation of the freed block {@code pfn} was in, when the trace saw it, then its free. */
    private List<Related> freedRelated(long pfn) {
        List<Related> related = new ArrayList<>(2);
        if (ledger.freedAlloc(pfn) >= 0) {
            related.add(new Related(Related.Role.ALLOC, ledger.freedAlloc(pfn), ledger.freedAllocLine(pfn),
                    ledger.freedAllocColumn(pfn), null, null));
        }
        related.add(lastFree(pfn));
        return related;
    }

    /** The free that last touched {@code pfn}, naming who held the block then. */
    private Related lastFree(long pfn) {
        return new Related(Related.Role.FREE, ledger.freedBy(pfn), ledger.freedLine(pfn), ledger.freedColumn(pfn),
                owners.name(ledger.freedOwner(pfn)), null);
    }
}
