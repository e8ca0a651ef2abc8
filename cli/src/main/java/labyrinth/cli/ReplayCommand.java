package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import labyrinth.cli.progress.Progress;
import labyrinth.cli.report.CiSettings;
import labyrinth.cli.report.JsonReport;
import labyrinth.cli.report.JunitReport;
import labyrinth.cli.report.SarifReport;
import labyrinth.cli.report.SourceRoot;
import labyrinth.cli.report.TraceRun;
import labyrinth.cli.report.TextReport;
import labyrinth.cli.report.html.HtmlReport;
import labyrinth.core.MachineTooLargeException;
import labyrinth.replay.ReplayObserver;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.replay.Signatures;
import labyrinth.stats.MemorySeries;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code labyrinth replay TRACE}: replay one trace, report, exit by CLI.md's codes. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Replay one trace: reproduce its failures and panic, report exhaustion points and ownership violations.",
        description = {
            "Replay one trace on the allocator model: reproduce its failures and panic, report "
                + "exhaustion points and ownership violations.",
            "Exit codes: 0 clean, 1 findings at or above --fail-on (a reproduced panic is one), 2 "
                + "usage, 3 unreadable trace, 4 not reproduced (divergence, the panic did not reproduce, or the "
                + "trace was cut short: see --allow-truncated), 70 bug."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth replay sample-traces/rx-storm-panic.json",
            "  labyrinth replay --format json -o report.json trace.ndjson.gz",
            "  labyrinth replay --format sarif -o labyrinth.sarif trace.json",
            "  labyrinth replay --html report.html sample-traces/rx-storm-panic.json",
            "  labyrinth replay --mode observe --fail-on warning kernel-window.json"
        })
final class ReplayCommand extends TraceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", description = "the trace: " + TraceOptions.TRACE_FORMS)
    Path trace;

    @Mixin
    ReplayOptions replay;

    @Mixin
    ReportOutput.ForReplay output;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write a visual report to FILE (one self-contained HTML page, written atomically):"
                    + " free pages per zone with watermarks and findings, pages by owner, free blocks per order;"
                    + " - for standard output, with -o FILE")
    Path html;

    @Option(names = "--max-findings", paramLabel = "N",
            description = "report at most N findings besides the panic and the failed allocations, the most severe"
                    + " first; the rest are only counted, by kind (default: 10000; for sarif and junit 5000, what"
                    + " GitHub shows)")
    Integer maxFindings;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "sarif and junit name the trace relative to DIR (default: the git work tree that holds"
                    + " it)")
    Path sourceRoot;

    @Option(names = "--allow-truncated",
            description = "judge a trace that was cut short by its findings, as if it were whole (default: outcome"
                    + " truncated, exit 4)")
    boolean allowTruncated;

    @Override
    public Integer call() throws TraceException {
        if (maxFindings != null && maxFindings < 0) {
            throw new ParameterException(spec.commandLine(), "--max-findings must be at least 0, found " + maxFindings);
        }
        PrintWriter err = err();
        String name = TraceInput.nameOf(trace.toString());
        int unwritable = Outputs.of(spec).input(trace).outputOrStdout("-o", output.file).output("--html", html)
                .check(err, reading.debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        ReplayResult result;
        MemorySeries timeline = html != null ? new MemorySeries() : null;
        // the bar is blanked out (closed last) before any message or the report is written
        try (Progress progress = progressOption.start(err, "replaying", trace);
             TraceSource source = open(trace.toString(), progress)) {
            result = Replays.run(source, replay.mode.mode(), replay.failOn.severity(), reading.maxPages, maxFindings(),
                    allowTruncated, timeline != null ? timeline : ReplayObserver.NONE);
        } catch (MachineTooLargeException e) {
            return Errors.report(err, name + ": " + e.getMessage(), e, reading.debug);
        } catch (IOException e) {
            return Errors.report(err, name + ": cannot read: " + e.getMessage(), e, reading.debug);
        }
        try {
            output.write(out -> render(result, out));
        } catch (IOException e) {
            return Errors.cannotWrite(err, output.file, e, reading.debug);
        }
        if (html != null) {
            try {
                if (Stdio.isDash(html)) {
                    PrintWriter out = spec.commandLine().getOut();
                    HtmlReport.write(result, timeline, VersionProvider.version(), nonClosing(out));
                    out.flush();
                } else {
                    AtomicFiles.write(html, stream -> HtmlReport.write(result, timeline, VersionProvider.version(),
                            new OutputStreamWriter(stream, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                return Errors.cannotWrite(err, html, e, reading.debug);
            }
        }
        return replay.failOn.exitCode(result.outcome());
    }

    /** Given, or by format: CI reports list what GitHub shows of a run. */
    private int maxFindings() {
        if (maxFindings != null) {
            return maxFindings;
        }
        return output.format.forCi() ? CiSettings.DEFAULT_LIMIT : 10000;
    }

    private void render(ReplayResult result, Writer out) {
        if (output.format.forCi()) {
            TraceRun run = new TraceRun(result.name(), result, null,
                    Signatures.primary(result, replay.failOn.severity()), replay.failOn.exitCode(result.outcome()));
            PrintWriter pw = new PrintWriter(out);
            CiSettings settings = new CiSettings("replay", List.of(result.name()),
                    SourceRoot.of(sourceRoot, List.of(result.name())), maxFindings());
            if (output.format == Format.sarif) {
                SarifReport.write(List.of(run), VersionProvider.version(), settings, nonClosing(pw));
                pw.println();
            } else {
                JunitReport.write(List.of(run), replay.failOn.severity(), settings, pw);
            }
            pw.flush();
        } else if (output.format == Format.json) {
            JsonReport.write(result, VersionProvider.version(), nonClosing(out));
            PrintWriter pw = new PrintWriter(out);
            pw.println();
            pw.flush();
        } else {
            PrintWriter pw = new PrintWriter(out);
            TextReport.write(result, pw, color.colors(output.toFile()));
            pw.flush();
        }
    }
}
