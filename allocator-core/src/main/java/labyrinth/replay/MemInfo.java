package labyrinth.replay;

import java.util.List;
import labyrinth.core.ZoneState;

/** The memory state a failure or pressure point carries: every zone, and the top owners by pages held. */
public record MemInfo(List<ZoneState> zones, List<Holding> topOwners) {
    public MemInfo {
        zones = List.copyOf(zones);
        topOwners = List.copyOf(topOwners);
    }
}
