package labyrinth.core;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GFP masks: bit values of current Linux (6.3 and later, include/linux/gfp_types.h) plus
 * Labyrinth's {@code __GFP_EXCLUSIVE}, parsing from names or hex, and printing the way the
 * kernel's {@code %pGg} does. Masks are plain {@code long}s so the replay loop never boxes.
 * Stateless and thread-safe.
 */
public final class Gfp {
    public static final long DMA = 0x1;
    public static final long HIGHMEM = 0x2;
    public static final long DMA32 = 0x4;
    public static final long MOVABLE = 0x8;
    public static final long RECLAIMABLE = 0x10;
    public static final long HIGH = 0x20;
    public static final long IO = 0x40;
    public static final long FS = 0x80;
    public static final long ZERO = 0x100;
    public static final long ATOMIC_LEGACY = 0x200;
    public static final long DIRECT_RECLAIM = 0x400;
    public static final long KSWAPD_RECLAIM = 0x800;
    public static final long WRITE = 0x1000;
    public static final long NOWARN = 0x2000;
    public static final long RETRY_MAYFAIL = 0x4000;
    public static final long NOFAIL = 0x8000;
    public static final long NORETRY = 0x10000;
    public static final long MEMALLOC = 0x20000;
    public static final long COMP = 0x40000;
    public static final long NOMEMALLOC = 0x80000;
    public static final long HARDWALL = 0x100000;
    public static final long THISNODE = 0x200000;
    public static final long ACCOUNT = 0x400000;
    public static final long ZEROTAGS = 0x800000;
    public static final long EXCLUSIVE = 0x10000000;

    public static final long RECLAIM = DIRECT_RECLAIM | KSWAPD_RECLAIM;
    public static final long GFP_ATOMIC = HIGH | KSWAPD_RECLAIM;
    public static final long GFP_KERNEL = RECLAIM | IO | FS;
    public static final long GFP_KERNEL_ACCOUNT = GFP_KERNEL | ACCOUNT;
    public static final long GFP_NOWAIT = KSWAPD_RECLAIM | NOWARN;
    public static final long GFP_NOIO = RECLAIM;
    public static final long GFP_NOFS = RECLAIM | IO;
    public static final long GFP_USER = GFP_KERNEL | HARDWALL;
    public static final long GFP_HIGHUSER = GFP_USER | HIGHMEM;
    public static final long GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER | MOVABLE;
    public static final long GFP_TRANSHUGE_LIGHT = (GFP_HIGHUSER_MOVABLE | COMP | NOMEMALLOC | NOWARN) & ~RECLAIM;
    public static final long GFP_TRANSHUGE = GFP_TRANSHUGE_LIGHT | DIRECT_RECLAIM;

    /** Every name a trace may use, in the order the printer tries them (%pGg's table). */
    private static final String[] PRINT_NAMES = {
        "GFP_TRANSHUGE", "GFP_TRANSHUGE_LIGHT", "GFP_HIGHUSER_MOVABLE", "GFP_HIGHUSER", "GFP_USER",
        "GFP_KERNEL_ACCOUNT", "GFP_KERNEL", "GFP_NOFS", "GFP_ATOMIC", "GFP_NOIO", "GFP_NOWAIT",
        "GFP_DMA", "__GFP_HIGHMEM", "GFP_DMA32", "__GFP_HIGH",
        "__GFP_IO", "__GFP_FS", "__GFP_NOWARN", "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL", "__GFP_NORETRY",
        "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC", "__GFP_MEMALLOC", "__GFP_HARDWALL",
        "__GFP_THISNODE", "__GFP_RECLAIMABLE", "__GFP_MOVABLE", "__GFP_ACCOUNT", "__GFP_WRITE",
        "__GFP_RECLAIM", "__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_ZEROTAGS", "__GFP_ATOMIC",
        "__GFP_EXCLUSIVE",
    };
    private static final long[] PRINT_BITS = {
        GFP_TRANSHUGE, GFP_TRANSHUGE_LIGHT, GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER, GFP_USER,
        GFP_KERNEL_ACCOUNT, GFP_KERNEL, GFP_NOFS, GFP_ATOMIC, GFP_NOIO, GFP_NOWAIT,
        DMA, HIGHMEM, DMA32, HIGH,
        IO, FS, NOWARN, RETRY_MAYFAIL, NOFAIL, NORETRY,
        COMP, ZERO, NOMEMALLOC, MEMALLOC, HARDWALL,
        THISNODE, RECLAIMABLE, MOVABLE, ACCOUNT, WRITE,
        RECLAIM, DIRECT_RECLAIM, KSWAPD_RECLAIM, ZEROTAGS, ATOMIC_LEGACY,
        EXCLUSIVE,
    };
    private static final Map<String, Long> BY_NAME = new HashMap<>();

    static {
        for (int i = 0; i < PRINT_NAMES.length; i++) {
            BY_NAME.put(PRINT_NAMES[i], PRINT_BITS[i]);
        }
        // names the table prints differently but traces may spell with underscores
        BY_NAME.put("__GFP_DMA", DMA);
        BY_NAME.put("__GFP_DMA32", DMA32);
    }

    private Gfp() {
    }

    /** @return the bits of one flag or composite name, or -1 when the name is unknown */
    public static long bitsOf(String name) {
        Long bits = BY_NAME.get(name);
        return bits == null ? -1 : bits;
    }

    /**
     * Parses names joined by {@code |} (spaces around names allowed) or one hex mask ({@code 0x...}).
     *
     * @throws IllegalArgumentException whose message names the first unknown name, e.g.
     *     {@code unknown GFP flag "GFP_ATOMC" (did you mean "GFP_ATOMIC"?)}
     */
    public static long parse(String text) {
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
    public static String format(long mask) {
        StringBuilder sb = new StringBuilder(48).append("0x").append(Long.toHexString(mask)).append('(');
        sb.append(names(mask));
        return sb.append(')').toString();
    }

    /** Just the names of {@link #format}, without the hex: {@code GFP_ATOMIC|__GFP_EXCLUSIVE}. */
    public static String names(long mask) {
        StringBuilder sb = new StringBuilder(40);
        long left = mask;
        for (int i = 0; i < PRINT_BITS.length && left != 0; i++) {
            long bits = PRINT_BITS[i];
            if ((left & bits) == bits) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(PRINT_NAMES[i]);
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

    /** A request may sleep when it has {@code __GFP_DIRECT_RECLAIM}. */
    public static boolean maySleep(long mask) {
        return (mask & DIRECT_RECLAIM) != 0;
    }

    /** The highest zone a request may use: DMA for __GFP_DMA, DMA32 for __GFP_DMA32, else Normal. */
    public static ZoneKind highestZone(long mask) {
        if ((mask & DMA) != 0) {
            return ZoneKind.DMA;
        }
        if ((mask & DMA32) != 0) {
            return ZoneKind.DMA32;
        }
        return ZoneKind.NORMAL;
    }

    private static String suggestion(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String known : BY_NAME.keySet()) {
            int d = Spelling.distance(upper, known);
            if (d < bestDistance || (d == bestDistance && best != null && known.compareTo(best) < 0)) {
                bestDistance = d;
                best = known;
            }
        }
        if (best == null && BY_NAME.containsKey("__" + upper)) {
            best = "__" + upper;
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

}
