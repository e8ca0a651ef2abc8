package labyrinth.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.core.Machine;
import labyrinth.core.ZoneSpec;

/**
 * What a what-if changes (CLI.md, {@code whatif}). The machine settings are null when unchanged;
 * {@code addPages} is 0 when no memory is added. Immutable.
 *
 * @param fixAll {@code --fix-leak all}: every never-freed block
 * @param caps pages each named owner may hold at most
 */
public record Changes(long addPages, Long minFreeKbytes, Integer watermarkScaleFactor, Boolean transparentHugepages,
                      List<LeakFix> fixLeaks, boolean fixAll, Map<String, Long> caps) {
    public static final Changes NONE = new Changes(0, null, null, null, List.of(), false, Map.of());

    public Changes {
        if (addPages < 0) {
            throw new IllegalArgumentException("addPages must be >= 0, found " + addPages);
        }
        fixLeaks = List.copyOf(fixLeaks);
        caps = Map.copyOf(caps);
    }

    /** The same changes with {@code pages} added instead (the memory search's probes). */
    public Changes withAddPages(long pages) {
        return new Changes(pages, minFreeKbytes, watermarkScaleFactor, transparentHugepages, fixLeaks, fixAll, caps);
    }

    /** The same changes with one more leak fixed (the leak search's probes). */
    public Changes withFix(LeakFix fix) {
        List<LeakFix> more = new ArrayList<>(fixLeaks);
        more.add(fix);
        return new Changes(addPages, minFreeKbytes, watermarkScaleFactor, transparentHugepages, more, fixAll, caps);
    }

    public boolean settingsChanged() {
        return minFreeKbytes != null || watermarkScaleFactor != null || transparentHugepages != null;
    }

    public boolean fixesLeaks() {
        return fixAll || !fixLeaks.isEmpty();
    }

    /** Whether the never-freed block of {@code owner} at {@code site} is fixed. */
    public boolean fixes(String owner, String site) {
        if (fixAll) {
            return true;
        }
        for (LeakFix f : fixLeaks) {
            if (f.matches(owner, site)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The machine the what-if runs on. A changed setting replaces every zone's given watermarks (they
     * were the recording kernel's, computed from its settings); added memory grows the highest zone at
     * its top and recomputes that zone's watermarks from the settings (ALLOCATOR-MODEL.md).
     */
    public Machine apply(Machine m) {
        List<ZoneSpec> zones = new ArrayList<>(m.zones());
        if (settingsChanged()) {
            zones.replaceAll(z -> new ZoneSpec(z.kind(), z.startPfn(), z.pages(), null, z.lowmemReserve()));
        }
        if (addPages > 0) {
            int top = zones.size() - 1;
            ZoneSpec z = zones.get(top);
            zones.set(top, new ZoneSpec(z.kind(), z.startPfn(), Math.addExact(z.pages(), addPages), null,
                    z.lowmemReserve()));
        }
        Machine changed = m.withZones(zones);
        if (minFreeKbytes != null) {
            changed = changed.withMinFreeKbytes(minFreeKbytes);
        }
        if (watermarkScaleFactor != null) {
            changed = changed.withWatermarkScaleFactor(watermarkScaleFactor);
        }
        if (transparentHugepages != null) {
            changed = changed.withTransparentHugepages(transparentHugepages);
        }
        return changed;
    }

    /** The changes as command-line options, in CLI.md's order (for reports). */
    public List<String> describe() {
        List<String> list = new ArrayList<>();
        if (addPages > 0) {
            list.add("--add-memory " + addPages + "p");
        }
        if (minFreeKbytes != null) {
            list.add("--min-free-kbytes " + minFreeKbytes);
        }
        if (watermarkScaleFactor != null) {
            list.add("--watermark-scale-factor " + watermarkScaleFactor);
        }
        if (transparentHugepages != null) {
            list.add("--transparent-hugepages " + transparentHugepages);
        }
        if (fixAll) {
            list.add("--fix-leak all");
        }
        for (LeakFix f : fixLeaks) {
            list.add("--fix-leak " + f.label());
        }
        for (Map.Entry<String, Long> e : new TreeMap<>(caps).entrySet()) {
            list.add("--cap " + e.getKey() + "=" + e.getValue());
        }
        return list;
    }
}
