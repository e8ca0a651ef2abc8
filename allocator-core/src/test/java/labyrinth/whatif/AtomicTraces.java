package labyrinth.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.Scope;

/**
 * Random traces of order-0 {@code GFP_ATOMIC} allocations from interrupt context, with frees,
 * accesses and transfers of live blocks. Every allocation records the model's result, so the
 * baseline never diverges; failures are recorded as NULL. Every block is freed at the end.
 */
final class AtomicTraces {
    private AtomicTraces() {
    }

    record Trace(Header header, List<Event> events) {
        ListSource source() {
            return new ListSource("atomic.json", header, events);
        }
    }

    static Trace random(RandomGenerator rng, long pages, int count) {
        Machine machine = Machine.ofPages(pages);
        Allocator model = new Allocator(machine);
        List<Event> events = new ArrayList<>();
        List<long[]> live = new ArrayList<>(); // {pfn, owner index}
        String[] owners = {"eth0-rx", "eth1-rx", "nvme0q1"};
        for (int n = 0; n < count; n++) {
            int choice = rng.nextInt(10);
            if (choice < 6 || live.isEmpty()) {
                int owner = rng.nextInt(owners.length);
                long pfn = model.allocate(0, Gfp.GFP_ATOMIC);
                events.add(new Event.Alloc(common(n, owners[owner], Context.HARDIRQ), 0, Gfp.GFP_ATOMIC, null,
                        pfn >= 0 ? pfn : Event.NULL_PFN, null));
                if (pfn >= 0) {
                    live.add(new long[] {pfn, owner});
                }
            } else if (choice < 9) {
                long[] b = live.remove(rng.nextInt(live.size()));
                model.free(b[0], 0);
                events.add(new Event.Free(common(n, owners[(int) b[1]], Context.SOFTIRQ), b[0], 0));
            } else if (rng.nextBoolean()) {
                long[] b = live.get(rng.nextInt(live.size()));
                events.add(new Event.Access(common(n, owners[(int) b[1]], Context.SOFTIRQ), b[0], rng.nextBoolean()));
            } else {
                long[] b = live.get(rng.nextInt(live.size()));
                int to = rng.nextInt(owners.length);
                events.add(new Event.Transfer(common(n, owners[(int) b[1]], Context.SOFTIRQ), b[0], owners[to]));
                b[1] = to;
            }
        }
        int n = count;
        for (long[] b : live) {
            events.add(new Event.Free(common(n++, owners[(int) b[1]], Context.SOFTIRQ), b[0], 0));
        }
        return new Trace(new Header(Scope.COMPLETE, machine), events);
    }

    static CommonFields common(long n, String owner, Context ctx) {
        return new CommonFields(n, true, n + 1, 1, CommonFields.NO_TIME, -1, ctx, owner, "site:" + owner, List.of());
    }
}
