package labyrinth.replay;

import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.core.FailureReason;
import labyrinth.core.Gfp;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * Words the findings an allocation raises: sleep-in-atomic, a failure, pressure points, a divergence,
 * a recorded block this machine cannot hold. The replayer decides; this says it. No state of its own.
 */
final class AllocFindings {
    private static final int TOP_OWNERS = 5;

    private final Header header;
    private final Allocator allocator;
    private final LeakReport leaks;
    private final Findings findings;

    AllocFindings(Header header, Allocator allocator, LeakReport leaks, Findings findings) {
        this.header = header;
        this.allocator = allocator;
        this.leaks = leaks;
        this.findings = findings;
    }

    /** A request that may sleep, made where sleeping is a bug. */
    void checkSleep(Event.Alloc a) {
        CommonFields c = a.common();
        if (Gfp.maySleep(a.gfp()) && c.ctx().mayNotSleep()) {
            findings.emit(FindingKind.SLEEP_IN_ATOMIC, Severity.ERROR, c, -1, a.order(), a.gfp(), null,
                    describeRequest(a) + " may sleep (__GFP_DIRECT_RECLAIM) but runs in " + c.ctx().label()
                            + " context",
                    List.of(), null);
        }
    }

    /** The request failed {@code because}: an error with {@code __GFP_NOFAIL}, info with {@code __GFP_NOWARN}. */
    void failed(Event.Alloc a, FailureCause because, String why) {
        long gfp = a.gfp();
        Severity severity = (gfp & Gfp.NOFAIL) != 0 ? Severity.ERROR
                : (gfp & Gfp.NOWARN) != 0 ? Severity.INFO : Severity.WARNING;
        findings.emit(FindingKind.ALLOC_FAILURE, severity, a.common(), -1, a.order(), gfp, because,
                describeRequest(a) + " failed: " + why, List.of(), memory());
    }

    /** The pressure points ({@link Allocator#pressure}) the allocation from {@code zone} reached. */
    void pressure(Event.Alloc a, int pressure, int zone) {
        if ((pressure & Allocator.PRESSURE_LOW) != 0) {
            pressure(a, FindingKind.WATERMARK_LOW, Severity.INFO, zone, "low", allocator.watermarks(zone).low());
        }
        if ((pressure & Allocator.PRESSURE_MIN) != 0) {
            pressure(a, FindingKind.WATERMARK_MIN, Severity.WARNING, zone, "min", allocator.watermarks(zone).min());
        }
    }

    private void pressure(Event.Alloc a, FindingKind kind, Severity severity, int zone, String mark, long value) {
        findings.emit(kind, severity, a.common(), -1, a.order(), a.gfp(), null,
                allocator.zoneKind(zone).label() + " free " + allocator.freePages(zone) + " <= " + mark + " " + value
                        + " after " + describeRequest(a),
                List.of(), memory());
    }

    /** The model's {@code result} (a pfn or a failure code) differs from the recording's. */
    Finding divergence(Event.Alloc a, long result) {
        String replayed = result >= 0 ? "pfn " + result : "a failure (" + FailureReason.ofCode(result).label() + ")";
        String recorded = a.pfn() == Event.NULL_PFN ? "a failure" : "pfn " + a.pfn();
        return findings.emit(FindingKind.DIVERGENCE, Severity.ERROR, a.common(), a.pfn() >= 0 ? a.pfn() : -1,
                a.order(), a.gfp(), null, describeRequest(a) + ": the replay got " + replayed
                        + ", the recording got " + recorded + "; the replay follows the recording from here",
                List.of(), null);
    }

    /** The recorded block is not aligned to its order, or not inside one zone: the allocation is left out. */
    void notABlock(Event.Alloc a, boolean aligned) {
        findings.emit(FindingKind.TRACE_GAP, Severity.WARNING, a.common(), a.pfn(), a.order(), a.gfp(), null,
                "recorded block at pfn " + a.pfn() + " of order " + a.order() + " is not a block of this machine ("
                        + (aligned ? "outside its zones" : "not aligned to its order")
                        + "); the allocation is left out",
                List.of(), null);
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

    /** The snapshot a failure or pressure point carries. */
    private MemInfo memory() {
        return new MemInfo(allocator.snapshot(), leaks.topOwners(TOP_OWNERS));
    }
}
