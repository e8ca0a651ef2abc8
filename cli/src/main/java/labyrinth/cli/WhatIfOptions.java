package labyrinth.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.whatif.Changes;
import labyrinth.whatif.LeakFix;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The changes of {@code labyrinth whatif} (CLI.md), read into {@link Changes}. Values are checked
 * here, each with a message that says what is expected; sizes in bytes become pages once the trace's
 * page size is known.
 */
final class WhatIfOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--add-memory", paramLabel = "SIZE",
            description = "the highest zone had SIZE more memory, at its top: 64M, 1G, or 4096p for pages")
    String addMemory;

    @Option(names = "--min-free-kbytes", paramLabel = "N",
            description = "the machine ran with vm.min_free_kbytes N (every zone's watermarks computed from it)")
    String minFreeKbytes;

    @Option(names = "--watermark-scale-factor", paramLabel = "N",
            description = "the machine ran with vm.watermark_scale_factor N (1 to 3000)")
    String watermarkScaleFactor;

    @Option(names = "--transparent-hugepages", paramLabel = "BOOL",
            description = "the machine ran with transparent hugepages on (true) or off (false)")
    String transparentHugepages;

    @Option(names = "--fix-leak", paramLabel = "OWNER[@SITE]",
            description = "the blocks of OWNER (at SITE) that the trace never frees were never allocated; "
                    + "all for every such block (repeatable)")
    List<String> fixLeaks = new ArrayList<>();

    @Option(names = "--cap", paramLabel = "OWNER=PAGES",
            description = "OWNER could hold at most PAGES pages: a request past it fails at once, reason cap "
                    + "(repeatable)")
    List<String> caps = new ArrayList<>();

    /** The changes for a machine of {@code machine}'s page size. */
    Changes changes(Machine machine) {
        long add = addMemory == null ? 0 : pages(addMemory, machine.pageSize());
        Long mfk = minFreeKbytes == null ? null : whole("--min-free-kbytes", minFreeKbytes, 0, Long.MAX_VALUE / 1024);
        Integer wsf = watermarkScaleFactor == null ? null : (int) whole("--watermark-scale-factor",
                watermarkScaleFactor, 1, Machine.MAX_WATERMARK_SCALE_FACTOR);
        Boolean thp = null;
        if (transparentHugepages != null) {
            String v = transparentHugepages.toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw usage("--transparent-hugepages must be true or false, found " + transparentHugepages);
            }
            thp = v.equals("true");
        }
        boolean all = false;
        List<LeakFix> fixes = new ArrayList<>();
        for (String f : fixLeaks) {
            if (f.equals("all")) {
                all = true;
            } else if (f.isEmpty() || f.startsWith("@") || f.endsWith("@")) {
                throw usage("--fix-leak " + f + ": expected OWNER, OWNER@SITE or all");
            } else {
                fixes.add(LeakFix.parse(f));
            }
        }
        Map<String, Long> capped = new LinkedHashMap<>();
        for (String c : caps) {
            int eq = c.lastIndexOf('=');
            if (eq <= 0) {
                throw usage("--cap " + c + ": expected OWNER=PAGES, such as eth0-rx=256");
            }
            String pages = c.substring(eq + 1);
            if (!pages.matches("[0-9]{1,18}")) {
                throw usage("--cap " + c + ": PAGES must be a whole number, found " + (pages.isEmpty() ? "nothing" : pages));
            }
            capped.put(c.substring(0, eq), Long.parseLong(pages));
        }
        return new Changes(add, mfk, wsf, thp, fixes, all, capped);
    }

    boolean any() {
        return addMemory != null || minFreeKbytes != null || watermarkScaleFactor != null
                || transparentHugepages != null || !fixLeaks.isEmpty() || !caps.isEmpty();
    }

    /** {@code 4096p} pages, or a size in bytes (as {@link SizeConverter} reads it) rounded up to whole pages. */
    private long pages(String size, int pageSize) {
        String v = size.trim();
        if (v.endsWith("p") || v.endsWith("P")) {
            String n = v.substring(0, v.length() - 1);
            if (!n.matches("[0-9]{1,18}") || Long.parseLong(n) == 0) {
                throw usage("--add-memory must be a size such as 64M, 1G or 4096p (pages), found " + size);
            }
            return Long.parseLong(n);
        }
        long bytes;
        try {
            bytes = new SizeConverter().convert(v);
        } catch (RuntimeException e) {
            throw usage("--add-memory must be a size such as 64M, 1G or 4096p (pages), found " + size);
        }
        return (bytes + pageSize - 1) / pageSize;
    }

    private long whole(String option, String value, long min, long max) {
        if (!value.matches("[0-9]{1,18}")) {
            throw usage(option + " must be a whole number, found " + value);
        }
        long n = Long.parseLong(value);
        if (n < min || n > max) {
            throw usage(option + " must be from " + min + " to " + max + ", found " + value);
        }
        return n;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
