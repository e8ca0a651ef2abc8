package labyrinth.cli.report;

import labyrinth.replay.FindingKind;
import labyrinth.replay.Severity;
import tools.jackson.core.JsonGenerator;

/**
 * The SARIF driver: who made the log and one rule per finding kind (plus {@code unreadable-trace}),
 * each with a name, its default level and help that says what the finding means and what to do
 * (GitHub shows the help beside every alert and rejects rules without it). Stateless.
 */
final class SarifRules {
    /** The rule of a trace that could not be read; it follows the finding kinds. */
    static final String UNREADABLE = "unreadable-trace";
    static final int UNREADABLE_INDEX = FindingKind.values().length;
    // no public home page is recorded anywhere in the project: this is where the CLI contract lives
    static final String INFORMATION_URI = "https://github.com/labyrinth-debugger/labyrinth/blob/main/docs/cli.md";

    private SarifRules() {
    }

    static void driver(JsonGenerator g, String version) {
        g.writeName("driver");
        g.writeStartObject();
        g.writeStringProperty("name", "labyrinth");
        g.writeStringProperty("fullName", "Labyrinth allocator debugger and trace replayer " + version);
        g.writeStringProperty("version", version);
        g.writeStringProperty("semanticVersion", semantic(version));
        g.writeStringProperty("informationUri", INFORMATION_URI);
        g.writeName("rules");
        g.writeStartArray();
        for (FindingKind k : FindingKind.values()) {
            rule(g, k.label(), k.shortDescription(), k.fullDescription(), defaultLevel(k), help(k));
        }
        rule(g, UNREADABLE, "the trace could not be read",
                "The trace is missing, malformed, of an unsupported version, or exceeds a reader limit: nothing in"
                        + " it was checked.", "error",
                "Nothing in this trace was checked. Fix what the message names at its line and column (or record the"
                        + " trace again), then check it with `labyrinth validate TRACE`.");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void rule(JsonGenerator g, String id, String shortText, String fullText, String level,
                             String help) {
        g.writeStartObject();
        g.writeStringProperty("id", id);
        g.writeStringProperty("name", name(id));
        text(g, "shortDescription", shortText);
        text(g, "fullDescription", fullText);
        g.writeName("defaultConfiguration");
        g.writeStartObject();
        g.writeStringProperty("level", level);
        g.writeEndObject();
        g.writeName("help");
        g.writeStartObject();
        g.writeStringProperty("text", fullText + " " + help.replace("`", ""));
        g.writeStringProperty("markdown", "**" + shortText + "**: " + fullText + "\n\n" + help);
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * {@code alloc-failure} becomes {@code AllocFailure}: rule names are identifiers, and must differ
     * from the id in more than case (the SARIF validator's SARIF1001), so one-word ids get a word more.
     */
    static String name(String id) {
        switch (id) {
            case "leak" -> {
                return "MemoryLeak";
            }
            case "divergence" -> {
                return "ReplayDivergence";
            }
            case "panic" -> {
                return "RecordedPanic";
            }
            default -> {
                // every other id has a hyphen
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    /** {@code 0.1.0-SNAPSHOT} stays; a version that is not semantic becomes {@code 0.0.0-VERSION}. */
    static String semantic(String version) {
        return version.matches("\\d+\\.\\d+\\.\\d+([-+].*)?") ? version
                : "0.0.0-" + version.replaceAll("[^0-9A-Za-z.-]", "-");
    }

    /** The level of the kind's usual severity (CLI.md's table); a finding's own level may differ. */
    static String defaultLevel(FindingKind k) {
        return SarifReport.level(switch (k) {
            case WATERMARK_LOW, UNKNOWN_FREE -> Severity.INFO;
            case ALLOC_FAILURE, WATERMARK_MIN, FOREIGN_FREE, TRACE_GAP -> Severity.WARNING;
            default -> Severity.ERROR;
        });
    }

    /** What to do about a finding of kind {@code k}, in Markdown. */
    static String help(FindingKind k) {
        return switch (k) {
            case ALLOC_FAILURE -> "The message gives the reason (`watermark`, `fragmentation`, `no-zone`, `recorded`)"
                    + " and the zone's free pages against its watermarks. Find who holds the memory (`labyrinth stats"
                    + " TRACE`, or `labyrinth repl TRACE` and `break failure`), fix a leak or cap that owner, or allow"
                    + " the allocation to fail or reclaim; `labyrinth whatif` tells how much memory would have been"
                    + " enough.";
            case WATERMARK_LOW -> "Informational: memory is getting short. If failures follow, look at the owners"
                    + " holding the most pages at this event (`labyrinth repl TRACE`, then `goto EVENT`).";
            case WATERMARK_MIN -> "Allocations now dip into the reserves; atomic allocations fail next. Look at the"
                    + " owners holding the most pages at this event and at leaks reported for this trace.";
            case SLEEP_IN_ATOMIC -> "Use a mask that does not sleep in this context (`GFP_ATOMIC` or `GFP_NOWAIT`),"
                    + " or move the allocation out of the atomic section (preallocate, or defer to process context).";
            case DOUBLE_FREE -> "The related locations give the allocation and the first free. Make sure exactly one"
                    + " path frees the block (clear the pointer after freeing; check error and timeout paths).";
            case INVALID_FREE -> "The pfn freed is not the first page of a live block: check the pointer and order"
                    + " passed to the free, and that the block was allocated by the path you expect.";
            case UNKNOWN_FREE -> "Informational in a window trace: the block was allocated before the capture began."
                    + " Start the capture earlier to check it.";
            case ORDER_MISMATCH -> "Free the block with the order it was allocated with (related location: the"
                    + " allocation).";
            case FOREIGN_FREE -> "Only the owner should free a block: hand it over with a transfer first, or fix the"
                    + " path that frees someone else's memory (related location: the allocation).";
            case EXCLUSIVE_VIOLATION -> "A page allocated with `__GFP_EXCLUSIVE` was touched by another owner: find"
                    + " why that owner still holds a reference (related locations: the allocation, and any earlier"
                    + " free by the toucher).";
            case USE_AFTER_FREE -> "The page was freed before this access: the related locations give the block's"
                    + " allocation and free. Keep the block until its last user is done, or drop the stale reference.";
            case FOREIGN_TRANSFER -> "Only the owner can hand a block on: fix the transfer's caller or transfer from"
                    + " the holder.";
            case LEAK -> "Free these blocks on the owner's teardown path (driver unload, error paths), or record a"
                    + " longer trace if they are freed later.";
            case TRACE_GAP -> "The recorder lost events, so later findings may be wrong. Enlarge the trace buffer"
                    + " (`buffer_size_kb`) or record fewer events, and record again.";
            case DIVERGENCE -> "The model decided this allocation differently from the recording: the machine"
                    + " description (zones, watermarks, `--kernel`) may not match the recorded system. Check it, or"
                    + " replay with `--mode observe`.";
            case PANIC -> "The related location is the trigger: fix that failure first. `labyrinth reduce TRACE -o"
                    + " small.json` gives a minimal trace with the same failure to attach to a bug report.";
        };
    }

    private static void text(JsonGenerator g, String name, String text) {
        g.writeName(name);
        g.writeStartObject();
        g.writeStringProperty("text", text);
        g.writeEndObject();
    }
}
