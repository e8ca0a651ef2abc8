package labyrinth.format.ftrace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import of a kernel trace produced and what it left out, for the CLI's warnings. The
 * reader fills it while it reads; it is complete once {@code next()} has returned null. Lists of
 * line numbers are capped ({@link FtraceOptions#maxListed()}), counts are not. Maps are sorted by
 * key and never null. Not thread-safe.
 */
public final class ImportReport {
    /** A line the importer could not use: 1-based line number and why. */
    public record Problem(long line, String message) {
    }

    private final int maxListed;
    long allocs;
    long failedAllocs;
    long unrecordedAllocs;
    long frees;
    long freesBatched;
    long freesDirect;
    long pcpuDrains;
    long allocZoneLocked;
    long stacks;
    long orphanStacks;
    long timeBackwards;
    long firstTimeBackwardsLine;
    long lostEvents;
    /** LOST and overrun lines, those that gave no count included. */
    long lossMarkers;
    /** Of those, the lines that gave no count. */
    long uncountedLosses;
    long hexGfpMasks;
    long decimalGfpMasks;
    long headerlessFrames;
    long ignoredLines;
    long unrecognisedLines;
    long malformedLines;
    long vmemmapOffsetPfns;
    long outsideZones;
    long maxPreempt = -1;
    long minPreempt = Long.MAX_VALUE;
    long flaggedEvents;
    String machineSource = "";
    final List<String> machineNotes = new ArrayList<>();
    final Map<String, Long> otherEvents = new TreeMap<>();
    final Map<String, Long> unknownGfp = new TreeMap<>();
    /** Events imported per layout, by {@link Layout#ordinal()}: a counter, not a map of boxed counts, per event. */
    final long[] layouts = new long[Layout.values().length];
    final List<Problem> malformed = new ArrayList<>();
    final List<Long> unrecognised = new ArrayList<>();

    ImportReport(int maxListed) {
        this.maxListed = maxListed;
    }

    void malformed(long line, String message) {
        malformedLines++;
        if (malformed.size() < maxListed) {
            malformed.add(new Problem(line, message));
        }
    }

    void unrecognised(long line) {
        unrecognisedLines++;
        if (unrecognised.size() < maxListed) {
            unrecognised.add(line);
        }
    }

    void other(String event) {
        // bounded: a trace names few distinct events, a garbled one could name many
        if (otherEvents.size() < 1000 || otherEvents.containsKey(event)) {
            otherEvents.merge(event, 1L, Long::sum);
        } else {
            otherEvents.merge("(others)", 1L, Long::sum);
        }
    }

    void unknownGfp(String name) {
        if (unknownGfp.size() < 1000 || unknownGfp.containsKey(name)) {
            unknownGfp.merge(name, 1L, Long::sum);
        }
    }

    /** Events produced: allocs plus frees of every kind. */
    public long events() {
        return allocs + frees + freesBatched + freesDirect;
    }

    /** {@code mm_page_alloc} events, failed ones included. */
    public long allocs() {
        return allocs;
    }

    /** Allocations printed as failed ({@code page=(null)}/{@code pfn=0}). */
    public long failedAllocs() {
        return failedAllocs;
    }

    /** Allocations whose resulting pfn could not be derived (imported as not recorded). */
    public long unrecordedAllocs() {
        return unrecordedAllocs;
    }

    /** Of those: pfns that old perf printed as a byte offset into the vmemmap array. */
    public long vmemmapOffsetPfns() {
        return vmemmapOffsetPfns;
    }

    /** Page events about blocks outside every zone of the machine, left out. */
    public long outsideZones() {
        return outsideZones;
    }

    /** {@code mm_page_free} events. */
    public long frees() {
        return frees;
    }

    /** {@code mm_page_free_batched} (and the 2.6 {@code mm_pagevec_free}) events. */
    public long freesBatched() {
        return freesBatched;
    }

    /** {@code mm_page_free_direct} events (kernels before 3.3). */
    public long freesDirect() {
        return freesDirect;
    }

    /** {@code mm_page_pcpu_drain} events: per-CPU list traffic, counted, not imported. */
    public long pcpuDrains() {
        return pcpuDrains;
    }

    /** {@code mm_page_alloc_zone_locked} events: per-CPU list refills, counted, not imported. */
    public long allocZoneLocked() {
        return allocZoneLocked;
    }

    /** Other events by name (kmalloc, sched_switch, ...; {@code (function)} for function-tracer lines). */
    public Map<String, Long> otherEvents() {
        return Collections.unmodifiableMap(otherEvents);
    }

    /** Stack traces attached to an imported event. */
    public long stacks() {
        return stacks;
    }

    /** {@code <stack trace>} blocks that followed no imported event (or another CPU's). */
    public long orphanStacks() {
        return orphanStacks;
    }

    /** Events whose timestamp was below an earlier event's; imported without a time. */
    public long timeBackwards() {
        return timeBackwards;
    }

    /** Line of the first such event, 0 when none. */
    public long firstTimeBackwardsLine() {
        return firstTimeBackwardsLine;
    }

    /** Sum of the {@code [LOST n EVENTS]} markers of the ring buffer. */
    public long lostEvents() {
        return lostEvents;
    }

    /** Lines saying the ring buffer lost events ({@code [LOST n EVENTS]}, {@code buffer overrun}, ...). */
    public long lossMarkers() {
        return lossMarkers;
    }

    /** GFP masks printed as bare hex and read with current bit values. */
    public long hexGfpMasks() {
        return hexGfpMasks;
    }

    /** GFP masks printed as bare decimal numbers and read with current bit values. */
    public long decimalGfpMasks() {
        return decimalGfpMasks;
    }

    /**
     * {@code => frame} lines with no {@code <stack trace>} header before them (aggregated
     * output, such as a script's per-call-site summary): no event's stack or site comes from them.
     */
    public long headerlessFrames() {
        return headerlessFrames;
    }

    /** GFP names (and unknown hex bits) kept as text, with how often each occurred. */
    public Map<String, Long> unknownGfp() {
        return Collections.unmodifiableMap(unknownGfp);
    }

    /** Imported events per layout. */
    public Map<Layout, Long> layouts() {
        Map<Layout, Long> m = new EnumMap<>(Layout.class);
        for (Layout l : Layout.values()) {
            if (layouts[l.ordinal()] > 0) {
                m.put(l, layouts[l.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Known non-event lines: headers, blank lines, function_graph entries, callchains, stack frames. */
    public long ignoredLines() {
        return ignoredLines;
    }

    /** Lines in no known layout (e.g. dmesg or page_owner text); not errors. */
    public long unrecognisedLines() {
        return unrecognisedLines;
    }

    /** The first unrecognised line numbers. */
    public List<Long> unrecognised() {
        return Collections.unmodifiableList(unrecognised);
    }

    /** Lines of imported event kinds that could not be read, skipped (or fatal in strict mode). */
    public long malformedLines() {
        return malformedLines;
    }

    /** The first malformed lines with their reasons. */
    public List<Problem> malformed() {
        return Collections.unmodifiableList(malformed);
    }

    /** Where the machine came from: {@code machine}, {@code zoneinfo FILE}, {@code memory N bytes}, {@code highest pfn N}. */
    public String machineSource() {
        return machineSource;
    }

    /** What the machine leaves out (zoneinfo zones the model lacks, merged NUMA nodes). */
    public List<String> machineNotes() {
        return Collections.unmodifiableList(machineNotes);
    }

    /** One line per thing the user should know, lower case, no trailing period. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (malformedLines > 0) {
            StringBuilder sb = new StringBuilder().append(malformedLines).append(" malformed line")
                    .append(malformedLines == 1 ? "" : "s").append(" skipped");
            for (Problem p : malformed) {
                sb.append("\n  line ").append(p.line()).append(": ").append(p.message());
            }
            if (malformedLines > malformed.size()) {
                sb.append("\n  ...");
            }
            w.add(sb.toString());
        }
        if (!unknownGfp.isEmpty()) {
            StringBuilder sb = new StringBuilder("gfp names not in the model, kept as text:");
            unknownGfp.forEach((k, v) -> sb.append(' ').append(k).append(" x").append(v));
            w.add(sb.toString());
        }
        if (hexGfpMasks > 0) {
            w.add(hexGfpMasks + " gfp masks printed as hex, read with the bit values of Linux 6.3+"
                    + " (older kernels used other bits)");
        }
        if (decimalGfpMasks > 0) {
            w.add(decimalGfpMasks + " gfp masks printed as decimal numbers (trace-cmd's [FAILED TO PARSE] or"
                    + " report -R), read with the bit values of Linux 6.3+ (older kernels used other bits)");
        }
        if (unrecordedAllocs > 0) {
            w.add(unrecordedAllocs + " allocations without a usable pfn, imported as not recorded"
                    + (vmemmapOffsetPfns > 0 ? " (" + vmemmapOffsetPfns
                    + " printed by old perf as a vmemmap byte offset, not a pfn)" : ""));
        }
        if (outsideZones > 0) {
            w.add(outsideZones + " events about pages outside the machine's zones left out (a zone from zoneinfo"
                    + " holds its managed pages from start_pfn; the rest of its span is holes and reserved pages)");
        }
        if (timeBackwards > 0) {
            w.add(timeBackwards + " events with a timestamp below an earlier one (first at line "
                    + firstTimeBackwardsLine + "), imported without a time");
        }
        if (lossMarkers > 0) {
            String how = lostEvents == 0 ? "events" : (uncountedLosses > 0 ? "at least " : "") + lostEvents + " events";
            w.add("the ring buffer lost " + how + (lossMarkers > 1 ? " at " + lossMarkers + " places" : "")
                    + ": frees or allocations may be missing (each place is a mark labelled with the kernel's line)");
        }
        if (orphanStacks > 0) {
            w.add(orphanStacks + " stack traces followed no page event and were dropped");
        }
        if (headerlessFrames > 0) {
            w.add(headerlessFrames + " stack frame lines (=> ...) without a <stack trace> header ignored:"
                    + " no event takes its stack or site from them");
        }
        if (pcpuDrains + allocZoneLocked > 0) {
            w.add((pcpuDrains + allocZoneLocked) + " per-cpu list events counted, not imported");
        }
        long others = otherEvents.values().stream().mapToLong(Long::longValue).sum();
        if (others > 0) {
            w.add(others + " other events skipped: " + otherEvents);
        }
        if (unrecognisedLines > 0) {
            w.add(unrecognisedLines + " lines in no known trace layout ignored, first at line " + unrecognised.get(0));
        }
        if (flaggedEvents >= 2 && minPreempt >= 1) {
            w.add("every event shows a preempt depth of at least 1: kernels before 4.7 built with CONFIG_PREEMPT"
                    + " count the tracepoint's own preempt_disable(); if this trace is from one, import it with a"
                    + " preempt offset of 1 so these events are not all atomic");
        }
        w.addAll(machineNotes);
        return w;
    }
}
