package labyrinth.format.ftrace;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Machine;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;

/**
 * A machine for a kernel trace that came without {@code /proc/zoneinfo}: 4 KiB pages laid out
 * with the x86-64 zone boundaries, DMA below 16 MiB (pfn 4096), DMA32 below 4 GiB (pfn 1048576),
 * Normal above, as one contiguous run of pfns from 0. Simplifications, on purpose: Linux never
 * hands out pfn 0 and real machines have holes (the PCI hole below 4 GiB moves RAM above it), but
 * starting at 0 keeps the model's carving aligned and every traced pfn inside a zone; watermarks
 * are left to the model's defaults. Stateless.
 */
public final class MachineGuess {
    public static final long DMA_END_PFN = 4096;
    public static final long DMA32_END_PFN = 1048576;

    private MachineGuess() {
    }

    /** MemInfo of {@code bytes} (rounded down to whole pages), e.g. from {@code MemTotal}. */
    public static Machine fromMemory(long bytes) {
        long pages = bytes / Machine.DEFAULT_PAGE_SIZE;
        if (pages <= 0) {
            throw new IllegalArgumentException("memory size must be at least one page (4096 bytes), found " + bytes);
        }
        return x86(pages, Machine.DEFAULT_MAX_ORDER);
    }

    /** Just enough memory for {@code highestPfn}, rounded up to a whole max-order block. */
    public static Machine fromHighestPfn(long highestPfn) {
        return fromHighestPfn(highestPfn, Machine.DEFAULT_MAX_ORDER);
    }

    /**
     * @param highestPfn the highest pfn a trace used (last page of its highest block), or -1 when it
     *     used none: then the machine is the DMA zone alone
     * @param maxOrder the machine's largest order (at least the largest order the trace used)
     */
    public static Machine fromHighestPfn(long highestPfn, int maxOrder) {
        if (highestPfn < 0) {
            return x86(DMA_END_PFN, maxOrder);
        }
        long block = 1L << maxOrder;
        long end = (highestPfn / block + 1) * block;
        return x86(end, maxOrder);
    }

    /** Zones of the x86-64 layout covering pfns [0, endPfn). */
    public static Machine x86(long endPfn, int maxOrder) {
        List<ZoneSpec> zones = new ArrayList<>(3);
        zones.add(new ZoneSpec(ZoneKind.DMA, 0, Math.min(endPfn, DMA_END_PFN)));
        if (endPfn > DMA_END_PFN) {
            zones.add(new ZoneSpec(ZoneKind.DMA32, DMA_END_PFN, Math.min(endPfn, DMA32_END_PFN) - DMA_END_PFN));
        }
        if (endPfn > DMA32_END_PFN) {
            zones.add(new ZoneSpec(ZoneKind.NORMAL, DMA32_END_PFN, endPfn - DMA32_END_PFN));
        }
        return new Machine(Machine.DEFAULT_PAGE_SIZE, maxOrder, zones, Machine.DEFAULT_DIRECT_MAP_BASE);
    }
}
