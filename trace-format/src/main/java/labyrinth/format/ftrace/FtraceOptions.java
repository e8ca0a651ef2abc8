package labyrinth.format.ftrace;

import java.nio.file.Path;
import labyrinth.core.KernelVersion;
import labyrinth.core.Machine;

/**
 * How to import a kernel trace. The machine comes from the first of: {@code machine},
 * {@code zoneinfo} (a {@code /proc/zoneinfo} file), {@code memoryBytes} (&gt; 0), else a pre-scan
 * of the trace for its highest pfn (see {@link MachineGuess}). Immutable; null fields mean "not
 * given".
 *
 * @param machine the machine as is, or null
 * @param zoneinfo a /proc/zoneinfo file, or null
 * @param memoryBytes installed memory in bytes, or 0
 * @param strict stop at the first malformed line instead of skipping it
 * @param preemptOffset subtracted from the flags column's preempt depth before deciding the
 *     context: 0 (default) for kernels since 4.7, 1 for older kernels built with CONFIG_PREEMPT,
 *     which counted the tracepoint's own preempt_disable() in every event (fixed upstream by
 *     commit e947841c0dce "tracing: Show the preempt count of when the event was called")
 * @param maxListed how many malformed or unrecognised lines the report lists by number (all are
 *     counted)
 * @param kernel the Linux version that printed the trace, whose GFP names it uses (the machine's
 *     {@code kernel}), or null: the names of 6.12
 */
public record FtraceOptions(Machine machine, Path zoneinfo, long memoryBytes, boolean strict, int preemptOffset,
                            int maxListed, KernelVersion kernel) {
    public FtraceOptions {
        if (memoryBytes < 0) {
            throw new IllegalArgumentException("memoryBytes must be >= 0, found " + memoryBytes);
        }
        if (preemptOffset < 0 || preemptOffset > 15) {
            throw new IllegalArgumentException("preemptOffset must be from 0 to 15, found " + preemptOffset);
        }
        if (maxListed < 0) {
            throw new IllegalArgumentException("maxListed must be >= 0, found " + maxListed);
        }
    }

    public static FtraceOptions defaults() {
        return new FtraceOptions(null, null, 0, false, 0, 100, null);
    }

    public FtraceOptions withMachine(Machine m) {
        return new FtraceOptions(m, zoneinfo, memoryBytes, strict, preemptOffset, maxListed, kernel);
    }

    public FtraceOptions withZoneinfo(Path file) {
        return new FtraceOptions(machine, file, memoryBytes, strict, preemptOffset, maxListed, kernel);
    }

    public FtraceOptions withMemory(long bytes) {
        return new FtraceOptions(machine, zoneinfo, bytes, strict, preemptOffset, maxListed, kernel);
    }

    public FtraceOptions withStrict(boolean s) {
        return new FtraceOptions(machine, zoneinfo, memoryBytes, s, preemptOffset, maxListed, kernel);
    }

    public FtraceOptions withPreemptOffset(int offset) {
        return new FtraceOptions(machine, zoneinfo, memoryBytes, strict, offset, maxListed, kernel);
    }

    public FtraceOptions withMaxListed(int n) {
        return new FtraceOptions(machine, zoneinfo, memoryBytes, strict, preemptOffset, n, kernel);
    }

    public FtraceOptions withKernel(KernelVersion version) {
        return new FtraceOptions(machine, zoneinfo, memoryBytes, strict, preemptOffset, maxListed, version);
    }
}
