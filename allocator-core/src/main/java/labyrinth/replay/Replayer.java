package labyrinth.replay;

import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.core.Machine;
import labyrinth.core.MachineTooLargeException;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Header;
import labyrinth.trace.Interner;
import labyrinth.trace.Op;
import labyrinth.trace.Scope;

/**
 * Replays a trace's events on the allocator model and the ownership ledger, emitting findings to
 * a listener as it goes (CLI.md's finding table, TRACE-FORMAT.md's event semantics). The same
 * engine serves {@code replay}, the REPL, {@code triage} and {@code reduce}; {@link ReplayLoop}
 * drives it over a whole trace.
 *
 * <p>This class dispatches each event, decides allocations and keeps the counts; the rules live
 * beside it: {@link Ownership} (free, access, transfer), {@link LeakReport} (leaks, holders, top
 * owners), {@link PanicJudgement}, and {@link ReplayView} reads the state for those who only watch.
 *
 * <p>In {@link Mode#SIMULATE} the model decides every allocation; a recorded result that differs
 * is a divergence, after which the replay follows the recording so that later events stay
 * aligned. In {@link Mode#OBSERVE} recorded results are taken as they are.
 *
 * <p>Not thread-safe: one per trace. {@link #copy} gives an independent replayer at the same point.
 */
public final class Replayer {
    private final Header header;
    private final Mode mode;
    private final Allocator allocator;
    private final Ledger ledger;
    private final Interner owners;
    private final Interner sites;
    private final Findings findings;
    private final Headroom headroom;
    private final Ownership ownership;
    private final LeakReport leaks;
    private final AllocFindings allocFindings;
    private final ReplayView view;
    private final Allocations allocations;

    private long events;
    private long frees;
    private long lastNumber = -1;
    private boolean lastSeqGiven;
    private PanicVerdict panic;
    private long ignoredAfterPanic;
    private boolean finished;

    public Replayer(Header header, Mode mode, long maxPages, FindingListener listener) {
        checkSize(header.machine(), maxPages);
        this.header = header;
        this.mode = mode;
        this.allocator = new Allocator(header.machine(), maxPages);
        this.ledger = new Ledger(header.machine().endPfn(), header.machine().maxOrder());
        this.owners = new Interner();
        this.sites = new Interner();
        this.findings = new Findings(listener);
        this.headroom = new Headroom(allocator);
        this.ownership = new Ownership(header.scope() == Scope.WINDOW, allocator, ledger, owners, sites, findings);
        this.leaks = new LeakReport(ledger, owners, sites, findings);
        this.allocFindings = new AllocFindings(header, allocator, leaks, findings);
        this.view = new ReplayView(this, allocator, ledger, owners, sites, leaks);
        this.allocations = new Allocations(mode, allocator, ledger, ownership, headroom, allocFindings, view);
    }

    private Replayer(Replayer o, FindingListener listener) {
        header = o.header;
        mode = o.mode;
        allocator = o.allocator.copy();
        ledger = o.ledger.copy();
        owners = o.owners.copy();
        sites = o.sites.copy();
        findings = o.findings.copy(listener);
        headroom = o.headroom.copy();
        // the rules and the view hold no state of their own: new ones over the copied parts
        ownership = new Ownership(header.scope() == Scope.WINDOW, allocator, ledger, owners, sites, findings);
        leaks = new LeakReport(ledger, owners, sites, findings);
        allocFindings = new AllocFindings(header, allocator, leaks, findings);
        view = new ReplayView(this, allocator, ledger, owners, sites, leaks);
        allocations = new Allocations(o.allocations, allocator, ledger, ownership, headroom, allocFindings, view);
        events = o.events;
        frees = o.frees;
        lastNumber = o.lastNumber;
        lastSeqGiven = o.lastSeqGiven;
        panic = o.panic;
        ignoredAfterPanic = o.ignoredAfterPanic;
        finished = o.finished;
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
     * Applies one event: the seq check, then the op's own step.
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
            allocations.alloc(a, events);
        } else if (e instanceof Event.Free f) {
            free(f);
        } else if (e instanceof Event.Access a) {
            ownership.touch(c, a.pfn(), a.write() ? Ownership.Touch.WRITE : Ownership.Touch.READ, null);
        } else if (e instanceof Event.Transfer t) {
            ownership.touch(c, t.pfn(), Ownership.Touch.TRANSFER, t.to());
        } else if (e instanceof Event.Panic p) {
            panic = PanicJudgement.judge(p, findings, allocations.firstDivergence(), leaks);
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
        Op op = b.op(i);
        boolean quiet = switch (op) {
            case ALLOC -> allocations.quiet(b, i);
            case FREE -> ownership.quietFree(b, i);
            case ACCESS, TRANSFER -> ownership.quietTouch(b, i);
            case PANIC, MARK -> false;
        };
        if (!quiet) {
            return apply(b.event(i));
        }
        lastNumber = b.number(i);
        lastSeqGiven = b.seqGiven(i);
        events++;
        if (op == Op.ALLOC) {
            allocations.alloc(b, i, events);
        } else if (op == Op.FREE) {
            frees++;
            ownership.free(b, i);
        } else if (op == Op.TRANSFER) {
            ownership.transfer(b, i);
        }
        return true;
    }

    /**
     * Lets {@code g} refuse allocations before the model decides them (a what-if's caps). Only a
     * simulate-mode replay asks it, and only for requests the recording does not decide.
     */
    public void gate(AllocGate g) {
        allocations.gate(g);
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

    /**
     * Takes a live block out of the ledger and the model without counting a free: a what-if sets
     * aside the blocks only it got, which no event of the recording can name, before its leak report.
     */
    public void setAside(long head) {
        ownership.setAside(head);
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
            leaks.report(header.scope() == Scope.COMPLETE, cut);
        }
    }

    private void checkSeq(CommonFields c) {
        if (c.seqGiven() && lastSeqGiven && c.number() > lastNumber + 1) {
            long lost = c.number() - lastNumber - 1;
            findings.emit(FindingKind.TRACE_GAP, Severity.WARNING, c, -1, -1, -1, null,
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
        String allocFindings = m.label() == null ? "" : " (\"" + m.label() + "\")";
        findings.emit(FindingKind.TRACE_GAP, Severity.WARNING, c, -1, -1, -1, null,
                "the recorder lost " + how + where + " here" + allocFindings + ": allocations and frees may be missing",
                List.of(), null);
    }

    private void free(Event.Free f) {
        frees++;
        ownership.free(f);
    }

    // ---- results ----

    public Summary summary() {
        return new Summary(events, allocations.allocs(), frees, allocations.failures(), allocations.peakUsed(),
                allocations.peakEvent(), findings.countsByKind(), ignoredAfterPanic, allocations.kswapdWakes(),
                headroom.zones(allocator));
    }

    /** The recorded panic's verdict, or null when the trace (so far) has none. */
    public PanicVerdict panic() {
        return panic;
    }

    /** The first divergence, or null. */
    public Finding firstDivergence() {
        return allocations.firstDivergence();
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
        if (allocations.firstDivergence() != null) {
            return Outcome.DIVERGED;
        }
        if (cut) {
            return Outcome.TRUNCATED;
        }
        Severity max = findings.maxSeverity();
        if (failOn != null && max != null && max.atLeast(failOn)) {
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

    /** The block the last applied event allocated (its head pfn), or -1 when it allocated none. */
    public long lastAllocated() {
        return allocations.allocatedBy(events);
    }

    /** The state now, to read: blocks, owners, the model. Live, and the same object for the replayer's life. */
    public ReplayView view() {
        return view;
    }
}
