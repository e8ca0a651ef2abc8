package labyrinth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.core.MachineTooLargeException;
import labyrinth.format.TraceWriter;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labyrinth convert TRACE -o OUT}: re-encode a trace (binary, JSON document or JSON Lines). */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Re-encode a trace: compact binary (.lbt), JSON document or JSON Lines.",
        description = {
            "Re-encode a trace: the compact binary form (.lbt, docs/binary-format.md; several times "
                + "faster to replay than JSON), a JSON document or JSON Lines. The events are the same; a cut "
                + "input gives its complete events. Exit codes: 0 done, 2 usage, 3 unreadable trace or "
                + "unwritable output."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth convert big.json -o big.lbt && labyrinth replay big.lbt",
            "  labyrinth convert big.lbt -o big.ndjson.gz",
            "  gunzip -c trace.json.gz | labyrinth convert - -o trace.lbt"
        })
final class ConvertCommand extends TraceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", description = "the trace: " + TraceOptions.TRACE_FORMS)
    Path trace;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "the trace to write (atomically), - for standard output. A name ending in .gz is compressed")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "binary, json or ndjson; default: binary for .lbt names, ndjson for .ndjson/.jsonl, "
                    + "else json")
    TraceOutputs.Encoding format;

    @Override
    public Integer call() throws TraceException {
        PrintWriter err = err();
        String name = TraceInput.nameOf(trace.toString());
        int unwritable = Outputs.of(spec).input(trace).output("-o", output).check(err, reading.debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        TraceOutputs.Encoding f = TraceOutputs.encodingOf(format, output);
        long[] count = {0};
        TraceSource.Truncation cut;
        // the bar is blanked out (closed last) before the summary or any message is written
        try (Progress progress = progressOption.start(err, "converting", trace);
             TraceSource source = open(trace.toString(), progress)) {
            long pages = source.header().machine().totalPages();
            if (pages > reading.maxPages) {
                // what replay would refuse is not worth converting either
                return Errors.report(err, name + ": " + new MachineTooLargeException(pages, reading.maxPages)
                        .getMessage(), null, reading.debug);
            }
            try {
                Outputs.write(spec, output, raw -> {
                    try (TraceWriter w = TraceOutputs.writer(f, TraceOutputs.sink(raw, output), source.header())) {
                        count[0] = TraceOutputs.copy(source, w);
                    }
                });
            } catch (IOException e) {
                // a failure to read the trace arrives as Unreadable: every IOException here is the output's
                return Errors.cannotWrite(err, output, e, reading.debug);
            }
            cut = source.truncation();
        } catch (TraceOutputs.Unreadable e) {
            throw e.getCause();
        } catch (IOException e) {
            return Errors.report(err, name + ": cannot read: " + e.getMessage(), e, reading.debug);
        }
        if (cut != null) {
            err.println(name + ": warning: " + cut.describe() + "; converted the complete events");
        }
        err.println("converted " + count[0] + " events from " + name + " to " + Stdio.outputName(output));
        return ExitCode.OK;
    }
}
