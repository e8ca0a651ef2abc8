package labyrinth.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.Allocator;
import labyrinth.core.FailureReason;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.core.MachineTooLargeException;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Header;
import labyrinth.trace.Op;
import labyrinth.trace.Scope;

/**
 * Replays a trace's events on the allocator model and the ownership ledger, emitting findings to
 * a listener as it goes (CLI.md's finding table, TRACE-FORMAT.md's event semantics). The same
 * engine serves {@code replay}, the REPL, {@code triage} and {@code reduce}.
 *
 * <p>In {@link Mode#SIMULATE} the model decides every allocation; a recorded result that differs
 * is a divergence, after which the replay follows the recording so that later events stay
 * aligned. In {@link Mode#OBSERVE} recorded results are taken as they are.
 *
 * <p>Not thread-safe: one per trace. {@link #copy} gives an independent replayer at the same point.
 */
public final class Replayer {
    private static final int TOP_OWNERS = 5;

    private final Header header;
    private final Mode mode;
    private final Allocator allocator;
    private final Ledger ledger;
    private Interner owners;
    private Interner sites;
    private FindingListener listener;
    private final Findings findings;
    private final Headroom headroom;
    private AllocGate gate = AllocGate.NONE;

    private long events;
    private long allocs;
    private long frees;
    private long failures;
    private long peakUsed;
    private long peakEvent = -1;
    private long lastNumber = -1;
    private boolean lastSeqGiven;
    private Finding firstDivergence;
    private PanicVerdict panic;
    private long ignoredAfterPanic;
    private long kswapdWakes;
    private boolean finished;
    private long lastAllocatedHead = -1;
    private long lastAllocatedSerial = -1;
    /** For {@link #apply(EventColumns, int)}: owner and site ids of the string ids of columns. */
    private final StringIds ownerIds;
    private final StringIds siteIds;

    public Replayer(Header header, Mode mode, long maxPages, FindingListener listener) {
        checkSize(header.machine(), maxPages);
        this.header = header;
        this.mode = mode;
        this.allocator = new Allocator(header.machine(), maxPages);
        this.ledger = new Ledger(header.machine().endPfn(), header.machine().maxOrder());
        this.owners = new Interner();
        this.sites = new Interner();
        ownerIds = new StringIds(owners);
        siteIds = new StringIds(sites);
        this.listener = listener;
        this.findings = new Findings();
        this.headroom = new Headroom(allocator);
    }

    private Replayer(Replayer o, FindingListener listener) {
        header = o.header;
        mode = o.mode;
        allocator = o.allocator.copy();
        ledger = o.ledger.copy();
        owners = o.owners.copy();
        sites = o.sites.copy();
        ownerIds = new StringIds(owners);
        siteIds = new StringIds(sites);
        this.listener = listener;
        findings = o.findings.copy();
        headroom = o.headroom.copy();
        gate = o.gate;
        events = o.events;
        allocs = o.allocs;
        frees = o.frees;
        failures = o.failures;
        peakUsed = o.peakUsed;
        peakEvent = o.peakEvent;
        lastNumber = o.lastNumber;
        lastSeqGiven = o.lastSeqGiven;
        firstDivergence = o.firstDivergence;
        panic = o.panic;
        ignoredAfterPanic = o.ignoredAfterPanic;
        kswapdWakes = o.kswapdWakes;
        finished = o.finished;
        lastAllocatedHead = o.lastAllocatedHead;
        lastAllocatedSerial = o.lastAllocatedSerial;
    }

    /**
     * Refuses a machine this replayer would refuse, before any memory is taken for it, so that a
     * trace {@code validate} passes is one {@code replay} reads.
     *
     * @throws MachineTooLargeException when it has more than {@code maxPages} pages, or spans more
     *     page frames than that (the ledger covers pfn 0 to the end of the highest zone, so a small
     *     zone far up counts in full)
     */
    public static void checkSize(Machine machine, long maxPages) {
        if (machine.totalPages() > maxPages) {
            throw new MachineTooLargeException(machine.totalPages(), maxPages);
        }
        if (machine.endPfn() > maxPages) {
            throw new MachineTooLargeException(machine.endPfn(), maxPages, true);
        }
    }

    /** The mode a trace replays in unless told otherwise: simulate a complete trace, observe a window. */
    public static Mode defaultMode(Scope scope) {
        return scope == Scope.WINDOW ? Mode.OBSERVE : Mode.SIMULATE;
    }

    /** An independent replayer at the same point, reporting to {@code newListener}. */
    public Replayer copy(FindingListener newListener) {
        return new Replayer(this, newListener);
    }

    /**
     * Applies one event.
     *
     * @return false when the event was ignored because the recorded run had already panicked
     */
    public boolean apply(Event e) {
        if (panic != null) {
            ignoredAfterPanic++;
            return false;
        }
        CommonFields c = e.common();
        checkSeq(c);
        events++;
        if (e instanceof Event.Alloc a) {
            alloc(a);
        } else if (e instanceof Event.Free f) {
            free(f);
        } else if (e instanceof Event.Access a) {
            touch(c, a.pfn(), a.write() ? "write" : "read", null);
        } else if (e instanceof Event.Transfer t) {
            touch(c, t.pfn(), "transfer", t.to());
        } else if (e instanceof Event.Panic p) {
            panic(p);
        } else if (e instanceof Event.Mark m && m.gap()) {
            lost(m);
        }
        return true;
    }

    /**
     * Applies event {@code i} of {@code b}, exactly as {@link #apply(Event)} applies
     * {@code b.event(i)}. An event that changes the state without a finding (most of them) is
     * applied from the columns; any other is built and applied as an object, before it changes
     * anything, except an allocation, which the model decides first.
     *
     * @return false when the event was ignored because the recorded run had already panicked
     */
    public boolean apply(EventColumns b, int i) {
        if (b.carried(i) != null || panic != null
                || b.seqGiven(i) && lastSeqGiven && b.number(i) > lastNumber + 1) {
            return apply(b.event(i));
        }
        boolean quiet = switch (b.op(i)) {
            case ALLOC -> mode == Mode.SIMULATE && gate == AllocGate.NONE
                    && !(Gfp.maySleep(b.gfp(i)) && b.ctx(i).mayNotSleep());
            case FREE -> b.pfn(i) == Event.NULL_PFN || quietFree(b, i);
            case ACCESS, TRANSFER -> quietTouch(b, i);
            case PANIC, MARK -> false;
        };
        if (!quiet) {
            return apply(b.event(i));
        }
        lastNumber = b.number(i);
        lastSeqGiven = b.seqGiven(i);
        events++;
        switch (b.op(i)) {
            case ALLOC -> allocColumns(b, i);
            case FREE -> {
                frees++;
                long head = b.pfn(i);
                if (head != Event.NULL_PFN) {
                    allocator.free(head, ledger.order(head));
                    ledger.release(head, b.number(i), b.line(i), b.column(i));
                }
            }
            case TRANSFER -> ledger.transfer(ledger.headOf(b.pfn(i)), ownerIds.of(b, b.text(i)));
            default -> {
                // an access of the owner's own block, or of a shared one: nothing changes
            }
        }
        return true;
    }

    /** A free of a whole live block by its owner (or by nobody named), with its order or none. */
    private boolean quietFree(EventColumns b, int i) {
        long pfn = b.pfn(i);
        if (!ledger.isHead(pfn) || allocator.zoneOf(pfn) < 0) {
            return false;
        }
        int blockOwner = ledger.owner(pfn);
        int actor = ownerIds.of(b, b.owner(i));
        int order = b.order(i);
        return (actor < 0 || blockOwner < 0 || actor == blockOwner) && (order == Event.ABSENT || order == ledger.order(pfn));
    }

    /** An access or transfer of a live block by its owner, or an access of a block that is not exclusive. */
    private boolean quietTouch(EventColumns b, int i) {
        long head = ledger.headOf(b.pfn(i));
        if (head < 0) {
            return false;
        }
        int blockOwner = ledger.owner(head);
        int actor = ownerIds.of(b, b.owner(i));
        boolean foreign = actor >= 0 && blockOwner >= 0 && actor != blockOwner;
        return !foreign || b.op(i) == Op.ACCESS && !ledger.exclusive(head);
    }

    private void allocColumns(EventColumns b, int i) {
        allocs++;
        int order = b.order(i);
        long gfp = b.gfp(i);
        long result = allocator.allocate(order, gfp);
        if (allocator.lastWokeKswapd()) {
            kswapdWakes++;
        }
        long recorded = b.pfn(i);
        if (result < 0 || allocator.pressure() != 0 || recorded != Event.UNRECORDED && recorded != result) {
            decided((Event.Alloc) b.event(i), result);
            return;
        }
        int zone = allocator.lastZone();
        long number = b.number(i);
        lastAllocatedHead = result;
        lastAllocatedSerial = events;
        ledger.allocate(result, order, ownerIds.of(b, b.owner(i)), siteIds.of(b, b.site(i)), (gfp & Gfp.EXCLUSIVE) != 0,
                number, b.line(i), b.column(i));
        headroom.allocated(zone, allocator.freePages(zone), number, b.line(i));
        if (ledger.livePages() > peakUsed) {
            peakUsed = ledger.livePages();
            peakEvent = number;
        }
    }

    /**
     * Lets {@code g} refuse allocations before the model decides them (a what-if's caps). Only a
     * simulate-mode replay asks it, and only for requests the recording does not decide.
     */
    public void gate(AllocGate g) {
        gate = g;
    }

    /**
     * Ends the replay without any leak report: a what-if that stops where the recorded run panicked,
     * although it did not panic itself, holds what it holds only because the recording stops there.
     */
    public void finishWithoutLeaks() {
        finished = true;
    }

    /**
     * An event the caller leaves out on purpose (a what-if's fixed leak, or an event about a block it
     * never got): not replayed or counted, but the next event's {@code seq} is checked from it, so
     * leaving it out is no gap.
     */
    public void passOver(Event e) {
        if (panic == null) {
            lastNumber = e.common().number();
            lastSeqGiven = e.common().seqGiven();
        }
    }

    /** Ends the replay: leaks, unless the recorded run panicked. Call once, after the last event. */
    public void finish() {
        finish(false);
    }

    /**
     * Ends the replay of a trace that was {@code cut} short (or not): a cut complete trace no
     * longer covers the whole run, so what it still holds is reported like a window's, as info.
     */
    public void finish(boolean cut) {
        if (finished) {
            return;
        }
        finished = true;
        if (panic == null) {
            reportLeaks(cut);
        }
    }

    private void checkSeq(CommonFields c) {
        if (c.seqGiven() && lastSeqGiven && c.number() > lastNumber + 1) {
            long lost = c.number() - lastNumber - 1;
            emit(FindingKind.TRACE_GAP, Severity.WARNING, c, -1, -1, -1, null,
                    "seq jumped from " + lastNumber + " to " + c.number() + ": " + lost
                            + (lost == 1 ? " event was" : " events were") + " lost",
                    List.of(), null);
        }
        lastNumber = c.number();
        lastSeqGiven = c.seqGiven();
    }

    /** The recorder says it lost events here (a kernel capture's LOST or overrun line). */
    private void lost(Event.Mark m) {
        CommonFields c = m.common();
        long n = m.lost();
        String how = n == Event.Mark.LOST_UNCOUNTED ? "events" : n + (n == 1 ? " event" : " events");
        String where = c.cpu() >= 0 ? " on CPU " + c.cpu() : "";
        String said = m.label() == null ? "" : " (\"" + m.label() + "\")";
        emit(FindingKind.TRACE_GAP, Severity.WARNING, c, -1, -1, -1, null,
                "the recorder lost " + how + where + " here" + said + ": allocations and frees may be missing",
                List.of(), null);
    }

    // ---- alloc ----

    private void alloc(Event.Alloc a) {
        allocs++;
        CommonFields c = a.common();
        int order = a.order();
        long gfp = a.gfp();
        if (Gfp.maySleep(gfp) && c.ctx().mayNotSleep()) {
            emit(FindingKind.SLEEP_IN_ATOMIC, Severity.ERROR, c, -1, order, gfp, null,
                    describeRequest(a) + " may sleep (__GFP_DIRECT_RECLAIM) but runs in " + c.ctx().label()
                            + " context",
                    List.of(), null);
        }
        if (mode == Mode.OBSERVE && a.recorded()) {
            followRecording(a);
            return;
        }
        String refused = gate.refuse(a, this);
        if (refused != null) {
            failed(a, AllocGate.CAP, refused);
            return;
        }
        long result = allocator.allocate(order, gfp);
        if (allocator.lastWokeKswapd()) {
            kswapdWakes++;
        }
        decided(a, result);
    }

    /** The model decided {@code a} with {@code result}: take it, or report that it failed or diverged. */
    private void decided(Event.Alloc a, long result) {
        CommonFields c = a.common();
        int order = a.order();
        long gfp = a.gfp();
        int pressure = result >= 0 ? allocator.pressure() : 0;
        int zone = result >= 0 ? allocator.lastZone() : -1;
        if (!a.recorded() || result == a.pfn() || (result < 0 && a.pfn() == Event.NULL_PFN)) {
            if (result >= 0) {
                allocated(a, result, pressure, zone);
            } else {
                failed(a, FailureReason.ofCode(result).label(), allocator.explainFailure(order, gfp));
            }
            return;
        }
        String replayed = result >= 0 ? "pfn " + result : "a failure (" + FailureReason.ofCode(result).label() + ")";
        String recorded = a.pfn() == Event.NULL_PFN ? "a failure" : "pfn " + a.pfn();
        Finding d = emit(FindingKind.DIVERGENCE, Severity.ERROR, c, a.pfn() >= 0 ? a.pfn() : -1, order, gfp, null,
                describeRequest(a) + ": the replay got " + replayed + ", the recording got " + recorded
                        + "; the replay follows the recording from here",
                List.of(), null);
        if (firstDivergence == null) {
            firstDivergence = d;
        }
        if (result >= 0) {
            // the model's placement never happened: its pressure points stay armed for the real ones
            allocator.undoAllocation(result, order);
        }
        followRecording(a);
    }

    /** Takes the recorded result as it is; pressure points are those of the recorded block's zone. */
    private void followRecording(Event.Alloc a) {
        CommonFields c = a.common();
        int order = a.order();
        long pfn = a.pfn();
        if (pfn == Event.NULL_PFN) {
            failed(a, "recorded", "it failed in the recorded run");
            return;
        }
        long size = 1L << order;
        int zone = allocator.zoneOf(pfn);
        if ((pfn & (size - 1)) != 0 || zone < 0 || allocator.zoneOf(pfn + size - 1) != zone) {
            emit(FindingKind.TRACE_GAP, Severity.WARNING, c, pfn, order, a.gfp(), null,
                    "recorded block at pfn " + pfn + " of order " + order + " is not a block of this machine ("
                            + ((pfn & (size - 1)) != 0 ? "not aligned to its order" : "outside its zones")
                            + "); the allocation is left out",
                    List.of(), null);
            return;
        }
        if (!allocator.claim(pfn, order)) {
            evictOverlapping(c, pfn, order);
            if (!allocator.claim(pfn, order)) {
                throw new IllegalStateException("event " + c.number() + ": cannot claim pfn " + pfn + " order "
                        + order + " after freeing every live block overlapping it");
            }
        }
        allocated(a, pfn, allocator.pressure(), allocator.lastZone());
    }

    /** A recorded block overlaps live blocks: the events that freed them were lost. */
    private void evictOverlapping(CommonFields c, long pfn, int order) {
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
            related.add(new Related("alloc", ledger.allocEvent(h), ledger.allocLine(h), ledger.allocColumn(h),
                    owners.name(ledger.owner(h)), sites.name(ledger.site(h))));
            if (what.length() > 0) {
                what.append(", ");
            }
            what.append("pfn ").append(h).append(" order ").append(ledger.order(h));
            String holder = owners.name(ledger.owner(h));
            if (holder != null) {
                what.append(" held by ").append(holder);
            }
            allocator.free(h, ledger.order(h));
            ledger.release(h, c.number(), c.line(), c.column());
        }
        emit(FindingKind.TRACE_GAP, Severity.WARNING, c, pfn, order, -1, null,
                "recorded block at pfn " + pfn + " of order " + order + " overlaps live " + what
                        + ": the events that freed them were lost, so they count as freed",
                related, null);
    }

    private void allocated(Event.Alloc a, long pfn, int pressure, int zone) {
        CommonFields c = a.common();
        lastAllocatedHead = pfn;
        lastAllocatedSerial = events;
        ledger.allocate(pfn, a.order(), owners.id(c.owner()), sites.id(c.site()), (a.gfp() & Gfp.EXCLUSIVE) != 0,
                c.number(), c.line(), c.column());
        if (zone >= 0) {
            headroom.allocated(zone, allocator.freePages(zone), c.number(), c.line());
        }
        if (ledger.livePages() > peakUsed) {
            peakUsed = ledger.livePages();
            peakEvent = c.number();
        }
        if ((pressure & Allocator.PRESSURE_LOW) != 0) {
            pressureFinding(a, FindingKind.WATERMARK_LOW, Severity.INFO, zone, "low", allocator.watermarks(zone).low());
        }
        if ((pressure & Allocator.PRESSURE_MIN) != 0) {
            pressureFinding(a, FindingKind.WATERMARK_MIN, Severity.WARNING, zone, "min", allocator.watermarks(zone).min());
        }
    }

    private void pressureFinding(Event.Alloc a, FindingKind kind, Severity severity, int zone, String mark, long value) {
        String zoneName = allocator.zoneKind(zone).label();
        emit(kind, severity, a.common(), -1, a.order(), a.gfp(), null,
                zoneName + " free " + allocator.freePages(zone) + " <= " + mark + " " + value + " after "
                        + describeRequest(a),
                List.of(), memory());
    }

    private void failed(Event.Alloc a, String reason, String why) {
        failures++;
        long gfp = a.gfp();
        Severity severity = (gfp & Gfp.NOFAIL) != 0 ? Severity.ERROR
                : (gfp & Gfp.NOWARN) != 0 ? Severity.INFO : Severity.WARNING;
        emit(FindingKind.ALLOC_FAILURE, severity, a.common(), -1, a.order(), gfp, reason,
                describeRequest(a) + " failed: " + why, List.of(), memory());
    }

    private String describeRequest(Event.Alloc a) {
        CommonFields c = a.common();
        StringBuilder sb = new StringBuilder(64).append("order-").append(a.order()).append(' ')
                .append(header.machine().gfpNames().format(a.gfp()));
        if (c.owner() != null) {
            sb.append(" by ").append(c.owner());
        }
        return sb.append(" in ").append(c.ctx().label()).toString();
    }

    // ---- free ----

    private void free(Event.Free f) {
        frees++;
        CommonFields c = f.common();
        long pfn = f.pfn();
        if (pfn == Event.NULL_PFN) {
            return;
        }
        if (!ledger.inRange(pfn) || allocator.zoneOf(pfn) < 0) {
            emit(FindingKind.INVALID_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", which is outside the machine's memory", List.of(), null);
            return;
        }
        if (ledger.isHead(pfn)) {
            freeBlock(f, pfn);
            return;
        }
        long head = ledger.headOf(pfn);
        if (head >= 0) {
            emit(FindingKind.INVALID_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", inside the order-" + ledger.order(head) + " block at pfn " + head
                            + heldBy(head) + ": only a block's first page can be freed",
                    List.of(allocRelated(head)), null);
            return;
        }
        long freedBy = ledger.freedBy(pfn);
        long freedHead = ledger.freedHead(pfn);
        if (freedBy >= 0 && freedHead >= 0 && freedHead != pfn) {
            // CLI.md: the page was never a block's first page, so this is no second free of a block
            List<Related> related = new ArrayList<>(2);
            if (ledger.freedAlloc(pfn) >= 0) {
                related.add(freedAllocRelated(pfn));
            }
            related.add(freedRelated(pfn));
            emit(FindingKind.INVALID_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", inside the order-" + ledger.freedOrder(pfn) + " block at pfn "
                            + freedHead + ", which was freed at event " + freedBy
                            + ": only a block's first page can be freed",
                    related, null);
            return;
        }
        if (freedBy >= 0) {
            List<Related> related = new ArrayList<>(2);
            if (ledger.freedAlloc(pfn) >= 0) {
                related.add(freedAllocRelated(pfn));
            }
            related.add(freedRelated(pfn));
            emit(FindingKind.DOUBLE_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                    "free of pfn " + pfn + ", which was already freed at event " + freedBy, related, null);
            return;
        }
        if (header.scope() == Scope.WINDOW) {
            emit(FindingKind.UNKNOWN_FREE, Severity.INFO, c, pfn, f.order(), -1, null,
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
        emit(FindingKind.INVALID_FREE, Severity.ERROR, c, pfn, f.order(), -1, null,
                "free of pfn " + pfn + ", which was never allocated", List.of(), null);
    }

    private void freeBlock(Event.Free f, long head) {
        CommonFields c = f.common();
        int order = ledger.order(head);
        int blockOwner = ledger.owner(head);
        int actor = owners.id(c.owner());
        if (actor >= 0 && blockOwner >= 0 && actor != blockOwner) {
            boolean exclusive = ledger.exclusive(head);
            emit(FindingKind.FOREIGN_FREE, exclusive ? Severity.ERROR : Severity.WARNING, c, head, order, -1, null,
                    "free of the " + (exclusive ? "exclusive " : "") + "order-" + order + " block at pfn " + head
                            + " by " + c.owner() + ", but it belongs to " + owners.name(blockOwner),
                    List.of(allocRelated(head)), null);
        }
        if (f.order() != Event.ABSENT && f.order() != order) {
            emit(FindingKind.ORDER_MISMATCH, Severity.ERROR, c, head, f.order(), -1, null,
                    "free of pfn " + head + " with order " + f.order() + ", but it was allocated with order "
                            + order + "; order " + order + " is freed",
                    List.of(allocRelated(head)), null);
        }
        allocator.free(head, order);
        ledger.release(head, c.number(), c.line(), c.column());
    }

    // ---- access and transfer ----

    /** An access ({@code to == null}) or a transfer to {@code to}. */
    private void touch(CommonFields c, long pfn, String what, String to) {
        long head = ledger.headOf(pfn);
        if (head < 0) {
            useOfFreePage(c, pfn, what);
            return;
        }
        int blockOwner = ledger.owner(head);
        int actor = owners.id(c.owner());
        boolean foreign = actor >= 0 && blockOwner >= 0 && actor != blockOwner;
        if (to != null) {
            if (foreign) {
                emit(FindingKind.FOREIGN_TRANSFER, Severity.ERROR, c, pfn, ledger.order(head), -1, null,
                        "transfer of the order-" + ledger.order(head) + " block at pfn " + head + " to " + to
                                + " by " + c.owner() + ", but it belongs to " + owners.name(blockOwner),
                        List.of(allocRelated(head)), null);
            }
            ledger.transfer(head, owners.id(to));
        } else if (foreign && ledger.exclusive(head)) {
            List<Related> related = new ArrayList<>(3);
            related.add(allocRelated(head));
            if (ledger.freedBy(pfn) >= 0 && ledger.freedOwner(pfn) == actor) {
                related.add(new Related("previous-owner", ledger.freedAlloc(pfn), ledger.freedAllocLine(pfn),
                        ledger.freedAllocColumn(pfn), c.owner(), null));
                related.add(freedRelated(pfn));
            }
            emit(FindingKind.EXCLUSIVE_VIOLATION, Severity.ERROR, c, pfn, ledger.order(head), -1, null,
                    what + " of pfn " + pfn + " by " + c.owner() + ", but the exclusive order-" + ledger.order(head)
                            + " block at pfn " + head + " belongs to " + owners.name(blockOwner),
                    related, null);
        }
    }

    private void useOfFreePage(CommonFields c, long pfn, String what) {
        long freedBy = ledger.freedBy(pfn);
        if (freedBy < 0 && header.scope() == Scope.WINDOW) {
            return;
        }
        String actor = c.owner() == null ? "" : " by " + c.owner();
        if (freedBy < 0) {
            String where = ledger.inRange(pfn) && allocator.zoneOf(pfn) >= 0
                    ? "which is not allocated" : "which is outside the machine's memory";
            emit(FindingKind.USE_AFTER_FREE, Severity.ERROR, c, pfn, -1, -1, null,
                    what + " of pfn " + pfn + actor + ", " + where, List.of(), null);
            return;
        }
        List<Related> related = new ArrayList<>(2);
        if (ledger.freedAlloc(pfn) >= 0) {
            related.add(freedAllocRelated(pfn));
        }
        related.add(freedRelated(pfn));
        emit(FindingKind.USE_AFTER_FREE, Severity.ERROR, c, pfn, -1, -1, null,
                what + " of pfn " + pfn + actor + " after it was freed at event " + freedBy, related, null);
    }

    // ---- panic and end ----

    private void panic(Event.Panic p) {
        CommonFields c = p.common();
        long trigger = p.cause() != Event.ABSENT ? p.cause() : findings.lastTroubleEvent();
        Finding triggerFinding = trigger >= 0 ? findings.troubleAt(trigger) : null;
        boolean reproduced = firstDivergence == null && triggerFinding != null;
        String why;
        if (firstDivergence != null) {
            why = "the replay diverged from the recording at event " + firstDivergence.event()
                    + ", before the panic";
        } else if (trigger < 0) {
            why = "the trace names no cause and the replay found no failure or error before the panic";
        } else if (triggerFinding == null) {
            why = "the trigger, event " + trigger + ", shows no allocation failure or error in the replay";
        } else {
            why = "event " + trigger + " shows " + triggerFinding.kind().label() + " in the replay too: "
                    + triggerFinding.message();
        }
        List<Related> related = trigger >= 0 && triggerFinding != null
                ? List.of(new Related("trigger", trigger, triggerFinding.line(), triggerFinding.column(),
                        triggerFinding.owner(), triggerFinding.site()))
                : trigger >= 0 ? List.of(new Related("trigger", trigger, 0, 0, null, null)) : List.of();
        String message = (reproduced ? "panic reproduced: \"" : "panic not reproduced: \"") + p.message() + "\""
                + (trigger >= 0 ? " (trigger: event " + trigger + ")" : " (no trigger)");
        emit(FindingKind.PANIC, Severity.ERROR, c, -1, -1, -1, null, message, related, null);
        panic = new PanicVerdict(c.number(), c.line(), c.column(), p.message(), reproduced, trigger,
                triggerFinding, holders(Integer.MAX_VALUE), why);
    }

    private void reportLeaks(boolean cut) {
        boolean whole = header.scope() == Scope.COMPLETE && !cut;
        Severity severity = whole ? Severity.ERROR : Severity.INFO;
        for (LeakGroup g : leakGroups()) {
            String ownerName = owners.name(g.owner);
            String siteName = sites.name(g.site);
            CommonFields at = new CommonFields(g.firstEvent, false, g.line, (int) g.column, CommonFields.NO_TIME, -1,
                    labyrinth.trace.Context.TASK, ownerName, siteName, List.of());
            emit(FindingKind.LEAK, severity, at, g.firstHead, g.firstOrder, -1, null,
                    g.pages + (g.pages == 1 ? " page" : " pages") + " in " + g.blocks
                            + (g.blocks == 1 ? " block" : " blocks") + " allocated by "
                            + (ownerName == null ? "an unnamed owner" : ownerName)
                            + (siteName == null ? "" : " at " + siteName)
                            + (whole ? " never freed" : cut ? " still held where the trace was cut short"
                                    : " still held when the trace ends"),
                    List.of(), null);
        }
    }

    private static final class LeakGroup {
        int owner;
        int site;
        long pages;
        long blocks;
        long firstEvent = Long.MAX_VALUE;
        long firstHead;
        int firstOrder;
        long line;
        long column;
    }

    private List<LeakGroup> leakGroups() {
        Map<Long, LeakGroup> groups = new HashMap<>();
        ledger.forEachLive((head, order) -> {
            long key = ((long) ledger.owner(head) << 32) ^ (ledger.site(head) & 0xffffffffL);
            LeakGroup g = groups.computeIfAbsent(key, k -> new LeakGroup());
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
        List<LeakGroup> list = new ArrayList<>(groups.values());
        list.sort(Comparator.comparingLong(g -> g.firstEvent));
        return list;
    }

    /** What holds memory now, by owner and site, most pages first (then by earliest allocation). */
    public List<Holding> holders(int limit) {
        List<Holding> list = new ArrayList<>();
        for (LeakGroup g : leakGroups()) {
            list.add(new Holding(owners.name(g.owner), sites.name(g.site), g.pages, g.blocks, g.firstEvent));
        }
        list.sort(Comparator.comparingLong(Holding::pages).reversed().thenComparingLong(Holding::firstEvent));
        return list.size() > limit ? List.copyOf(list.subList(0, limit)) : list;
    }

    /** The owners holding the most pages now, most first, ties by name. */
    public List<Holding> topOwners(int limit) {
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

    private MemInfo memory() {
        return new MemInfo(allocator.snapshot(), topOwners(TOP_OWNERS));
    }

    // ---- findings ----

    private String heldBy(long head) {
        String o = owners.name(ledger.owner(head));
        return o == null ? "" : " held by " + o;
    }

    private Related allocRelated(long head) {
        return new Related("alloc", ledger.allocEvent(head), ledger.allocLine(head), ledger.allocColumn(head),
                owners.name(ledger.owner(head)), sites.name(ledger.site(head)));
    }

    private Related freedAllocRelated(long pfn) {
        return new Related("alloc", ledger.freedAlloc(pfn), ledger.freedAllocLine(pfn), ledger.freedAllocColumn(pfn),
                null, null);
    }

    /** The free that last touched {@code pfn}, naming who held the block then. */
    private Related freedRelated(long pfn) {
        return new Related("free", ledger.freedBy(pfn), ledger.freedLine(pfn), ledger.freedColumn(pfn),
                owners.name(ledger.freedOwner(pfn)), null);
    }

    private Finding emit(FindingKind kind, Severity severity, CommonFields c, long pfn, int order, long gfp, String reason,
                         String message, List<Related> related, MemInfo memory) {
        Finding f = new Finding(kind, severity, c.number(), c.line(), c.column(), pfn, order, gfp, c.owner(),
                c.ctx(), c.site(), reason, message, related, memory);
        findings.add(f);
        listener.onFinding(f);
        return f;
    }

    // ---- results ----

    public Summary summary() {
        return new Summary(events, allocs, frees, failures, peakUsed, peakEvent, findings.countsByKind(),
                ignoredAfterPanic, kswapdWakes, headroom.zones(allocator));
    }

    /** The recorded panic's verdict, or null when the trace (so far) has none. */
    public PanicVerdict panic() {
        return panic;
    }

    /** The first divergence, or null. */
    public Finding firstDivergence() {
        return firstDivergence;
    }

    /**
     * The verdict of a whole trace: a panic decides it, then a divergence, then any finding at or
     * above {@code failOn} (null: never).
     */
    public Outcome outcome(Severity failOn) {
        return outcome(failOn, false);
    }

    /**
     * The verdict: a panic decides it, then a divergence, then whether the trace was {@code cut}
     * short (what the missing part held, often the panic itself, is unknown, so a cut trace never
     * comes out clean), then any finding at or above {@code failOn} (null: never).
     */
    public Outcome outcome(Severity failOn, boolean cut) {
        if (panic != null) {
            return panic.reproduced() ? Outcome.PANIC_REPRODUCED : Outcome.PANIC_NOT_REPRODUCED;
        }
        if (firstDivergence != null) {
            return Outcome.DIVERGED;
        }
        if (cut) {
            return Outcome.TRUNCATED;
        }
        if (failOn != null && findings.maxSeverity() != null && findings.maxSeverity().atLeast(failOn)) {
            return Outcome.FINDINGS;
        }
        return Outcome.CLEAN;
    }

    public Header header() {
        return header;
    }

    public Mode mode() {
        return mode;
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

    /** The allocator model, for views (REPL, reports); callers must not change it. */
    public Allocator allocator() {
        return allocator;
    }

    // ---- read-only views (REPL) ----

    /** The block the last applied event allocated (its head pfn), or -1 when it allocated none. */
    public long lastAllocated() {
        return lastAllocatedSerial == events ? lastAllocatedHead : -1;
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

    /** Pages held now by {@code owner} (0 when it holds none or was never named). */
    public long pagesOf(String owner) {
        int id = owner == null ? -1 : owners.idIfKnown(owner);
        return id < 0 ? 0 : ledger.ownerPages(id);
    }

    /** Every live block, in pfn order. */
    public List<BlockView> liveBlocks() {
        List<BlockView> list = new ArrayList<>();
        ledger.forEachLive((head, order) -> list.add(blockView(head)));
        return list;
    }

    /**
     * Takes a live block out of the ledger and the model without counting a free: a what-if sets
     * aside the blocks only it got, which no event of the recording can name, before its leak report.
     */
    public void setAside(long head) {
        int order = ledger.order(head);
        allocator.free(head, order);
        ledger.release(head, -1, 0, 0);
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

    /**
     * Per-kind counts, the highest severity seen, and for panic analysis the events that showed an
     * alloc-failure or an error finding (ascending, since events are numbered in trace order).
     */
    private static final class Findings {
        private final EnumMap<FindingKind, Long> counts;
        private Severity max;
        private long[] troubleEvents;
        private Finding[] troubleFindings;
        private int troubleCount;

        Findings() {
            counts = new EnumMap<>(FindingKind.class);
            troubleEvents = new long[16];
            troubleFindings = new Finding[16];
        }

        Findings copy() {
            Findings f = new Findings();
            f.counts.putAll(counts);
            f.max = max;
            f.troubleEvents = troubleEvents.clone();
            f.troubleFindings = troubleFindings.clone();
            f.troubleCount = troubleCount;
            return f;
        }

        void add(Finding f) {
            counts.merge(f.kind(), 1L, Long::sum);
            if (max == null || f.severity().compareTo(max) > 0) {
                max = f.severity();
            }
            boolean trouble = f.kind() == FindingKind.ALLOC_FAILURE || f.severity() == Severity.ERROR;
            if (trouble && f.kind() != FindingKind.LEAK && f.kind() != FindingKind.PANIC
                    && (troubleCount == 0 || troubleEvents[troubleCount - 1] != f.event())) {
                if (troubleCount == troubleEvents.length) {
                    troubleEvents = Arrays.copyOf(troubleEvents, troubleCount * 2);
                    troubleFindings = Arrays.copyOf(troubleFindings, troubleCount * 2);
                }
                troubleEvents[troubleCount] = f.event();
                troubleFindings[troubleCount] = f;
                troubleCount++;
            }
        }

        Map<FindingKind, Long> countsByKind() {
            return counts;
        }

        Severity maxSeverity() {
            return max;
        }

        long lastTroubleEvent() {
            return troubleCount == 0 ? -1 : troubleEvents[troubleCount - 1];
        }

        Finding troubleAt(long event) {
            int i = Arrays.binarySearch(troubleEvents, 0, troubleCount, event);
            if (i >= 0) {
                return troubleFindings[i];
            }
            // numbers ascend unless a trace mixes seq and positions; then only a scan finds it
            for (int j = troubleCount - 1; j >= 0; j--) {
                if (troubleEvents[j] == event) {
                    return troubleFindings[j];
                }
            }
            return null;
        }
    }
}
