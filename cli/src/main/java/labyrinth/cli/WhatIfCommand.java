package labyrinth.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.cli.report.WhatIfJson;
import labyrinth.cli.report.WhatIfReport;
import labyrinth.cli.report.WhatIfText;
import labyrinth.core.Machine;
import labyrinth.core.MachineTooLargeException;
import labyrinth.replay.Holding;
import labyrinth.replay.Outcome;
import labyrinth.replay.Replayer;
import labyrinth.replay.Replays;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import labyrinth.whatif.Baseline;
import labyrinth.whatif.Changes;
import labyrinth.whatif.Comparison;
import labyrinth.whatif.LeakFix;
import labyrinth.whatif.LeakSearch;
import labyrinth.whatif.MemorySearch;
import labyrinth.whatif.WhatIf;
import labyrinth.whatif.WhatIfResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code labyrinth whatif TRACE CHANGES}: the trace replayed as recorded and with changes, side by side. */
@Command(
        name = "whatif",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Counterfactual replay: would more memory, other watermarks, a fixed leak or a cap have "
                + "prevented the failure?",
        description = {
            "Replay the trace as recorded and again with changes, the model deciding every allocation in both, "
                + "and compare them: failures by kind, the panic, peak use and the headroom over the GFP_ATOMIC "
                + "floor. The model invents no reclaim: sleeping allocations that fail only in the what-if are "
                + "counted apart.",
            "Exit codes: 0 the what-if has nothing at or above --fail-on, 1 it has, 2 usage, 3 unreadable trace, "
                + "70 bug."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth whatif --fix-leak all sample-traces/rx-storm-panic.json",
            "  labyrinth whatif --search memory sample-traces/rx-storm-panic.json",
            "  labyrinth whatif --min-free-kbytes 512 sample-traces/rx-storm-panic.json",
            "  labyrinth whatif --cap eth0-rx=48 --format json trace.json"
        })
final class WhatIfCommand extends TraceCommand implements Callable<Integer> {
    enum Search { memory, leaks }

    @Parameters(paramLabel = "TRACE", description = "the trace: " + TraceOptions.TRACE_FORMS)
    Path trace;

    @Mixin
    WhatIfOptions what;

    @Option(names = "--search", paramLabel = "WHAT",
            description = "memory: the least added memory (pages) that leaves no warning or error alloc-failure "
                    + "and no panic; leaks: for each leak group, largest first, whether fixing it alone removes "
                    + "the primary failure")
    Search search;

    @Mixin
    FailOnOption failOn;

    @Mixin
    ReportOutput.TextOrJson output;

    @Option(names = "--max-findings", paramLabel = "N", defaultValue = "10000",
            description = "keep at most N findings of each replay; the rest are only counted (default: ${DEFAULT-VALUE})")
    int maxFindings;

    /** The trace, opened again for each replay (standard input is read once, into memory). */
    private List<Event> stdinEvents;
    private Header stdinHeader;

    @Override
    public Integer call() throws TraceException {
        if (maxFindings < 0) {
            throw new ParameterException(spec.commandLine(), "--max-findings must be at least 0, found " + maxFindings);
        }
        if (!what.any() && search == null) {
            throw new ParameterException(spec.commandLine(), "nothing to change: give --add-memory, --min-free-kbytes, "
                    + "--watermark-scale-factor, --transparent-hugepages, --fix-leak, --cap or --search");
        }
        what.changes(Machine.ofPages(1)); // usage errors before the trace is read
        reading.limits();
        PrintWriter err = err();
        String name = TraceInput.nameOf(trace.toString());
        int unwritable = Outputs.of(spec).input(trace).outputOrStdout("-o", output.file).check(err, reading.debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        WhatIfReport report;
        try {
            report = compute(err);
        } catch (MachineTooLargeException e) {
            return Errors.report(err, name + ": " + e.getMessage(), e, reading.debug);
        } catch (java.io.IOException e) {
            return Errors.report(err, name + ": cannot read: " + e.getMessage(), e, reading.debug);
        } catch (java.io.UncheckedIOException e) {
            return Errors.report(err, name + ": cannot read: " + e.getCause().getMessage(), e, reading.debug);
        }
        try {
            output.write(out -> render(report, out));
        } catch (java.io.IOException e) {
            return Errors.cannotWrite(err, output.file, e, reading.debug);
        }
        Outcome o = report.whatIf().result().outcome();
        return !failOn.never() && o != Outcome.CLEAN ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private void render(WhatIfReport report, Writer out) {
        if (output.format == Format.json) {
            WhatIfJson.write(report, VersionProvider.version(), nonClosing(out));
            PrintWriter pw = new PrintWriter(out);
            pw.println();
            pw.flush();
        } else {
            PrintWriter pw = new PrintWriter(out);
            WhatIfText.write(report, pw, color.colors(output.toFile()));
            pw.flush();
        }
    }

    private WhatIfReport compute(PrintWriter err) throws TraceException, java.io.IOException {
        var severity = failOn.severity();
        Baseline base;
        try (Progress progress = progressOption.start(err, "replaying", trace);
             TraceSource source = open(progress)) {
            base = Baseline.run(source, severity, reading.maxPages, maxFindings, false);
        }
        Machine recorded = base.result().header().machine();
        Changes changes = what.changes(recorded);
        try {
            Replayer.checkSize(changes.apply(recorded), reading.maxPages);
        } catch (MachineTooLargeException e) {
            throw new ParameterException(spec.commandLine(), "--add-memory " + what.addMemory + " makes a machine of "
                    + (recorded.totalPages() + changes.addPages()) + " pages, more than --max-pages "
                    + reading.maxPages);
        }
        List<String> notes = new ArrayList<>(unmatchedFixes(changes, base));
        MemorySearch.Result memory = null;
        List<LeakSearch.Verdict> leaks = null;
        Changes shown = changes;
        if (search == Search.memory) {
            long limit = reading.maxPages - changes.apply(recorded).endPfn();
            memory = MemorySearch.run(limit, pages -> probe(err, base, changes.withAddPages(changes.addPages() + pages),
                    "what-if +" + pages + (pages == 1 ? " page" : " pages")).survived());
            if (memory.found()) {
                shown = changes.withAddPages(changes.addPages() + memory.pages());
            }
        } else if (search == Search.leaks) {
            leaks = LeakSearch.run(base, fix -> !probe(err, base, changes.withFix(fix),
                    "what-if --fix-leak " + fix.label()).primaryFails());
            for (LeakSearch.Verdict v : leaks) {
                if (v.removesPrimary()) {
                    shown = changes.withFix(LeakFix.of(v.group().owner(), v.group().site()));
                    break;
                }
            }
        }
        WhatIfResult result = whatIf(err, base, shown, maxFindings, "what-if");
        return new WhatIfReport(TraceInput.nameOf(trace.toString()), shown, base, result,
                Comparison.of(base.result(), result.result()), memory, leaks, notes);
    }

    /** A search's what-if, counted only; a close that fails comes out unchecked, as the searches take no IO. */
    private WhatIfResult probe(PrintWriter err, Baseline base, Changes changes, String task) throws TraceException {
        try {
            return whatIf(err, base, changes, Replays.SUMMARY_ONLY, task);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private WhatIfResult whatIf(PrintWriter err, Baseline base, Changes changes, int keep, String task)
            throws TraceException, java.io.IOException {
        try (Progress progress = progressOption.start(err, task + ":", trace);
             TraceSource source = open(progress)) {
            return WhatIf.run(base, source, changes, failOn.severity(), reading.maxPages, keep, false);
        }
    }

    /** A fix that names no group of never-freed blocks changes nothing: said, with the groups there are. */
    private static List<String> unmatchedFixes(Changes changes, Baseline base) {
        List<String> notes = new ArrayList<>();
        for (LeakFix f : changes.fixLeaks()) {
            boolean hit = false;
            for (Holding h : base.leakGroups()) {
                hit |= f.matches(h.owner(), h.site());
            }
            if (!hit) {
                StringBuilder groups = new StringBuilder();
                for (Holding h : base.leakGroups()) {
                    groups.append(groups.length() == 0 ? "" : ", ").append(LeakFix.of(h.owner(), h.site()).label());
                }
                notes.add("--fix-leak " + f.label() + " matches no block the trace never frees"
                        + (groups.length() == 0 ? " (it frees every block)" : " (never freed: " + groups + ")"));
            }
        }
        return notes;
    }

    private TraceSource open(Progress progress) throws TraceException, java.io.IOException {
        if (!Stdio.isDash(trace.toString())) {
            return open(trace.toString(), progress);
        }
        if (stdinEvents == null) {
            try (TraceSource source = open("-")) {
                List<Event> events = new ArrayList<>();
                Event e;
                while ((e = source.next()) != null) {
                    events.add(e);
                }
                stdinHeader = source.header();
                stdinEvents = events;
            }
        }
        return new ListSource(Stdio.STDIN_NAME, stdinHeader, stdinEvents);
    }
}
