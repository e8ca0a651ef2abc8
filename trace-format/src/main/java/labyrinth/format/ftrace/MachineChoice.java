package labyrinth.format.ftrace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Machine;
import labyrinth.core.ZoneSpec;
import labyrinth.trace.TraceException;

/**
 * The machine a kernel trace is imported onto, where it came from (for the report and the
 * header's {@code meta}) and notes on what was assumed. In order of preference: given, read from
 * /proc/zoneinfo, guessed from a memory size, or guessed from the highest pfn of a first pass over
 * the file ({@link FtraceReader} makes that pass). Immutable.
 *
 * @param source how the machine was chosen, e.g. {@code "zoneinfo zi.txt"} or {@code "highest pfn 4095"}
 */
record MachineChoice(Machine machine, String source, List<String> notes) {
    /** The machine of the first pass: wide enough for any pfn and order, so it decides nothing. */
    static final MachineChoice SCAN =
            new MachineChoice(MachineGuess.x86(MachineGuess.DMA_END_PFN, Machine.MAX_MAX_ORDER), "scan", List.of());

    /** The machine {@code options} give, read or imply; null when a first pass must guess it. */
    static MachineChoice fromOptions(FtraceOptions options) throws IOException, TraceException {
        if (options.machine() != null) {
            return new MachineChoice(options.machine(), "given", List.of());
        }
        if (options.zoneinfo() != null) {
            ZoneinfoParser.Result z = ZoneinfoParser.parse(options.zoneinfo());
            return new MachineChoice(z.machine(), "zoneinfo " + options.zoneinfo(),
                    withAssumedSettings(z.notes(), z.machine()));
        }
        if (options.memoryBytes() > 0) {
            Machine guess = MachineGuess.fromMemory(options.memoryBytes());
            return new MachineChoice(guess, "memory " + options.memoryBytes() + " bytes",
                    withAssumedSettings(List.of(), guess));
        }
        return null;
    }

    /** The machine guessed from a first pass: its highest pfn (-1: none) and largest order. */
    static MachineChoice fromHighestPfn(long highestPfn, int highestOrder) {
        Machine guess = MachineGuess.fromHighestPfn(highestPfn, Math.max(Machine.DEFAULT_MAX_ORDER, highestOrder));
        return new MachineChoice(guess, highestPfn < 0 ? "default (no pfn in the trace)" : "highest pfn " + highestPfn,
                withAssumedSettings(List.of(), guess));
    }

    /**
     * {@code notes} and, when some zone's watermarks are computed rather than read from zoneinfo, the
     * kernel settings the computation assumed (ALLOCATOR-MODEL.md's defaults).
     */
    static List<String> withAssumedSettings(List<String> notes, Machine m) {
        boolean computed = false;
        for (ZoneSpec z : m.zones()) {
            computed |= z.watermarks() == null;
        }
        if (!computed) {
            return notes;
        }
        long mfk = m.minFreeKbytesInEffect();
        boolean raised = !m.minFreeKbytesGiven() && mfk > m.bootMinFreeKbytes();
        List<String> out = new ArrayList<>(notes);
        out.add("watermarks computed, not read: assumed min_free_kbytes " + mfk
                + (m.minFreeKbytesGiven() ? "" : raised ? " (Linux's boot value, raised by khugepaged)"
                        : " (Linux's boot value)")
                + ", watermark_scale_factor " + m.watermarkScaleFactor() + " and transparent hugepages "
                + (m.transparentHugepages() ? "on" : "off") + "; --zoneinfo gives the machine's own");
        return out;
    }

}
