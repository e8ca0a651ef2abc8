package labyrinth.replay;

import java.util.List;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;

/** Judges a recorded panic: reproduced when the replay shows the failure that triggered it. Stateless. */
final class PanicJudgement {
    private PanicJudgement() {
    }

    /**
     * Emits the {@code panic} finding of {@code p} and returns its verdict.
     *
     * @param firstDivergence the replay's first divergence, or null: after one, nothing is reproduced
     */
    static PanicVerdict judge(Event.Panic p, Findings findings, Finding firstDivergence, LeakReport leaks) {
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
                ? List.of(new Related(Related.Role.TRIGGER, trigger, triggerFinding.line(), triggerFinding.column(),
                        triggerFinding.owner(), triggerFinding.site()))
                : trigger >= 0 ? List.of(new Related(Related.Role.TRIGGER, trigger, 0, 0, null, null)) : List.of();
        String message = (reproduced ? "panic reproduced: \"" : "panic not reproduced: \"") + p.message() + "\""
                + (trigger >= 0 ? " (trigger: event " + trigger + ")" : " (no trigger)");
        findings.emit(FindingKind.PANIC, Severity.ERROR, c, -1, -1, -1, null, message, related, null);
        return new PanicVerdict(c.number(), c.line(), c.column(), p.message(), reproduced, trigger,
                triggerFinding, leaks.holders(Integer.MAX_VALUE), why);
    }
}
