package labyrinth.core;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GFP names as one Linux version spells them (ALLOCATOR-MODEL.md, "GFP flags"): parsing masks from
 * names or hex and printing them the way that kernel's {@code %pGg} does. The bits never change;
 * three generations of names do:
 *
 * <ul>
 *   <li>6.8 and later ({@link #CURRENT}, the names of 6.12): {@code GFP_ATOMIC} is 0x820,
 *       {@code GFP_NOWAIT} 0x2800, and bit 0x200 is printed as a leftover;
 *   <li>6.3 to 6.7: {@code GFP_NOWAIT} is 0x800 (commit "mm: add __GFP_NOWARN to GFP_NOWAIT"
 *       came in 6.8);
 *   <li>before 6.3: also {@code GFP_ATOMIC} is 0xa20, with {@code __GFP_ATOMIC}, which the
 *       printer names (removed by "mm/page_alloc: remove __GFP_ATOMIC" in 6.3).
 * </ul>
 *
 * <p>{@code __GFP_ATOMIC} parses in every generation (a trace may name the bit); it never changes
 * a decision. Immutable and thread-safe; nothing returns null.
 */
public final class GfpNames {
    /** Every name a trace may use, in the order the printer tries them (%pGg's table of the contract). */
    private static final String[] TABLE_NAMES = {
        "GFP_TRANSHUGE", "GFP_TRANSHUGE_LIGHT", "GFP_HIGHUSER_MOVABLE", "GFP_HIGHUSER", "GFP_USER",
        "GFP_KERNEL_ACCOUNT", "GFP_KERNEL", "GFP_NOFS", "GFP_ATOMIC", "GFP_NOIO", "GFP_NOWAIT",
        "GFP_DMA", "__GFP_HIGHMEM", "GFP_DMA32", "__GFP_HIGH",
        "__GFP_IO", "__GFP_FS", "__GFP_NOWARN", "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL", "__GFP_NORETRY",
        "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC", "__GFP_MEMALLOC", "__GFP_HARDWALL",
        "__GFP_THISNODE", "__GFP_RECLAIMABLE", "__GFP_MOVABLE", "__GFP_ACCOUNT", "__GFP_WRITE",
        "__GFP_RECLAIM", "__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_ZEROTAGS", "__GFP_ATOMIC",
        "__GFP_EXCLUSIVE",
    };
    private static final long[] TABLE_BITS = {
        Gfp.GFP_TRANSHUGE, Gfp.GFP_TRANSHUGE_LIGHT, Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_HIGHUSER, Gfp.GFP_USER,
        Gfp.GFP_KERNEL_ACCOUNT, Gfp.GFP_KERNEL, Gfp.GFP_NOFS, Gfp.GFP_ATOMIC, Gfp.GFP_NOIO, Gfp.GFP_NOWAIT,
        Gfp.DMA, Gfp.HIGHMEM, Gfp.DMA32, Gfp.HIGH,
        Gfp.IO, Gfp.FS, Gfp.NOWARN, Gfp.RETRY_MAYFAIL, Gfp.NOFAIL, Gfp.NORETRY,
        Gfp.COMP, Gfp.ZERO, Gfp.NOMEMALLOC, Gfp.MEMALLOC, Gfp.HARDWALL,
        Gfp.THISNODE, Gfp.RECLAIMABLE, Gfp.MOVABLE, Gfp.ACCOUNT, Gfp.WRITE,
        Gfp.RECLAIM, Gfp.DIRECT_RECLAIM, Gfp.KSWAPD_RECLAIM, Gfp.ZEROTAGS, Gfp.ATOMIC_LEGACY,
        Gfp.EXCLUSIVE,
    };

    // after the tables: the constructor reads them
    /** Names of Linux 6.8 and later, as in 6.12: what a trace without {@code kernel} uses. */
    public static final GfpNames CURRENT = new GfpNames(Gfp.GFP_ATOMIC, Gfp.GFP_NOWAIT, false);
    private static final GfpNames BEFORE_6_8 = new GfpNames(Gfp.GFP_ATOMIC, Gfp.KSWAPD_RECLAIM, false);
    private static final GfpNames BEFORE_6_3 =
            new GfpNames(Gfp.GFP_ATOMIC | Gfp.ATOMIC_LEGACY, Gfp.KSWAPD_RECLAIM, true);

    private final long gfpAtomic;
    private final long gfpNowait;
    private final String[] printNames;
    private final long[] printBits;
    private final Map<String, Long> byName = new HashMap<>();

    private GfpNames(long gfpAtomic, long gfpNowait, boolean printsAtomicFlag) {
        this.gfpAtomic = gfpAtomic;
        this.gfpNowait = gfpNowait;
        int n = printsAtomicFlag ? TABLE_NAMES.length : TABLE_NAMES.length - 1;
        printNames = new String[n];
        printBits = new long[n];
        int i = 0;
        for (int t = 0; t < TABLE_NAMES.length; t++) {
            String name = TABLE_NAMES[t];
            long bits = switch (name) {
                case "GFP_ATOMIC" -> gfpAtomic;
                case "GFP_NOWAIT" -> gfpNowait;
                default -> TABLE_BITS[t];
            };
            byName.put(name, bits);
            if (printsAtomicFlag || !name.equals("__GFP_ATOMIC")) {
                printNames[i] = name;
                printBits[i++] = bits;
            }
        }
        // names the table prints differently but traces may spell with underscores
        byName.put("__GFP_DMA", Gfp.DMA);
        byName.put("__GFP_DMA32", Gfp.DMA32);
    }

    /** The names of {@code kernel}. */
    public static GfpNames of(KernelVersion kernel) {
        if (kernel.before(6, 3)) {
            return BEFORE_6_3;
        }
        return kernel.before(6, 8) ? BEFORE_6_8 : CURRENT;
    }

    /** What {@code GFP_ATOMIC} means here: 0x820, or 0xa20 before 6.3. */
    public long gfpAtomic() {
        return gfpAtomic;
    }

    /** What {@code GFP_NOWAIT} means here: 0x2800, or 0x800 before 6.8. */
    public long gfpNowait() {
        return gfpNowait;
    }

    /** @return the bits of one flag or composite name, or -1 when the name is unknown */
    public long bitsOf(String name) {
        Long bits = byName.get(name);
        return bits == null ? -1 : bits;
    }

    /**
     * Parses names joined by {@code |} (spaces around names allowed) or one hex mask ({@code 0x...}).
     *
     * @throws IllegalArgumentException whose message names the first unknown name, e.g.
     *     {@code unknown GFP flag "GFP_ATOMC" (did you mean "GFP_ATOMIC"?)}
     */
    public long parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty GFP mask");
        }
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return parseHex(text, s.substring(2));
        }
        long mask = 0;
        for (String part : s.split("\\|", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty flag name in GFP mask \"" + text + "\"");
            }
            long bits = bitsOf(name);
            if (bits < 0) {
                throw new IllegalArgumentException("unknown GFP flag \"" + name + "\"" + suggestion(name));
            }
            mask |= bits;
        }
        return mask;
    }

    private static long parseHex(String text, String hex) {
        // ASCII only: Character.digit (and so Long.parseUnsignedLong) also accepts other scripts' digits
        boolean ascii = !hex.isEmpty() && hex.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        String digits = hex.replaceFirst("^0+(?=.)", ""); // leading zeros never overflow
        if (!ascii || digits.length() > 16) {
            throw new IllegalArgumentException("GFP mask \"" + text + "\" is not a hex number of at most 64 bits");
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    /** Formats like the kernel's {@code %pGg}: {@code 0x10000820(GFP_ATOMIC|__GFP_EXCLUSIVE)}. */
    public String format(long mask) {
        return "0x" + Long.toHexString(mask) + '(' + names(mask) + ')';
    }

    /**
     * Just the names of {@link #format}, without the hex: walk the table in order, print every entry
     * whose bits are all still set and clear them, then the leftover bits as one hex number.
     */
    public String names(long mask) {
        StringBuilder sb = new StringBuilder(40);
        long left = mask;
        for (int i = 0; i < printBits.length && left != 0; i++) {
            long bits = printBits[i];
            if ((left & bits) == bits) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(printNames[i]);
                left &= ~bits;
            }
        }
        if (left != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Long.toHexString(left));
        }
        return sb.toString();
    }

    private String suggestion(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String known : byName.keySet()) {
            int d = Spelling.distance(upper, known);
            if (d < bestDistance || (d == bestDistance && best != null && known.compareTo(best) < 0)) {
                bestDistance = d;
                best = known;
            }
        }
        if (best == null && byName.containsKey("__" + upper)) {
            best = "__" + upper;
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }
}
