package labyrinth.format.dmesg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The zone lines of show_mem's Mem-Info, in every form since 2.6: the zone line
 * ({@code Node 0 DMA32 free:52184kB boost:0kB min:15860kB ...}, without {@code Node N} on old and
 * some Android kernels), {@code lowmem_reserve[]: 0 0 9127 9127 9127}, the buddy line
 * ({@code Node 0 Normal: 1024*4kB (UMEH) 534*8kB (UEH) ... = 79584kB}) and the per-CPU lists of
 * old kernels ({@code Node 0 DMA32 per-cpu:} then {@code CPU    0: hi:  186, btch:  31 usd: 174}).
 * Values stay as printed (kB); the reader converts them once the page size is known. Stateless.
 */
final class ZoneLines {
    static final String ZONES = "DMA32|DMA|Normal|HighMem|Movable|Device";
    /** Numbers longer than 15 digits are read as this: far past any machine, never near overflow. */
    static final long LARGEST = 999_999_999_999_999L;
    private static final Pattern ZONE = Pattern.compile("^\\s*(?:Node (\\d+) )?(" + ZONES + ") free:");
    private static final Pattern FIELD = Pattern.compile(
            "(?<![\\w])(free|boost|min|low|high|reserved_highatomic|free_highatomic|present|managed|free_pcp|free_cma)"
                    + ":(\\d+)");
    private static final Pattern LOWMEM = Pattern.compile("^\\s*lowmem_reserve\\[\\]:((?:\\s+\\d+)*)\\s*$");
    private static final Pattern BUDDY = Pattern.compile("^\\s*(?:Node (\\d+) )?(" + ZONES + "):(?: (.*))?$");
    private static final Pattern BLOCK = Pattern.compile("(\\d+)\\*(\\d+)([kKmM])B(?:\\s*\\(([A-Z]*)\\))?");
    private static final Pattern PER_CPU = Pattern.compile("^\\s*(?:Node (\\d+) )?(" + ZONES + ") per-cpu:");
    private static final Pattern USD = Pattern.compile("^\\s*CPU\\s+\\d+: hi:\\s*\\d+, btch:\\s*\\d+ usd:\\s*(\\d+)");

    /** A zone line: its node, name and kB fields by key. */
    record Zone(int node, String name, Map<String, Long> fields) {
    }

    /** A buddy line: free blocks per order, the block size of order 0 in kB, and the letters per order. */
    record Buddy(int node, String name, long[] blocks, long order0Kb, List<String> types) {
    }

    private ZoneLines() {
    }

    static boolean isZoneLine(String text) {
        return ZONE.matcher(text).find();
    }

    static boolean isBuddyLine(String text) {
        Matcher m = BUDDY.matcher(text);
        if (!m.find()) {
            return false;
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        return BLOCK.matcher(rest).find() || rest.strip().startsWith("empty") || rest.isBlank();
    }

    static Zone zone(String text) {
        Matcher m = ZONE.matcher(text);
        if (!m.find()) {
            return null;
        }
        Map<String, Long> fields = new HashMap<>();
        Matcher f = FIELD.matcher(text);
        while (f.find()) {
            if (f.group(2).length() <= 15) {
                fields.putIfAbsent(f.group(1), Long.parseLong(f.group(2)));
            }
        }
        return new Zone(node(m.group(1)), m.group(2), fields);
    }

    /** @return the entries, or null when {@code text} is no lowmem_reserve line */
    static long[] lowmemReserve(String text) {
        Matcher m = LOWMEM.matcher(text);
        if (!m.find()) {
            return null;
        }
        String list = m.group(1).trim();
        if (list.isEmpty()) {
            return new long[0];
        }
        String[] parts = list.split("\\s+");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].length() <= 15 ? Long.parseLong(parts[i]) : LARGEST; // an absurd entry stays absurd
        }
        return out;
    }

    /** @return the buddy line's blocks, or null when {@code text} is no buddy line */
    static Buddy buddy(String text) {
        Matcher m = BUDDY.matcher(text);
        if (!m.find() || !isBuddyLine(text)) {
            return null;
        }
        List<Long> blocks = new ArrayList<>();
        List<String> types = new ArrayList<>();
        long order0 = -1;
        Matcher b = BLOCK.matcher(m.group(3) == null ? "" : m.group(3));
        while (b.find() && blocks.size() < 64) {
            long count = b.group(1).length() <= 15 ? Long.parseLong(b.group(1)) : LARGEST;
            long kb = b.group(2).length() <= 12 ? Long.parseLong(b.group(2)) : -1;
            if (b.group(3).equalsIgnoreCase("m")) {
                kb *= 1024;
            }
            if (order0 < 0) {
                order0 = kb;
            }
            blocks.add(count);
            types.add(b.group(4) == null ? "" : b.group(4));
        }
        long[] counts = new long[blocks.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = blocks.get(i);
        }
        return new Buddy(node(m.group(1)), m.group(2), counts, order0, types);
    }

    /** @return {node, name} of a {@code ZONE per-cpu:} line, or null */
    static String[] perCpu(String text) {
        Matcher m = PER_CPU.matcher(text);
        return m.find() ? new String[] {String.valueOf(node(m.group(1))), m.group(2)} : null;
    }

    /** @return the {@code usd} count of an old per-CPU line, or -1 */
    static long used(String text) {
        Matcher m = USD.matcher(text);
        return m.find() && m.group(1).length() <= 9 ? Long.parseLong(m.group(1)) : -1;
    }

    private static int node(String n) {
        return n == null || n.length() > 4 ? 0 : Integer.parseInt(n);
    }
}
