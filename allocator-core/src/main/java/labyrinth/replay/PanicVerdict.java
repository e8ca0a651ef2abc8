package labyrinth.replay;

import java.util.List;

/**
 * The recorded panic and whether the replay reproduced it.
 *
 * @param trigger the trigger event's number, -1 when there is none
 * @param triggerFinding the alloc-failure or error finding at the trigger, null when the replay had none
 * @param holders what held the memory when the panic came, by owner and site, most pages first
 * @param why one sentence on the verdict (why reproduced, or why not)
 */
public record PanicVerdict(long event, long line, int column, String message, boolean reproduced, long trigger,
                           Finding triggerFinding, List<Holding> holders, String why) {
    public PanicVerdict {
        holders = List.copyOf(holders);
    }
}
