package labyrinth.whatif;

import java.util.Map;
import labyrinth.replay.AllocGate;
import labyrinth.replay.ReplayView;
import labyrinth.trace.Event;

/** {@code --cap OWNER=PAGES}: a request that would take its owner past PAGES fails at once. Immutable. */
final class CapGate implements AllocGate {
    private final Map<String, Long> caps;

    CapGate(Map<String, Long> caps) {
        this.caps = Map.copyOf(caps);
    }

    @Override
    public String refuse(Event.Alloc a, ReplayView state) {
        String owner = a.common().owner();
        Long cap = owner == null ? null : caps.get(owner);
        if (cap == null) {
            return null;
        }
        long held = state.pagesOf(owner);
        long need = 1L << a.order();
        if (held + need <= cap) {
            return null;
        }
        return owner + " holds " + held + (held == 1 ? " page" : " pages") + " and its cap is " + cap
                + ": " + need + " more would pass it (--cap)";
    }
}
