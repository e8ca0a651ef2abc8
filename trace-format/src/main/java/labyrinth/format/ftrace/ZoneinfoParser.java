package labyrinth.format.ftrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.trace.TraceException;

/**
 * Reads {@code /proc/zoneinfo} into a {@link Machine} with 4 KiB pages and max order 10.
 *
 * <p>Per {@code Node N, zone NAME} block it reads {@code start_pfn:}, {@code spanned},
 * {@code present}, {@code managed}, {@code min}, {@code low}, {@code high} and
 * {@code protection: (...)}. A zone holds its {@code managed} pages (the pages the buddy allocator
 * has; kernels before 3.8 print no {@code managed}, then {@code present}, with a note) from
 * {@code start_pfn}: holes and reserved pages are not free memory, and Linux's watermarks are
 * computed from managed pages too. The rest of the span is not in the model, so a traced pfn
 * there lies in no zone (the importer leaves such events out and says so). {@code protection} (the
 * kernel's lowmem_reserve, indexed by the node's zone order) becomes {@code lowmemReserve} for
 * the higher DMA32/Normal zones. Zones with no managed pages are skipped. Zones the model does
 * not have (Movable, Device, HighMem) are ignored, with a note. With several NUMA nodes, zones of
 * one kind are merged into one zone from the lowest start holding the pages of all, watermarks added
 * up and the first node's reserves kept, with a note (the model has no nodes).
 * Stateless.
 */
public final class ZoneinfoParser {
    private ZoneinfoParser() {
    }

    /** @param notes things the machine leaves out, for the import warnings */
    public record Result(Machine machine, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    public static Result parse(Path file) throws IOException, TraceException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r);
        }
    }

    private static final class Raw {
        final int node;
        final String name;
        final int index;
        final long line;
        long startPfn = -1;
        long spanned = -1;
        long present = -1;
        long managed = -1;
        long min = -1;
        long low = -1;
        long high = -1;
        long[] protection;

        Raw(int node, String name, int index, long line) {
            this.node = node;
            this.name = name;
            this.index = index;
            this.line = line;
        }
    }

    public static Result parse(String name, Reader reader) throws IOException, TraceException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Raw> raws = new ArrayList<>();
        Raw cur = null;
        int node = -1;
        int index = 0;
        long lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            String t = line.trim();
            if (t.startsWith("Node ")) {
                int comma = t.indexOf(',');
                int zone = t.indexOf("zone", comma + 1);
                if (comma < 0 || zone < 0) {
                    throw new TraceException(name, lineNo, 1, -1,
                            "expected \"Node N, zone NAME\", found \"" + t + "\"");
                }
                int n = (int) number(name, lineNo, t.substring(5, comma).trim());
                if (n != node) {
                    node = n;
                    index = 0;
                }
                cur = new Raw(n, t.substring(zone + 4).trim(), index++, lineNo);
                raws.add(cur);
                continue;
            }
            if (cur == null) {
                continue;
            }
            String[] tok = t.split("\\s+");
            switch (tok[0]) {
                case "start_pfn:" -> cur.startPfn = number(name, lineNo, tok[tok.length - 1]);
                case "spanned" -> cur.spanned = number(name, lineNo, tok[tok.length - 1]);
                case "present" -> cur.present = number(name, lineNo, tok[tok.length - 1]);
                case "managed" -> cur.managed = number(name, lineNo, tok[tok.length - 1]);
                case "min" -> cur.min = number(name, lineNo, tok[tok.length - 1]);
                case "low" -> cur.low = number(name, lineNo, tok[tok.length - 1]);
                case "high" -> cur.high = number(name, lineNo, tok[tok.length - 1]);
                case "protection:" -> cur.protection = protection(name, lineNo, t);
                default -> {
                    // everything else (free counts, vm stats, pagesets) is not part of the model
                }
            }
        }
        if (raws.isEmpty()) {
            throw new TraceException(name, lineNo, 0, -1, "expected \"Node N, zone NAME\" blocks, found none");
        }
        return build(name, raws);
    }

    private static Result build(String name, List<Raw> raws) throws TraceException {
        List<String> notes = new ArrayList<>();
        Map<ZoneKind, long[]> merged = new EnumMap<>(ZoneKind.class); // start, pages, min, low, high, given
        Map<ZoneKind, Map<ZoneKind, Long>> reserves = new EnumMap<>(ZoneKind.class);
        Map<ZoneKind, Integer> nodes = new EnumMap<>(ZoneKind.class);
        boolean noManaged = false;
        for (Raw z : raws) {
            if (z.spanned == 0 || z.managed == 0) {
                continue;
            }
            ZoneKind kind = ZoneKind.byLabel(z.name);
            if (kind == null) {
                notes.add("zone " + z.name + " of node " + z.node + " ignored: the model has only DMA, DMA32 and Normal");
                continue;
            }
            if (z.startPfn < 0 || z.spanned < 0) {
                throw new TraceException(name, z.line, 1, -1,
                        "zone " + z.name + " of node " + z.node + " must give start_pfn and spanned, found "
                                + (z.startPfn < 0 ? "no start_pfn" : "no spanned"));
            }
            long pages = z.managed >= 0 ? z.managed : z.present >= 0 ? z.present : z.spanned;
            noManaged |= z.managed < 0;
            long[] s = merged.get(kind);
            long[] wm = {Math.max(z.min, 0), Math.max(z.low, 0), Math.max(z.high, 0)};
            if (s == null) {
                merged.put(kind, new long[] {z.startPfn, pages, wm[0], wm[1], wm[2],
                        z.min >= 0 && z.low >= 0 && z.high >= 0 ? 1 : 0});
                nodes.put(kind, z.node);
                reserves.put(kind, reserveOf(z, raws));
            } else {
                s[0] = Math.min(s[0], z.startPfn);
                s[1] += pages;
                s[2] += wm[0];
                s[3] += wm[1];
                s[4] += wm[2];
                notes.add("zone " + z.name + " of node " + z.node + " merged with node " + nodes.get(kind)
                        + ": the model has no NUMA nodes");
            }
        }
        if (merged.isEmpty()) {
            throw new TraceException(name, 0, 0, -1, "expected a populated DMA, DMA32 or Normal zone, found none");
        }
        if (noManaged) {
            notes.add("zoneinfo prints no managed pages (kernels before 3.8): zones hold their present pages,"
                    + " reserved pages included");
        }
        List<ZoneSpec> zones = new ArrayList<>();
        for (Map.Entry<ZoneKind, long[]> e : merged.entrySet()) {
            long[] s = e.getValue();
            Watermarks wm = s[5] == 1 ? new Watermarks(s[2], s[3], s[4]) : null;
            zones.add(new ZoneSpec(e.getKey(), s[0], s[1], wm, reserves.get(e.getKey())));
        }
        try {
            return new Result(new Machine(Machine.DEFAULT_PAGE_SIZE, Machine.DEFAULT_MAX_ORDER, zones,
                    Machine.DEFAULT_DIRECT_MAP_BASE), notes);
        } catch (IllegalArgumentException ex) {
            throw new TraceException(name, 0, 0, -1, ex.getMessage());
        }
    }

    /** lowmem_reserve of zone {@code z} against each higher zone of its node that the model has. */
    private static Map<ZoneKind, Long> reserveOf(Raw z, List<Raw> raws) {
        Map<ZoneKind, Long> m = new EnumMap<>(ZoneKind.class);
        if (z.protection == null) {
            return m;
        }
        for (Raw other : raws) {
            if (other.node != z.node || other.index <= z.index || other.index >= z.protection.length) {
                continue;
            }
            ZoneKind k = ZoneKind.byLabel(other.name);
            if (k != null && k != ZoneKind.DMA && other.spanned != 0 && other.managed != 0) {
                m.put(k, z.protection[other.index]);
            }
        }
        return m;
    }

    private static long[] protection(String name, long line, String t) throws TraceException {
        int open = t.indexOf('(');
        int close = t.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            throw new TraceException(name, line, 1, -1, "expected \"protection: (n, n, ...)\", found \"" + t + "\"");
        }
        String[] parts = t.substring(open + 1, close).split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = number(name, line, parts[i].trim());
        }
        return out;
    }

    private static long number(String name, long line, String s) throws TraceException {
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TraceException(name, line, 1, -1, "expected a number >= 0, found \"" + s + "\"");
        }
    }
}
