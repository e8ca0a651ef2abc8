package labyrinth.format.dmesg;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.KernelVersion;
import labyrinth.core.Gfp;
import labyrinth.explain.GfpReading;
import labyrinth.format.ftrace.KernelGfp;

/**
 * Reads a report's {@code mode:0xHEX(NAMES)} into the model's mask, and prints a mask with the
 * names of the report's kernel (ALLOCATOR-MODEL.md, "GFP flags"). What a version's names mean and
 * how it prints a mask are the trace format's {@link labyrinth.core.GfpNames}, the same as for the
 * machine key {@code kernel}; this class adds what only logs need: old spellings and masks printed
 * without names.
 *
 * <p>Names decide: their bit values changed over the years (GFP_ATOMIC is 0x80020 with
 * __GFP_KSWAPD_RECLAIM at 0x400000 in 4.19, 0xa20 in 5.x), their meanings did not, except that
 * {@code GFP_ATOMIC} also sets {@code __GFP_ATOMIC} before 6.3 and {@code GFP_NOWAIT} lacks
 * {@code __GFP_NOWARN} before 6.8. Without a version the names mean what they mean in 6.12.
 * Names and hex rests the model does not know are kept aside: they change no decision, and a hex
 * rest of an old kernel is in that kernel's bit layout.
 *
 * <p>A mask printed without names (kernels before 4.5) is read by its bits only where the layout
 * is known: that of 4.4 to 4.9 for a kernel of those versions, today's for 5.0 and later. Before
 * 4.4, without a version, or between 4.10 and 4.20 it is not read ({@code unknown-mask}).
 * Stateless.
 */
final class KernelMasks {
    /** Bit {@code i} of a 4.4-4.9 mask and the model's bits for it (0: a flag the model lacks). */
    private static final long[] LINUX_4_4 = {
        Gfp.DMA, Gfp.HIGHMEM, Gfp.DMA32, Gfp.MOVABLE, Gfp.RECLAIMABLE, Gfp.HIGH, Gfp.IO, Gfp.FS,
        0 /* __GFP_COLD */, Gfp.NOWARN, 0 /* __GFP_REPEAT */, Gfp.NOFAIL, Gfp.NORETRY, Gfp.MEMALLOC, Gfp.COMP,
        Gfp.ZERO, Gfp.NOMEMALLOC, Gfp.HARDWALL, Gfp.THISNODE, Gfp.ATOMIC_LEGACY, 0 /* __GFP_(NO)ACCOUNT */,
        0 /* __GFP_NOTRACK */, Gfp.DIRECT_RECLAIM, 0 /* __GFP_OTHER_NODE */, Gfp.WRITE, Gfp.KSWAPD_RECLAIM,
    };

    private KernelMasks() {
    }

    /**
     * @param hex the printed hex ({@code 0xc0c40})
     * @param names the text between the parentheses, or null when none were printed
     * @param version the report's kernel, or null
     */
    static GfpReading read(String hex, String names, KernelVersion version) {
        String mode = hex + (names == null ? "" : "(" + names + ")");
        if (names != null) {
            long mask = 0;
            List<String> ignored = new ArrayList<>();
            for (String raw : names.split("\\|")) {
                String name = raw.trim();
                long bits = name.isEmpty() ? 0 : bitsOf(name, version);
                if (bits < 0) {
                    ignored.add(name);
                } else {
                    mask |= bits;
                }
            }
            return new GfpReading(mask, true, format(mask, version), ignored, null);
        }
        long printed = Long.parseUnsignedLong(hex.substring(2), 16);
        if (version != null && !version.before(4, 4) && version.before(4, 10)) {
            return layout44(printed, version);
        }
        if (version != null && !version.before(5, 0)) {
            long known = printed & 0xffffffL;
            List<String> ignored = known == printed ? List.of() : List.of("0x" + Long.toHexString(printed & ~known));
            return new GfpReading(known, true, format(known, version), ignored, null);
        }
        String why = version == null
                ? "mode " + mode + " is printed without flag names and the log names no kernel version, so its"
                        + " bits cannot be read"
                : "mode " + mode + " is printed without flag names by Linux " + version.major() + "."
                        + version.minor() + ", whose flag bits differ from today's";
        return new GfpReading(0, false, mode, List.of(), why);
    }

    private static GfpReading layout44(long printed, KernelVersion version) {
        long mask = 0;
        long rest = 0;
        for (int i = 0; i < 64; i++) {
            if ((printed & 1L << i) != 0) {
                long bits = i < LINUX_4_4.length ? LINUX_4_4[i] : 0;
                if (bits == 0) {
                    rest |= 1L << i;
                }
                mask |= bits;
            }
        }
        List<String> ignored = rest == 0 ? List.of()
                : List.of("0x" + Long.toHexString(rest) + " (bits of the 4.4 layout the model lacks)");
        return new GfpReading(mask, true, format(mask, version), ignored, null);
    }

    /** The model's bits of one name as the kernel {@code version} means it, or -1 when the model lacks it. */
    static long bitsOf(String name, KernelVersion version) {
        if (name.equals("GFP_ATOMIC") || name.equals("GFP_NOWAIT")) {
            return names(version).bitsOf(name);
        }
        if (name.startsWith("0x")) {
            return -1; // a rest in the kernel's own bit layout
        }
        return KernelGfp.bitsOf(name);
    }

    /** {@code 0xa20(GFP_ATOMIC)}: hex and the names the kernel {@code version} prints (%pGg's walk). */
    static String format(long mask, KernelVersion version) {
        return names(version).format(mask);
    }

    /** The names of {@code version}; those of 6.12 without one. */
    private static labyrinth.core.GfpNames names(KernelVersion version) {
        return version == null ? labyrinth.core.GfpNames.CURRENT : version.gfpNames();
    }
}
