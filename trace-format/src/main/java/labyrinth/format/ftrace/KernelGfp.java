package labyrinth.format.ftrace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.Gfp;
import labyrinth.core.GfpNames;

/**
 * Reads {@code gfp_flags=} as Linux kernels have printed it over the years, on top of
 * {@link Gfp} (whose behaviour for Labyrinth traces stays untouched):
 *
 * <ul>
 *   <li>names of {@link Gfp} ({@code GFP_KERNEL}, {@code __GFP_NOWARN}, ...);
 *   <li>the 2.6.x–4.x spelling without leading underscores ({@code GFP_ZERO}, {@code GFP_COMP}):
 *       a name {@code GFP_X} that is not a composite is read as {@code __GFP_X};
 *   <li>renamed legacy names with a current equivalent: {@code __GFP_WAIT} (before 4.4, "may
 *       sleep", which also woke kswapd) as {@code __GFP_RECLAIM}; {@code GFP_TEMPORARY} (before
 *       4.14) as {@code GFP_KERNEL|__GFP_RECLAIMABLE}; {@code GFP_IOFS} as {@code __GFP_IO|__GFP_FS};
 *       {@code GFP_THISNODE}, which old kernels printed for the single bit, as {@code __GFP_THISNODE};
 *   <li>{@code none} (the kernel's spelling of 0);
 *   <li>hex masks, alone ({@code 0x140cca}, printed when the tracing tool could not resolve the
 *       flag enum) or as leftovers after names ({@code GFP_KERNEL|0x1000000});
 *   <li>decimal masks alone ({@code 24150208}, which is 0x17080c0), as trace-cmd prints them in its
 *       {@code [FAILED TO PARSE]} fallback and with {@code report -R}.
 * </ul>
 *
 * <p>Names are read as the recording kernel spelled them ({@code --kernel}: {@code GFP_NOWAIT} is
 * 0x800 before 6.8, {@code GFP_ATOMIC} 0xa20 before 6.3), by default as 6.12 spells them. Hex and decimal bits
 * are taken as current (6.3+) bit values: kernels before 4.4 used another layout, so an old hex
 * mask may be read wrongly. Bits the model does not know (above {@code __GFP_ZEROTAGS}) are removed from the mask
 * and kept as hex text. Names the model does not know ({@code __GFP_REPEAT}, {@code __GFP_NOTRACK},
 * {@code __GFP_COLD}, {@code __GFP_NO_KSWAPD}, ...; none of them changes the model's decisions)
 * are kept as text, as printed, in {@code gfpUnparsed}. Never fails.
 *
 * <p>Results are cached per spelling (kernel traces repeat a handful of spellings millions of
 * times); the cache is bounded. Not thread-safe: one per reader.
 */
public final class KernelGfp {
    /** Bits a real kernel mask may carry that the model knows; __GFP_EXCLUSIVE is Labyrinth's own. */
    static final long KERNEL_KNOWN_BITS = 0xffffffL;
    private static final int CACHE_LIMIT = 4096;
    private static final int RECENT = 64;
    private static final Map<String, Long> LEGACY = Map.of(
            "__GFP_WAIT", Gfp.RECLAIM,
            "GFP_WAIT", Gfp.RECLAIM,
            "GFP_TEMPORARY", Gfp.GFP_KERNEL | Gfp.RECLAIMABLE,
            "GFP_IOFS", Gfp.IO | Gfp.FS,
            "GFP_THISNODE", Gfp.THISNODE,
            "none", 0L);

    /**
     * @param mask the bits understood
     * @param unparsed names (and unknown hex bits) kept as text, joined by {@code |}, or null
     * @param unknown the same, one entry per name, for counting
     * @param hex whether the mask was printed as a bare hex number
     * @param decimal whether it was printed as a bare decimal number (trace-cmd's
     *     {@code [FAILED TO PARSE]} fallback and {@code report -R}: {@code gfp_flags=24150208})
     */
    record Result(long mask, String unparsed, List<String> unknown, boolean hex, boolean decimal) {
    }

    private final Map<String, Result> cache = new HashMap<>();
    /** The spellings last read from a line, by a hash of their text, so that a hit copies nothing. */
    private final String[] recentText = new String[RECENT];
    private final Result[] recent = new Result[RECENT];
    private final GfpNames names;

    KernelGfp(GfpNames names) {
        this.names = names;
    }

    KernelGfp() {
        this(GfpNames.CURRENT);
    }

    Result parse(String text) {
        Result r = cache.get(text);
        if (r == null) {
            r = parseUncached(text, names);
            if (cache.size() < CACHE_LIMIT) {
                cache.put(text, r);
            }
        }
        return r;
    }

    /** {@link #parse(String)} of {@code s[b, e)}. */
    Result parse(String s, int b, int e) {
        int h = 0;
        for (int k = b; k < e; k++) {
            h = 31 * h + s.charAt(k);
        }
        int slot = (h ^ (h >>> 16)) & (RECENT - 1);
        String known = recentText[slot];
        if (known != null && known.length() == e - b && known.regionMatches(0, s, b, e - b)) {
            return recent[slot];
        }
        String text = s.substring(b, e);
        Result r = parse(text);
        recentText[slot] = text;
        recent[slot] = r;
        return r;
    }

    static Result parseUncached(String text) {
        return parseUncached(text, GfpNames.CURRENT);
    }

    static Result parseUncached(String text, GfpNames names) {
        long mask = 0;
        List<String> unknown = new ArrayList<>(2);
        String[] parts = text.split("\\|", -1);
        boolean hexOnly = parts.length == 1 && isHex(parts[0].trim());
        boolean decimal = parts.length == 1 && isDecimal(parts[0].trim());
        if (decimal) {
            long bits = Long.parseUnsignedLong(parts[0].trim());
            long rest = bits & ~KERNEL_KNOWN_BITS;
            List<String> unknownBits = rest == 0 ? List.of() : List.of("0x" + Long.toHexString(rest));
            return new Result(bits & KERNEL_KNOWN_BITS, rest == 0 ? null : unknownBits.get(0), unknownBits, false, true);
        }
        for (String raw : parts) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (isHex(name)) {
                long bits = Long.parseUnsignedLong(name.substring(2), 16);
                mask |= bits & KERNEL_KNOWN_BITS;
                long rest = bits & ~KERNEL_KNOWN_BITS;
                if (rest != 0) {
                    unknown.add("0x" + Long.toHexString(rest));
                }
                continue;
            }
            long bits = bitsOf(name, names);
            if (bits < 0) {
                unknown.add(name);
            } else {
                mask |= bits;
            }
        }
        String unparsed = unknown.isEmpty() ? null : String.join("|", unknown);
        return new Result(mask, unparsed, List.copyOf(unknown), hexOnly, false);
    }

    /** @return the bits of one name in any spelling above, or -1 when the model does not know it */
    public static long bitsOf(String name) {
        return bitsOf(name, GfpNames.CURRENT);
    }

    static long bitsOf(String name, GfpNames names) {
        Long legacy = LEGACY.get(name);
        if (legacy != null) {
            return legacy;
        }
        long bits = names.bitsOf(name);
        if (bits >= 0) {
            return bits;
        }
        if (name.startsWith("GFP_")) {
            return names.bitsOf("__" + name);
        }
        return -1;
    }

    /** Digits only, and few enough for 64 bits (a flag name never starts with a digit). */
    private static boolean isDecimal(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s) {
        if (s.length() < 3 || s.length() > 18 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
