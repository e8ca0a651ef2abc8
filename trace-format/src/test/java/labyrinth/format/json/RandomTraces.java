package labyrinth.format.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import labyrinth.trace.EntryPoints;
import labyrinth.core.Gfp;
import labyrinth.core.KernelVersion;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;

/**
 * Random headers and events for the codec round trips (JSON and binary): every field an encoding
 * must carry, in odd combinations, not a workload that replays sensibly (that is
 * {@code labyrinth.testing.TraceBuilder#random}). In this package because entry points imply masks
 * by {@link EntryPoints}. Stateless.
 */
public final class RandomTraces {
    private static final String[] FNS = {null, null, "labyrinth_void_alloc_page_gfp_atomic_exclusive",
        "labyrinth_void_alloc_page_gfp_kernel", "labyrinth_void_alloc_pages", "my_alloc"};

    private RandomTraces() {
    }

    public static Header header(RandomGenerator rnd) {
        int pageSize = 512 << rnd.nextInt(8);
        int maxOrder = rnd.nextInt(11);
        List<ZoneSpec> zones = new ArrayList<>();
        if (rnd.nextBoolean()) {
            zones.add(new ZoneSpec(ZoneKind.NORMAL, 0, 1 + rnd.nextInt(5000)));
        } else {
            long start = rnd.nextInt(3);
            for (ZoneKind k : ZoneKind.values()) {
                if (rnd.nextInt(3) == 0 && !(k == ZoneKind.NORMAL && zones.isEmpty())) {
                    continue;
                }
                long pages = 1 + rnd.nextInt(3000);
                Watermarks wm = rnd.nextBoolean() ? null : new Watermarks(rnd.nextInt(5), 5 + rnd.nextInt(5), 10 + rnd.nextInt(5));
                Map<ZoneKind, Long> reserve = new LinkedHashMap<>();
                for (ZoneKind higher : ZoneKind.values()) {
                    if (higher.ordinal() > k.ordinal() && rnd.nextBoolean()) {
                        reserve.put(higher, (long) rnd.nextInt(100));
                    }
                }
                zones.add(new ZoneSpec(k, start, pages, wm, reserve));
                start += pages + rnd.nextInt(10);
            }
        }
        long base = rnd.nextBoolean() ? Machine.DEFAULT_DIRECT_MAP_BASE : 0xffff800000000000L;
        Map<String, Object> meta = new LinkedHashMap<>();
        if (rnd.nextBoolean()) {
            meta.put("host", "edge-" + rnd.nextInt(10) + " \u00e9\"\\");
            meta.put("count", rnd.nextLong());
            meta.put("ratio", rnd.nextDouble());
        }
        Machine machine = new Machine(pageSize, maxOrder, zones, base);
        if (rnd.nextInt(3) == 0) {
            String[] kernels = {"6.12", "6.6", "6.6.30-lab", "5.15.0-91-generic", "6.2", "4.19"};
            machine = machine.withMinFreeKbytes(rnd.nextBoolean() ? Machine.COMPUTED : rnd.nextInt(1 << 20))
                    .withWatermarkScaleFactor(rnd.nextBoolean() ? 10 : 1 + rnd.nextInt(3000))
                    .withTransparentHugepages(rnd.nextBoolean())
                    .withKernel(KernelVersion.parse(kernels[rnd.nextInt(kernels.length)]));
        }
        return new Header(Header.VERSION, rnd.nextBoolean() ? Scope.COMPLETE : Scope.WINDOW, machine, meta);
    }

    public static List<Event> events(RandomGenerator rnd, Machine m, int n) {
        List<Event> events = new ArrayList<>();
        long seq = -1;
        long time = rnd.nextBoolean() ? CommonFields.NO_TIME : rnd.nextInt(1000) - 500;
        for (int i = 0; i < n; i++) {
            boolean seqGiven = rnd.nextInt(3) > 0;
            long number = i;
            if (seqGiven) {
                seq += 1 + rnd.nextInt(3);
                number = seq;
            }
            if (time != CommonFields.NO_TIME) {
                time += rnd.nextInt(100);
            }
            List<String> stack = rnd.nextInt(4) == 0 ? List.of("f+0x1", "g+0x2/0x30") : List.of();
            CommonFields c = new CommonFields(number, seqGiven, 0, 0, time, rnd.nextInt(3) - 1,
                    Context.values()[rnd.nextInt(Context.values().length)], rnd.nextBoolean() ? "owner-" + rnd.nextInt(4) : null,
                    rnd.nextBoolean() ? "site+0x" + rnd.nextInt(99) : null, stack);
            long page = rnd.nextLong(m.endPfn());
            events.add(switch (rnd.nextInt(6)) {
                case 0 -> {
                    String fn = FNS[rnd.nextInt(FNS.length)];
                    long implied = EntryPoints.impliedGfp(fn, m.gfpNames());
                    int order = implied >= 0 ? 0 : rnd.nextInt(m.maxOrder() + 1);
                    long gfp = implied >= 0 ? implied : switch (rnd.nextInt(5)) {
                        case 0 -> Gfp.GFP_KERNEL;
                        case 1 -> Gfp.GFP_ATOMIC | Gfp.NOWARN;
                        // the two names whose meaning depends on the kernel, and the old GFP_ATOMIC bit
                        case 2 -> m.gfpNames().gfpNowait() | Gfp.ATOMIC_LEGACY | (rnd.nextBoolean() ? Gfp.HIGH : 0);
                        case 3 -> rnd.nextLong() & 0xffffffffL;
                        default -> 0;
                    };
                    long pfn = switch (rnd.nextInt(3)) {
                        case 0 -> Event.UNRECORDED;
                        case 1 -> Event.NULL_PFN;
                        default -> (1L << order) > m.endPfn() ? Event.NULL_PFN
                                : rnd.nextLong(m.endPfn() - (1L << order) + 1);
                    };
                    yield new Event.Alloc(c, order, gfp, fn, pfn, rnd.nextInt(5) == 0 ? "__GFP_FUTURE" : null);
                }
                case 1 -> new Event.Free(c, rnd.nextInt(5) == 0 ? Event.NULL_PFN : page,
                        rnd.nextBoolean() ? Event.ABSENT : rnd.nextInt(m.maxOrder() + 1));
                case 2 -> new Event.Access(c, page, rnd.nextBoolean());
                case 3 -> new Event.Transfer(c, page, "to-" + rnd.nextInt(3));
                case 4 -> new Event.Panic(c, "panic \u2603 " + rnd.nextInt(), rnd.nextBoolean() ? Event.ABSENT : rnd.nextInt(50));
                default -> new Event.Mark(c, rnd.nextBoolean() ? null : "phase " + rnd.nextInt(9));
            });
        }
        return events;
    }
}
