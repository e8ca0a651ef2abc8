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
import labyrinth.replay.Mode;
import labyrinth.replay.Outcome;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.replay.Signatures;
import labyrinth.stats.MemorySeries;
import labyrinth.trace.ReadAhead;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
final class ReplayCommand implements Callable<Integer> {
    enum FailOn { error, warning, never }

    enum Format { text, json, sarif, junit }

    enum ModeOption { simulate, observe }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "the trace: " + TraceOptions.TRACE_FORMS)
    Path trace;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "simulate (the model decides; default for complete traces) or observe (recorded "
                    + "results are taken as they are; default for window traces)")
    ModeOption mode;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "lowest severity that makes the exit code 1: error, warning or never (default: ${DEFAULT-VALUE})")
    FailOn failOn;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif (SARIF 2.1.0) or junit (JUnit XML) (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the report to FILE (atomically) instead of standard output (also: -)")
    Path output;

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

    @Mixin
    TraceOptions reading;

    @Mixin
    ColorOption color;

    @Mixin
    ProgressOption progressOption;

    @Override
    public Integer call() {
        if (maxFindings != null && maxFindings < 0) {
            throw new ParameterException(spec.commandLine(), "--max-findings must be at least 0, found " + maxFindings);
        }
        PrintWriter err = spec.commandLine().getErr();
        String name = TraceInput.nameOf(trace.toString());
        int unwritable = Outputs.of(spec).input(trace).outputOrStdout("-o", output).output("--html", html)
                .check(err, reading.debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        ReplayResult result;
        MemorySeries timeline = html != null ? new MemorySeries() : null;
        // the bar is blanked out (closed last) before any message or the report is written
        try (Progress progress = progressOption.start(err, "replaying", trace);
             TraceSource source = ReadAhead.of(progress.count(
                     TraceInput.open(trace.toString(), reading.limits(), reading.kernel(), Stdio.of(spec).in())))) {
            result = Replays.run(source, modeOf(mode), severityOf(failOn), reading.maxPages, maxFindings(),
                    allowTruncated, timeline != null ? timeline : labyrinth.replay.ReplayObserver.NONE);
        } catch (TraceException e) {
            return unreadable(err, e.getMessage(), e);
        } catch (MachineTooLargeException e) {
            return unreadable(err, name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            return unreadable(err, name + ": cannot read: " + e.getMessage(), e);
        }
        try {
            writeReport(result);
        } catch (IOException e) {
            return Errors.cannotWrite(err, output, e, reading.debug);
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
        return exitCode(result.outcome(), failOn);
    }

    /** Given, or by format: CI reports list what GitHub shows of a run. */
    private int maxFindings() {
        if (maxFindings != null) {
            return maxFindings;
        }
        return format == Format.sarif || format == Format.junit ? CiSettings.DEFAULT_LIMIT : 10000;
    }

    private int unreadable(PrintWriter err, String message, Exception e) {
        return Errors.report(err, message, e, reading.debug);
    }

    private void writeReport(ReplayResult result) throws IOException {
        if (output == null || Stdio.isDash(output)) {
            PrintWriter out = spec.commandLine().getOut();
            render(result, out);
            out.flush();
            return;
        }
        AtomicFiles.write(output, stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            render(result, w);
            w.flush();
        });
    }

    private void render(ReplayResult result, Writer out) {
        if (format == Format.sarif || format == Format.junit) {
            TraceRun run = new TraceRun(result.name(), result, null,
                    Signatures.primary(result, severityOf(failOn)), exitCode(result.outcome(), failOn));
            PrintWriter pw = new PrintWriter(out);
            CiSettings settings = new CiSettings("replay", List.of(result.name()),
                    SourceRoot.of(sourceRoot, List.of(result.name())), maxFindings());
            if (format == Format.sarif) {
                SarifReport.write(List.of(run), VersionProvider.version(), settings, nonClosing(pw));
                pw.println();
            } else {
                JunitReport.write(List.of(run), severityOf(failOn), settings, pw);
            }
            pw.flush();
        } else if (format == Format.json) {
            JsonReport.write(result, VersionProvider.version(), nonClosing(out));
            PrintWriter pw = new PrintWriter(out);
            pw.println();
            pw.flush();
        } else {
            PrintWriter pw = new PrintWriter(out);
            TextReport.write(result, pw, color.colors(output != null && !Stdio.isDash(output)));
            pw.flush();
        }
    }

    /** Jackson closes what it writes to; the command's writer belongs to picocli. */
    static Writer nonClosing(Writer w) {
        return new java.io.FilterWriter(w) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    static Mode modeOf(ModeOption m) {
        return m == null ? null : m == ModeOption.simulate ? Mode.SIMULATE : Mode.OBSERVE;
    }

    static Severity severityOf(FailOn f) {
        return switch (f) {
            case error -> Severity.ERROR;
            case warning -> Severity.WARNING;
            case never -> null;
        };
    }

    static int exitCode(Outcome outcome, FailOn failOn) {
        return ExitCode.of(outcome, failOn == FailOn.never);
    }
}
