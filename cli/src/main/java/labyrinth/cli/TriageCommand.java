package labyrinth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.cli.report.CiSettings;
import labyrinth.cli.report.JunitReport;
import labyrinth.cli.report.SarifReport;
import labyrinth.cli.report.SourceRoot;
import labyrinth.cli.triage.Baseline;
import labyrinth.cli.report.Bucket;
import labyrinth.cli.triage.Buckets;
import labyrinth.cli.triage.TraceFinder;
import labyrinth.cli.report.TraceRun;
import labyrinth.cli.report.TriageJson;
import labyrinth.cli.report.TriageText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code labyrinth triage TRACE|DIR...}: replay many traces and bucket their failures by signature. */
@Command(
        name = "triage",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Replay many traces in parallel and group their primary failures into buckets by signature.",
        description = {
            "Replay many traces in parallel and group their primary failures into buckets by signature: "
                + "the panic's trigger when a trace panicked, else its first finding at or above --fail-on. "
                + "Folders are searched for traces by content (every encoding replay reads; other files are "
                + "counted and skipped; a folder without a trace is an error, exit 3). Exit code: "
                + "the highest of its traces' (as replay gives them), except buckets in --baseline."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth triage ci-traces/",
            "  labyrinth triage --baseline known.txt --format junit -o triage.xml ci-traces/",
            "  labyrinth triage --write-baseline known.txt ci-traces/"
        })
final class TriageCommand extends TraceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE|DIR", arity = "1..*", description = "traces, or folders to search for traces; a trace is "
            + TraceOptions.TRACE_FORMS)
    List<Path> operands;

    @Option(names = "--jobs", paramLabel = "N", description = "replay N traces at once (default: the number of cores)")
    Integer jobs;

    @Mixin
    ReplayOptions replay;

    @Mixin
    ReportOutput.ForTriage output;

    @Option(names = "--allow-truncated",
            description = "judge a trace that was cut short by its findings, as if it were whole (default: exit 4,"
                    + " bucket truncated)")
    boolean allowTruncated;

    @Option(names = "--max-findings", paramLabel = "N", defaultValue = "5000",
            description = "sarif and junit list at most N findings over all traces, the most severe first; the rest"
                    + " are only counted (default: ${DEFAULT-VALUE}, what GitHub shows)")
    int maxFindings;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "sarif and junit name traces relative to DIR (default: the git work tree that holds"
                    + " them)")
    Path sourceRoot;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "known bucket signatures (one a line): they do not count for the exit code; "
                    + "--write-baseline may name the same file to update it")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "record the current buckets in FILE (also: - for standard output, with -o FILE)")
    Path writeBaseline;

    @Override
    public Integer call() throws InterruptedException {
        if (maxFindings < 0) {
            throw new ParameterException(spec.commandLine(), "--max-findings must be at least 0, found " + maxFindings);
        }
        PrintWriter err = err();
        Set<String> known;
        TraceFinder.Found found;
        try {
            known = baseline == null ? Set.of() : Baseline.read(baseline);
        } catch (IOException e) {
            return Errors.report(err, baseline + ": cannot read the baseline: " + e.getMessage(), e, reading.debug);
        }
        try {
            found = TraceFinder.find(operands);
        } catch (IOException e) {
            return Errors.report(err, "cannot search " + operands + ": " + e.getMessage(), e, reading.debug);
        }
        // a CI job pointed at the wrong folder must not pass
        for (TraceFinder.Empty folder : found.empty()) {
            err.println(folder.message());
        }
        err.flush();
        List<Path> traces = found.traces();
        if (traces.isEmpty()) {
            return ExitCode.UNREADABLE;
        }
        Outputs files = Outputs.of(spec);
        traces.forEach(files::input);
        // read whole above, before anything is written: --write-baseline may update it
        files.input(baseline == null ? null : baseline.toString(), "--write-baseline");
        int unwritable = files.outputOrStdout("-o", output.file).output("--write-baseline", writeBaseline)
                .check(err, reading.debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        int threads = jobs != null && jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors();
        Triage triage = new Triage(replay.mode.mode(), replay.failOn.severity(), reading.maxPages,
                maxFindings, reading.limits(), output.format.forCi(),
                allowTruncated, reading.kernel(), Stdio.of(spec).in());
        List<TraceRun> runs;
        try (Progress progress = progressOption.start(err, "triage", traces)) {
            runs = triage.run(traces, threads, progress);
        }
        List<Bucket> buckets = Buckets.of(runs, known);
        int exit = Math.max(Buckets.exitCode(runs, buckets), found.empty().isEmpty() ? 0 : ExitCode.UNREADABLE);
        // the report may go to a file; errors belong on standard error all the same
        for (TraceRun r : runs) {
            if (r.unreadable()) {
                err.println(r.error());
            }
        }
        err.flush();
        if (writeBaseline != null) {
            String text = Baseline.render(buckets);
            try {
                Outputs.write(spec, writeBaseline, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                return Errors.cannotWrite(err, writeBaseline, e, reading.debug);
            }
        }
        try {
            output.write(out -> render(runs, buckets, found.skipped(), exit, out));
        } catch (IOException e) {
            return Errors.cannotWrite(err, output.file, e, reading.debug);
        }
        return exit;
    }

    private CiSettings ciSettings(List<TraceRun> runs) {
        List<String> names = runs.stream().map(TraceRun::name).toList();
        return new CiSettings("triage", operands.stream().map(Path::toString).toList(),
                SourceRoot.of(sourceRoot, names), maxFindings);
    }

    private void render(List<TraceRun> runs, List<Bucket> buckets, int skipped, int exit, Writer w) {
        PrintWriter out = new PrintWriter(w);
        switch (output.format) {
            case text -> TriageText.write(runs, buckets, skipped, out, color.colors(output.toFile()));
            case json -> {
                TriageJson.write(runs, buckets, skipped, exit, VersionProvider.version(),
                        nonClosing(out));
                out.println();
            }
            case sarif -> {
                SarifReport.write(runs, VersionProvider.version(), ciSettings(runs), nonClosing(out));
                out.println();
            }
            case junit -> JunitReport.write(runs, replay.failOn.severity(), ciSettings(runs), out);
        }
        out.flush();
    }
}
