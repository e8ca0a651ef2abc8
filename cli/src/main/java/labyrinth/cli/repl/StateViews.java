package labyrinth.cli.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.core.ZoneState;
import labyrinth.replay.BlockView;
import labyrinth.replay.FreedView;
import labyrinth.replay.Holding;
import labyrinth.replay.ReplayView;
import labyrinth.trace.Event;

/**
 * The commands that show the allocator's state where the session stands: {@code page},
 * {@code owner}, {@code zones}, {@code buddy} and {@code top}. Not thread-safe.
 */
final class StateViews {
    private static final int HISTORY_SHOWN = 20;
    private static final int BLOCKS_SHOWN = 10;

    private final ReplSession session;

    StateViews(ReplSession session) {
        this.session = session;
    }

    void register(CommandTable t) {
        t.add(Command.of("page", "p", "page PFN|ADDR",
                "that page's block now: free or allocated, order, owner, exclusivity, allocation, history",
                this::page));
        t.add(Command.of("owner", "o", "owner NAME", "the blocks and pages NAME holds now, by site", this::owner)
                .completing(Command.Completion.first(session::owners)));
        t.add(Command.of("zones", "z", "zones [ZONE]", "free pages and watermarks per zone", this::zones)
                .completing(Command.Completion.first(this::zoneNames)));
        t.add(Command.of("buddy", "", "buddy [ZONE]", "free blocks per order, like /proc/buddyinfo", this::buddy)
                .completing(Command.Completion.first(this::zoneNames)));
        t.add(Command.of("top", "", "top [N]", "the N owners holding the most pages (default 10)", this::top));
    }

    private List<String> zoneNames() {
        List<String> names = new ArrayList<>();
        for (var z : session.timeline().header().machine().zones()) {
            names.add(z.kind().label());
        }
        return names;
    }

    private ReplSession.Result page(String a, PrintWriter out) {
        long pfn = session.page(Args.need(a, "page", "PFN or ADDR"));
        Machine m = session.timeline().header().machine();
        ReplayView r = session.timeline().state();
        int zone = r.allocator().zoneOf(pfn);
        String addr = "0x" + Long.toHexString(m.directMapBase() + pfn * m.pageSize());
        BlockView b = r.block(pfn);
        StringBuilder head = new StringBuilder("pfn ").append(pfn).append(" (").append(addr).append("), ");
        head.append(zone < 0 ? "in no zone" : "zone " + r.allocator().zoneKind(zone).label()).append(": ");
        head.append(b != null ? "allocated" : zone < 0 ? "not memory" : "free");
        out.println(session.paint("1", head.toString()));
        if (b != null) {
            out.println("  block pfn " + b.head() + (b.order() > 0 ? "-" + (b.head() + b.pages() - 1) : "")
                    + ", order " + b.order() + " (" + b.pages() + (b.pages() == 1 ? " page" : " pages") + ")");
            out.println("  owner " + (b.owner() == null ? "(none named)" : b.owner()) + ", "
                    + (b.exclusive() ? "exclusive" : "shared"));
            out.println("  allocated at event " + b.allocEvent() + EventViews.line((int) b.allocLine())
                    + (b.site() == null ? "" : " at " + b.site()));
        } else {
            FreedView f = r.lastFree(pfn);
            if (f != null) {
                out.println("  last freed at event " + f.freedBy() + EventViews.line((int) f.freedLine())
                        + (f.allocEvent() >= 0 ? ", from the block allocated at event " + f.allocEvent()
                                + (f.owner() == null ? "" : " by " + f.owner())
                                : ", never seen allocated"));
            }
        }
        history(pfn, out);
        return ReplSession.Result.OK;
    }

    private void history(long pfn, PrintWriter out) {
        EventStore s = session.timeline().store();
        long pos = session.timeline().position();
        long[] ring = new long[HISTORY_SHOWN];
        long count = 0;
        for (long i = 0; i < pos; i++) {
            long head = s.extHead(i);
            if (head >= 0 && pfn >= head && pfn < head + (1L << s.extOrder(i))) {
                ring[(int) (count++ % HISTORY_SHOWN)] = i;
            }
        }
        if (count == 0) {
            out.println("  history: no events up to here");
            return;
        }
        out.println("  history (" + count + (count == 1 ? " event" : " events") + " up to here"
                + (count > HISTORY_SHOWN ? ", the last " + HISTORY_SHOWN + " shown" : "") + "):");
        long first = Math.max(0, count - HISTORY_SHOWN);
        for (long k = first; k < count; k++) {
            long i = ring[(int) (k % HISTORY_SHOWN)];
            Event e = s.event(i);
            out.println("    event " + e.number() + EventViews.line(s.line(i)) + ": "
                    + EventText.brief(e, s.extHead(i), s.extOrder(i), s.kinds(i),
                    session.timeline().header().machine().gfpNames()));
        }
    }

    private ReplSession.Result owner(String a, PrintWriter out) {
        String name = Args.unquote(Args.need(a, "owner", "NAME"));
        if (!session.owners().contains(name)) {
            throw new CommandError("no event names owner '" + name + "'" + Args.didYouMean(name, session.owners()));
        }
        List<BlockView> blocks = session.timeline().state().blocksOf(name);
        if (blocks.isEmpty()) {
            out.println(name + " holds no pages");
            return ReplSession.Result.OK;
        }
        Map<String, List<BlockView>> bySite = new LinkedHashMap<>();
        long pages = 0;
        for (BlockView b : blocks) {
            bySite.computeIfAbsent(b.site() == null ? "(no site)" : b.site(), k -> new ArrayList<>()).add(b);
            pages += b.pages();
        }
        out.println(session.paint("1", name + " holds " + Args.plural(pages, "page") + " in "
                + Args.plural(blocks.size(), "block")));
        List<Map.Entry<String, List<BlockView>>> sites = new ArrayList<>(bySite.entrySet());
        sites.sort((x, y) -> Long.compare(pagesOf(y.getValue()), pagesOf(x.getValue())));
        for (Map.Entry<String, List<BlockView>> site : sites) {
            List<BlockView> list = site.getValue();
            out.println("  " + site.getKey() + ": " + Args.plural(pagesOf(list), "page") + " in "
                    + Args.plural(list.size(), "block"));
            for (int k = 0; k < Math.min(BLOCKS_SHOWN, list.size()); k++) {
                BlockView b = list.get(k);
                out.println("    pfn " + b.head() + " order " + b.order() + (b.exclusive() ? " exclusive" : "")
                        + ", allocated at event " + b.allocEvent());
            }
            if (list.size() > BLOCKS_SHOWN) {
                out.println("    ... and " + (list.size() - BLOCKS_SHOWN) + " more");
            }
        }
        return ReplSession.Result.OK;
    }

    private static long pagesOf(List<BlockView> list) {
        long n = 0;
        for (BlockView b : list) {
            n += b.pages();
        }
        return n;
    }

    private List<ZoneState> zoneStates(String a) {
        List<ZoneState> all = session.timeline().state().allocator().snapshot();
        if (a.isEmpty()) {
            return all;
        }
        List<String> names = new ArrayList<>();
        for (ZoneState z : all) {
            if (z.kind().label().equalsIgnoreCase(a)) {
                return List.of(z);
            }
            names.add(z.kind().label());
        }
        throw new CommandError("no zone '" + a + "'" + Args.didYouMean(a, names) + "; zones: "
                + String.join(", ", names));
    }

    private ReplSession.Result zones(String a, PrintWriter out) {
        List<ZoneState> zones = zoneStates(a);
        out.println(String.format("%-8s %9s %9s %9s %9s %9s", "zone", "pages", "free", "min", "low", "high"));
        for (ZoneState z : zones) {
            String mark = z.free() <= z.min() ? "  <= min" : z.free() <= z.low() ? "  <= low" : "";
            out.println(String.format("%-8s %9d %9d %9d %9d %9d", z.kind().label(), z.pages(), z.free(), z.min(),
                    z.low(), z.high()) + mark);
        }
        return ReplSession.Result.OK;
    }

    private ReplSession.Result buddy(String a, PrintWriter out) {
        for (ZoneState z : zoneStates(a)) {
            StringBuilder sb = new StringBuilder(String.format("Node 0, zone %8s ", z.kind().label()));
            for (long c : z.freeByOrder()) {
                sb.append(String.format("%6d ", c));
            }
            out.println(sb.toString().stripTrailing());
        }
        return ReplSession.Result.OK;
    }

    private ReplSession.Result top(String a, PrintWriter out) {
        long n = a.isEmpty() ? 10 : Args.count(a, "top");
        List<Holding> top = session.timeline().state().topOwners((int) Math.min(n, Integer.MAX_VALUE));
        if (top.isEmpty()) {
            out.println("no owner holds pages");
        }
        for (Holding h : top) {
            out.println(String.format("%9d %s  %s", h.pages(), h.pages() == 1 ? "page " : "pages", h.owner()));
        }
        return ReplSession.Result.OK;
    }
}
