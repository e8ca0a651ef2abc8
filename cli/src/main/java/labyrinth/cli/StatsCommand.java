package labyrinth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.cli.report.StatsJson;
import labyrinth.cli.report.StatsText;
import labyrinth.core.MachineTooLargeException;
import labyrinth.replay.ReplayObserver;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.stats.MemorySeries;
import labyrinth.stats.TraceStats;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code labyrinth stats TRACE}: counts per op, owner, site, gfp mask and order, failures by reason,
 * peak use, pages held at the end, and a sparkline of free pages. MemInfo stays bounded: the trace is
 * streamed, owners, sites and masks are counted up to {@link TraceStats#MAX_KEYS}, and free pages
 * are sampled into fixed buckets.
 */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Count events per op, owner, site, gfp mask and order; failures by reason; peak use.",
        description = {
            "Count what a trace does: events per op, owner and site, allocations per gfp mask and "
                + "order, failed allocations by reason, peak use, pages held at the end, and free pages over "
                + "time.",
            "Exit codes: 0 done, 2 usage, 3 unreadable trace, 70 bug."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth stats sample-traces/rx-storm-panic.json",
            "  labyrinth stats --top 5 --format json -o stats.json trace.ndjson.gz"
        })
final class StatsCommand extends TraceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", description = "the trace: " + TraceOptions.TRACE_FORMS)
    String trace;

    @Mixin
    ReportOutput.TextOrJson output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "list at most N owners, sites and masks; the rest are counted as \"N more\""
                    + " (default: ${DEFAULT-VALUE})")
    int top;

    @Mixin
    ModeOption mode;

    @Override
    public Integer call() throws TraceException {
        PrintWriter err = err();
        int unwritable = Outputs.of(spec).input(trace).outputOrStdout("-o", output.file).check(err, reading.debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        TraceStats stats = new TraceStats();
        MemorySeries timeline = new MemorySeries();
        ReplayResult result;
        // the bar is blanked out (closed last) before any message or the statistics are written
        try (Progress progress = progressOption.start(err, "counting", Path.of(trace));
             TraceSource source = open(trace, progress)) {
            result = Replays.run(source, mode.mode(), null, reading.maxPages, Replays.SUMMARY_ONLY,
                    ReplayObserver.both(stats, timeline));
        } catch (MachineTooLargeException e) {
            return Errors.report(err, TraceInput.nameOf(trace) + ": " + e.getMessage(), e, reading.debug);
        } catch (IOException e) {
            return Errors.report(err, TraceInput.nameOf(trace) + ": cannot read: " + e.getMessage(), e, reading.debug);
        }
        try {
            output.write(out -> {
                if (output.format == Format.json) {
                    StatsJson.write(result, stats, timeline, top, VersionProvider.version(), nonClosing(out));
                    out.write(System.lineSeparator());
                } else {
                    PrintWriter pw = new PrintWriter(out);
                    StatsText.write(result, stats, timeline, top, pw);
                    pw.flush();
                }
            });
        } catch (IOException e) {
            return Errors.cannotWrite(err, output.file, e, reading.debug);
        }
        return ExitCode.OK;
    }
}
