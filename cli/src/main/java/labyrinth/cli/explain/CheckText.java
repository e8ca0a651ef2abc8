package labyrinth.cli.explain;

import labyrinth.core.ZoneCheck;
import labyrinth.explain.PrintedZone;
import labyrinth.explain.ZoneResult;

/**
 * One zone's line of an explanation, in pages: its check as numbers
 * ({@code DMA32: free 13046 <= min 3965 + lowmem_reserve 9127 pages: 47 short}), or its printed
 * numbers when it was not checked. Stateless.
 */
final class CheckText {
    private CheckText() {
    }

    /** The zone's line without its label: what JSON's {@code check} holds. */
    static String check(ZoneResult r, boolean decided) {
        ZoneCheck c = r.check();
        PrintedZone z = r.zone();
        if (c == null) {
            String numbers = "free " + z.free() + ", min " + z.min() + ", low " + z.low() + ", high " + z.high()
                    + " pages";
            if (!decided) {
                return numbers + reserve(z);
            }
            return numbers + (z.kind() == null ? ": not in the model, not checked"
                    : ": the request may not use it, not checked");
        }
        if (c.noWatermarks()) {
            return "watermarks ignored (__GFP_MEMALLOC), " + block(c);
        }
        StringBuilder sb = new StringBuilder("free ").append(c.free());
        if (c.blockRest() > 0) {
            sb.append(" - ").append(c.blockRest()).append(" for order ").append(c.order());
        }
        sb.append(c.watermarkOk() ? " > " : " <= ").append(c.floorName()).append(' ').append(c.floor());
        if (!c.floorName().equals("min")) {
            sb.append(" (min ").append(c.min()).append(')');
        }
        if (c.lowmemReserve() > 0) {
            sb.append(" + lowmem_reserve ").append(c.lowmemReserve());
        }
        sb.append(" pages");
        if (z.boost() > 0 && c.floorName().equals("min")) {
            sb.append(" (min includes a boost of ").append(z.boost()).append(')');
        }
        if (!c.watermarkOk()) {
            return sb.append(": ").append(c.pagesShort()).append(" short").toString();
        }
        return sb.append(", ").append(block(c)).toString();
    }

    private static String block(ZoneCheck c) {
        if (c.hasBlock()) {
            return "a free block of order " + c.order() + " or more: passes";
        }
        return c.largestOrder() < 0 ? "no free block at all: fails"
                : "but no free block of order " + c.order() + " or more (largest " + c.largestOrder() + "): fails";
    }

    private static String reserve(PrintedZone z) {
        long[] r = z.lowmemReserve();
        if (r == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(", lowmem_reserve[]");
        for (long v : r) {
            sb.append(' ').append(v);
        }
        return sb.toString();
    }
}
