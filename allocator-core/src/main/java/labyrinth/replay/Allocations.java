package labyrinth.replay;

import labyrinth.core.Allocator;
import labyrinth.core.FailureReason;
import labyrinth.core.Gfp;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;

/**
 * The allocation decision: the model decides (or, in {@link Mode#OBSERVE}, the recording does), a
 * recorded result that differs is a divergence after which the recording is followed, and the
 * block goes to its owner; with the counts a summary gives (allocations, failures, kswapd wakes,
 * peak use) and the first divergence.
 */
final class Allocations {
    private final Mode mode;
    private final Allocator allocator;
    private final Ledger ledger;
    private final Ownership ownership;
    private final Headroom headroom;
    private final AllocFindings allocFindings;
    private final ReplayView view;
    private AllocGate gate = AllocGate.NONE;

    private long allocs;
    private long failures;
    private long kswapdWakes;
    private long peakUsed;
    private long peakEvent = -1;
    private Finding firstDivergence;
    private long lastAllocatedHead = -1;
    private long lastAllocatedSerial = -1;
    /** The serial of the allocation being decided (the replayer's count of applied events). */
    private long serial;

    Allocations(Mode mode, Allocator allocator, Ledger ledger, Ownership ownership, Headroom headroom,
                AllocFindings allocFindings, ReplayView view) {
        this.mode = mode;
        this.allocator = allocator;
        this.ledger = ledger;
        this.ownership = ownership;
        this.headroom = headroom;
        this.allocFindings = allocFindings;
        this.view = view;
    }

    /** A copy of {@code o}'s counts and gate, over the replayer copy's own parts. */
    Allocations(Allocations o, Allocator allocator, Ledger ledger, Ownership ownership, Headroom headroom,
                AllocFindings allocFindings, ReplayView view) {
        this(o.mode, allocator, ledger, ownership, headroom, allocFindings, view);
        gate = o.gate;
        allocs = o.allocs;
        failures = o.failures;
        kswapdWakes = o.kswapdWakes;
        peakUsed = o.peakUsed;
        peakEvent = o.peakEvent;
        firstDivergence = o.firstDivergence;
        lastAllocatedHead = o.lastAllocatedHead;
        lastAllocatedSerial = o.lastAllocatedSerial;
        serial = o.serial;
    }

    void gate(AllocGate g) {
        gate = g;
    }

    /** Whether the allocation {@code i} of {@code b} can be decided from the columns: no gate, no recording to follow, no sleep finding. */
    boolean quiet(EventColumns b, int i) {
        return mode == Mode.SIMULATE && gate == AllocGate.NONE && !(Gfp.maySleep(b.gfp(i)) && b.ctx(i).mayNotSleep());
    }

    /** An allocation the model decides; built as an object only when it fails, diverges or fires a pressure point. */
    void alloc(EventColumns b, int i, long serial) {
        allocs++;
        long result = allocator.allocate(b.order(i), b.gfp(i));
        if (allocator.lastWokeKswapd()) {
            kswapdWakes++;
        }
        long recorded = b.pfn(i);
        if (result < 0 || allocator.pressure() != 0 || recorded != Event.UNRECORDED && recorded != result) {
            this.serial = serial;
            decided((Event.Alloc) b.event(i), result);
            return;
        }
        int zone = allocator.lastZone();
        lastAllocatedHead = result;
        lastAllocatedSerial = serial;
        ownership.take(result, b, i);
        headroom.allocated(zone, allocator.freePages(zone), b.number(i), b.line(i));
        if (ledger.livePages() > peakUsed) {
            peakUsed = ledger.livePages();
            peakEvent = b.number(i);
        }
    }

    void alloc(Event.Alloc a, long serial) {
        this.serial = serial;
        allocs++;
        allocFindings.checkSleep(a);
        if (mode == Mode.OBSERVE && a.recorded()) {
            followRecording(a);
            return;
        }
        String refused = gate.refuse(a, view);
        if (refused != null) {
            failed(a, FailureCause.CAP, refused);
            return;
        }
        long result = allocator.allocate(a.order(), a.gfp());
        if (allocator.lastWokeKswapd()) {
            kswapdWakes++;
        }
        decided(a, result);
    }

    /** The model decided {@code a} with {@code result}: take it, or report that it failed or diverged. */
    private void decided(Event.Alloc a, long result) {
        int pressure = result >= 0 ? allocator.pressure() : 0;
        int zone = result >= 0 ? allocator.lastZone() : -1;
        if (!a.recorded() || result == a.pfn() || (result < 0 && a.pfn() == Event.NULL_PFN)) {
            if (result >= 0) {
                allocated(a, result, pressure, zone);
            } else {
                failed(a, FailureCause.of(FailureReason.ofCode(result)), allocator.explainFailure(a.order(), a.gfp()));
            }
            return;
        }
        Finding d = allocFindings.divergence(a, result);
        if (firstDivergence == null) {
            firstDivergence = d;
        }
        if (result >= 0) {
            // the model's placement never happened: its pressure points stay armed for the real ones
            allocator.undoAllocation(result, a.order());
        }
        followRecording(a);
    }

    /** Takes the recorded result as it is; pressure points are those of the recorded block's zone. */
    private void followRecording(Event.Alloc a) {
        int order = a.order();
        long pfn = a.pfn();
        if (pfn == Event.NULL_PFN) {
            failed(a, FailureCause.RECORDED, "it failed in the recorded run");
            return;
        }
        long size = 1L << order;
        int zone = allocator.zoneOf(pfn);
        boolean aligned = (pfn & (size - 1)) == 0;
        if (!aligned || zone < 0 || allocator.zoneOf(pfn + size - 1) != zone) {
            allocFindings.notABlock(a, aligned);
            return;
        }
        if (!allocator.claim(pfn, order)) {
            ownership.evictOverlapping(a.common(), pfn, order);
            if (!allocator.claim(pfn, order)) {
                throw new IllegalStateException("event " + a.number() + ": cannot claim pfn " + pfn + " order "
                        + order + " after freeing every live block overlapping it");
            }
        }
        allocated(a, pfn, allocator.pressure(), allocator.lastZone());
    }

    private void allocated(Event.Alloc a, long pfn, int pressure, int zone) {
        lastAllocatedHead = pfn;
        lastAllocatedSerial = serial;
        ownership.take(pfn, a);
        if (zone >= 0) {
            headroom.allocated(zone, allocator.freePages(zone), a.number(), a.common().line());
        }
        if (ledger.livePages() > peakUsed) {
            peakUsed = ledger.livePages();
            peakEvent = a.number();
        }
        allocFindings.pressure(a, pressure, zone);
    }

    private void failed(Event.Alloc a, FailureCause cause, String why) {
        failures++;
        allocFindings.failed(a, cause, why);
    }

    long allocs() {
        return allocs;
    }

    long failures() {
        return failures;
    }

    long kswapdWakes() {
        return kswapdWakes;
    }

    long peakUsed() {
        return peakUsed;
    }

    long peakEvent() {
        return peakEvent;
    }

    Finding firstDivergence() {
        return firstDivergence;
    }

    /** The block allocated by the event of {@code serial}, or -1 when that event allocated none. */
    long allocatedBy(long serial) {
        return lastAllocatedSerial == serial ? lastAllocatedHead : -1;
    }
}
