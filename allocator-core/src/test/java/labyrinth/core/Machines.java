package labyrinth.core;

import java.util.List;
import java.util.Map;

/** Machines for tests, spelled the way the model document describes them. */
final class Machines {
    private Machines() {
    }

    static ZoneSpec zone(ZoneKind kind, long start, long pages) {
        return new ZoneSpec(kind, start, pages);
    }

    static ZoneSpec zone(ZoneKind kind, long start, long pages, long min, long low, long high) {
        return new ZoneSpec(kind, start, pages, new Watermarks(min, low, high), Map.of());
    }

    static Machine machine(int maxOrder, ZoneSpec... zones) {
        return new Machine(Machine.DEFAULT_PAGE_SIZE, maxOrder, List.of(zones), Machine.DEFAULT_DIRECT_MAP_BASE);
    }

    /** One Normal zone from pfn 0 with the given watermarks and maxOrder 10. */
    static Allocator normal(long pages, long min, long low, long high) {
        return new Allocator(machine(10, zone(ZoneKind.NORMAL, 0, pages, min, low, high)));
    }

    /** Claims single pages from the top of {@code zone} down until it has exactly {@code free} free pages. */
    static void drainTo(Allocator a, int zone, long free) {
        ZoneSpec spec = a.machine().zones().get(zone);
        for (long pfn = spec.endPfn() - 1; a.freePages(zone) > free; pfn--) {
            if (a.isFree(pfn) && !a.claim(pfn, 0)) {
                throw new AssertionError("could not claim free pfn " + pfn);
            }
        }
        if (a.freePages(zone) != free) {
            throw new AssertionError("zone " + zone + " has " + a.freePages(zone) + " free, wanted " + free);
        }
    }
}
