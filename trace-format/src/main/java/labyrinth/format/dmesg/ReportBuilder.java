package labyrinth.format.dmesg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.KernelVersion;
import labyrinth.explain.FailureReport;
import labyrinth.explain.GfpReading;
import labyrinth.explain.PrintedZone;
import labyrinth.trace.Context;

/**
 * Gathers the pieces of one report while the log is read, and turns them into a
 * {@link FailureReport} once the kernel version is settled: kB become pages of the page size the
 * buddy lines imply (order 0's block size; 4 KiB without buddy lines), and the mask is read with
 * the version's names ({@link KernelMasks}). Not thread-safe.
 */
final class ReportBuilder {
    private static final class Zone {
        long line;
        ZoneLines.Zone fields;
        long[] reserve;
        ZoneLines.Buddy buddy;
        long pcpUsed;
    }

    final long line;
    final Headers.Header header;
    KernelVersion version;
    Context context = Context.TASK;
    boolean contextSeen;
    String cpuset;
    String mems;
    boolean memInfo;
    boolean buddySeen;
    long linesBeforeMemInfo;
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Zone last;
    private String perCpuKey;

    ReportBuilder(long line, Headers.Header header) {
        this.line = line;
        this.header = header;
        this.cpuset = header.cpuset();
        this.mems = header.mems();
    }

    private static String key(int node, String name) {
        return node + " " + name;
    }

    /** @return false when the zone was printed already: a second Mem-Info, which this report does not own */
    boolean zone(long lineNo, ZoneLines.Zone z) {
        String k = key(z.node(), z.name());
        if (zones.containsKey(k) && zones.get(k).fields != null) {
            return false;
        }
        Zone zone = zones.computeIfAbsent(k, x -> new Zone());
        zone.line = lineNo;
        zone.fields = z;
        last = zone;
        return true;
    }

    void lowmemReserve(long[] reserve) {
        if (last != null && last.reserve == null) {
            last.reserve = reserve;
        }
    }

    /** @return false when the zone's buddy line was printed already */
    boolean buddy(long lineNo, ZoneLines.Buddy b) {
        Zone zone = zones.computeIfAbsent(key(b.node(), b.name()), x -> new Zone());
        if (zone.buddy != null) {
            return false;
        }
        if (zone.line == 0) {
            zone.line = lineNo;
        }
        zone.buddy = b;
        buddySeen = true;
        return true;
    }

    void perCpu(int node, String name) {
        perCpuKey = key(node, name);
    }

    void used(long n) {
        if (perCpuKey != null) {
            zones.computeIfAbsent(perCpuKey, x -> new Zone()).pcpUsed += n;
        }
    }

    boolean hasZones() {
        return zones.values().stream().anyMatch(z -> z.fields != null);
    }

    FailureReport build(KernelVersion fallback) {
        KernelVersion v = version != null ? version : fallback;
        int pageSize = pageSize();
        List<PrintedZone> printed = new ArrayList<>();
        List<String> missing = new ArrayList<>(problems);
        if (!memInfo && zones.isEmpty()) {
            missing.add("the log holds no Mem-Info for this report (cut short, or rate-limited)");
        }
        for (Zone z : zones.values()) {
            if (z.fields == null) {
                String name = z.buddy != null ? z.buddy.name() : "a zone";
                missing.add("the report prints free blocks of " + name + " but no zone line with its watermarks");
                continue;
            }
            Map<String, Long> f = z.fields.fields();
            for (String key : List.of("free", "min", "low", "high")) {
                if (!f.containsKey(key)) {
                    missing.add(z.fields.name() + " prints no " + key + ":");
                }
            }
            long managed = f.containsKey("managed") ? pages(f.get("managed"), pageSize)
                    : f.containsKey("present") ? pages(f.get("present"), pageSize) : -1;
            long pcp = f.containsKey("free_pcp") ? pages(f.get("free_pcp"), pageSize) : z.pcpUsed;
            long[] blocks = null;
            List<String> types = null;
            if (z.buddy != null && z.buddy.blocks().length > 0) {
                blocks = z.buddy.blocks();
                types = z.buddy.types();
            }
            printed.add(new PrintedZone(z.fields.node(), z.fields.name(), pages(f.get("free"), pageSize),
                    pages(f.get("min"), pageSize), pages(f.get("low"), pageSize), pages(f.get("high"), pageSize),
                    pages(f.get("boost"), pageSize), managed, pages(f.get("reserved_highatomic"), pageSize),
                    pages(f.get("free_highatomic"), pageSize), pcp, pages(f.get("free_cma"), pageSize),
                    z.reserve, blocks, types, z.line));
        }
        GfpReading gfp = KernelMasks.read(header.hex(), header.names(), v);
        return new FailureReport(line, header.task(), header.order(), header.hex()
                + (header.names() == null ? "" : "(" + header.names() + ")"), gfp, v == null ? null : v.text(),
                context, header.nodemask(), cpuset, mems, pageSize, printed, missing);
    }

    /** Order 0's block size of the first buddy line, when it is a power of two the model takes. */
    private int pageSize() {
        for (Zone z : zones.values()) {
            if (z.buddy != null && z.buddy.order0Kb() > 0) {
                long bytes = z.buddy.order0Kb() * 1024;
                if (Long.bitCount(bytes) == 1 && bytes >= 512 && bytes <= 65536) {
                    return (int) bytes;
                }
                problems.add("order 0's blocks of " + z.buddy.order0Kb() + "kB give no page size the model takes:"
                        + " pages of 4 KiB are assumed");
                return 4096;
            }
        }
        return 4096;
    }

    private static long pages(Long kb, int pageSize) {
        return kb == null ? 0 : kb * 1024 / pageSize;
    }
}
