package labyrinth.replay;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Allocator;

/**
 * Tracks each zone's least headroom over the {@code GFP_ATOMIC} floor ({@link ZoneHeadroom}). Only an
 * allocation lowers a zone's free pages, so the replayer reports each one's zone and nothing else
 * needs watching. The floors are fixed by the machine, so they are read once.
 *
 * <p>Not thread-safe: one per replayer.
 */
final class Headroom {
    private final long[] floor;
    private final long[] least;
    private final long[] free;
    private final long[] event;
    private final long[] line;

    Headroom(Allocator allocator) {
        int n = allocator.zoneCount();
        floor = new long[n];
        least = new long[n];
        free = new long[n];
        event = new long[n];
        line = new long[n];
        for (int z = 0; z < n; z++) {
            floor[z] = allocator.atomicFloor(z);
            free[z] = allocator.freePages(z);
            least[z] = free[z] - floor[z];
            event[z] = -1;
        }
    }

    private Headroom(Headroom o) {
        floor = o.floor;
        least = o.least.clone();
        free = o.free.clone();
        event = o.event.clone();
        line = o.line.clone();
    }

    Headroom copy() {
        return new Headroom(this);
    }

    /** After an allocation from {@code zone}, which now has {@code freePages}, at event {@code number}. */
    void allocated(int zone, long freePages, long number, long lineNumber) {
        long h = freePages - floor[zone];
        if (h < least[zone]) {
            least[zone] = h;
            free[zone] = freePages;
            event[zone] = number;
            line[zone] = lineNumber;
        }
    }

    List<ZoneHeadroom> zones(Allocator allocator) {
        List<ZoneHeadroom> list = new ArrayList<>(floor.length);
        for (int z = 0; z < floor.length; z++) {
            list.add(new ZoneHeadroom(allocator.zoneKind(z), least[z], event[z], line[z], free[z], floor[z]));
        }
        return List.copyOf(list);
    }
}
