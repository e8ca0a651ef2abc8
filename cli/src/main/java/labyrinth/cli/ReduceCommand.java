package labyrinth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import labyrinth.cli.progress.Progress;
import labyrinth.core.MachineTooLargeException;
import labyrinth.format.TraceWriter;
import labyrinth.reduce.Reducer;
import labyrinth.replay.Mode;
import labyrinth.replay.PrimaryFailure;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replayer;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.replay.Signatures;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labyrinth reduce TRACE -o OUT}: the smallest trace that still fails the same way. */
@Command(
        name = "reduce",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Shrink a failing trace to a minimal one whose primary failure has the same signature.",
        description = {
            "Shrink a failing trace to a small one whose primary failure has the same signature (as "
                + "triage prints it): delta debugging over owners, sites and events, and the fewest pages "
                + "that still fail. Every event left is needed: removing any one loses the failure. Progress "
                + "goes to standard error.",
            "Exit codes: 0 written, 2 nothing to keep (no failure, or --signature not in the trace), 3 "
                + "unreadable."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth reduce ci/run-4711.ndjson.gz -o bug.json",
            "  labyrinth reduce --signature 'leak eth0-rx@rx_refill' big.json -o small.json"
        })
final class ReduceCommand extends TraceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", description = "the failing trace: " + TraceOptions.TRACE_FORMS)
    Path trace;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "the reduced trace (written atomically; - for standard output): binary for .lbt names, "
                    + "JSON Lines for .ndjson/.jsonl, gzip for .gz, else a JSON document")
    Path output;

    @Option(names = "--signature", paramLabel = "SIG",
            description = "the failure to keep when the trace has several (default: its primary failure)")
    String signature;

    @Option(names = "--keep-recorded", description = "keep the allocations' recorded results (default: the model decides)")
    boolean keepRecorded;

    @Mixin
    ReplayOptions replay;

    @Override
    public Integer call() throws TraceException {
        PrintWriter stderr = err();
        // before the long work: a typo in -o must not cost a reduction
        int unwritable = Outputs.of(spec).input(trace).output("-o", output).check(stderr, reading.debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        try (Progress progress = progressOption.start(stderr, "reducing", trace)) {
            // messages go above the bar while it is up
            return reduce(progress.live() ? progress.writer() : stderr, progress);
        }
    }

    private int reduce(PrintWriter err, Progress progress) throws TraceException {
        String name = TraceInput.nameOf(trace.toString());
        Header header;
        List<Event> events = new ArrayList<>();
        try (TraceSource source = progress.count(open(trace.toString()))) {
            header = source.header();
            for (Event e; (e = source.next()) != null; ) {
                events.add(e);
            }
        } catch (IOException e) {
            return Errors.report(err, name + ": cannot read: " + e.getMessage(), e, reading.debug);
        }
        // from here on the bar counts candidates, not bytes: the first is the trace itself
        progress.tries(0, events.size());
        Severity threshold = replay.failOn.severity();
        Mode m = replay.mode.mode();
        ReplayResult before;
        try {
            before = Replays.run(listSource(name, header, events), m, threshold, reading.maxPages, Integer.MAX_VALUE);
        } catch (TraceException | MachineTooLargeException e) {
            return Errors.report(err, name + ": " + e.getMessage(), e, reading.debug);
        }
        PrimaryFailure primary = Signatures.primary(before, threshold);
        if (primary == null) {
            return usage(err, name + ": nothing to reduce: the replay found no failure at or above "
                    + (threshold == null ? "error" : threshold.label()));
        }
        String target = signature != null ? signature : primary.signature();
        Predicate<ReplayResult> keeps;
        if (target.equals(primary.signature())) {
            keeps = Reducer.sameSignature(target, threshold);
        } else {
            Set<String> present = Reducer.failureSignatures(before, threshold);
            if (!present.contains(target)) {
                return usage(err, name + ": no failure with signature \"" + target + "\"; the trace has: "
                        + String.join("; ", present));
            }
            keeps = Reducer.showsSignature(target, threshold);
        }
        long start = System.nanoTime();
        Reducer.Result r;
        try {
            r = Reducer.reduce(name, header, events,
                    new Reducer.Options(m, threshold, keepRecorded, reading.maxPages), keeps, passes(err, progress));
        } catch (IllegalArgumentException e) {
            return usage(err, name + ": " + e.getMessage() + " (\"" + target + "\")");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            write(r, name, target);
        } catch (IOException e) {
            return Errors.cannotWrite(err, output, e, reading.debug);
        }
        err.printf(java.util.Locale.ROOT, "reduced %s: %d -> %d events, %d -> %d pages, %d tries, %.1f s%s; signature: %s; wrote %s%n",
                name, r.originalEvents(), r.reduced().events().size(), header.machine().totalPages(),
                r.reduced().header().machine().totalPages(), r.tries(), seconds,
                r.keptRecorded() && !keepRecorded ? " (recorded results kept: the failure needs them)" : "",
                target, Stdio.outputName(output));
        err.flush();
        return ExitCode.OK;
    }

    /** A line per pass (and every 500 tries, unless the bar shows them), none with --quiet; every try to the bar. */
    private Reducer.Progress passes(PrintWriter err, Progress progress) {
        return new Reducer.Progress() {
            @Override
            public void update(String pass, int events, long tries) {
                if (!progressOption.quiet && !(progress.live() && pass.equals("trying"))) {
                    err.printf(java.util.Locale.ROOT, "reduce: %s: %d events left, %d tries%n", pass, events, tries);
                }
            }

            @Override
            public void tried(long tries, int events) {
                progress.tries(tries, events);
            }
        };
    }

    private static int usage(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return ExitCode.USAGE;
    }

    private void write(Reducer.Result r, String name, String target) throws IOException {
        Header h = r.reduced().header();
        Map<String, Object> meta = new LinkedHashMap<>(h.meta());
        meta.put("reducedFrom", name);
        meta.put("signature", target);
        Header out = new Header(h.version(), h.scope(), h.machine(), meta);
        Outputs.write(spec, output, raw -> {
            try (TraceWriter w = TraceOutputs.writer(TraceOutputs.encodingOf(output),
                    TraceOutputs.sink(raw, output), out)) {
                for (Event e : r.reduced().events()) {
                    w.write(e);
                }
            }
        });
    }

    /** The events already read, as a source (reduce needs them in memory anyway). */
    static TraceSource listSource(String name, Header header, List<Event> events) {
        return new ListSource(name, header, events);
    }
}
