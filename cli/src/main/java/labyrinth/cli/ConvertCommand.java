package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.core.MachineTooLargeException;
import labyrinth.format.TraceFiles;
import labyrinth.format.binary.BinaryTraceWriter;
import labyrinth.format.json.JsonTraceWriter;
import labyrinth.trace.Event;
import labyrinth.trace.ReadAhead;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
            "  labyrinth convert big.lbt -o big.ndjson.gz"
        })
final class ConvertCommand implements Callable<Integer> {
    enum Format { binary, json, ndjson }

    @Spec
    CommandSpec spec;

    /** Accepted like every command's; this command prints nothing coloured. */
    @Mixin
    ColorOption color;

    @Parameters(paramLabel = "TRACE", description = "the trace: any form labyrinth reads")
    Path trace;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "the trace to write (atomically). A name ending in .gz is compressed")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "binary, json or ndjson; default: ndjson for .ndjson/.jsonl names, json for .json, "
                    + "else binary")
    Format format;

    @Mixin
    TraceOptions reading;

    @Mixin
    ProgressOption progressOption;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String name = trace.toString();
        Format f = format != null ? format : formatOf(output);
        long[] count = {0};
        TraceSource.Truncation cut;
        // the bar is blanked out (closed last) before the summary or any message is written
        try (Progress progress = progressOption.start(err, "converting", trace);
             TraceSource source = ReadAhead.of(progress.count(TraceFiles.open(trace, name, reading.limits(), reading.kernel())))) {
            long pages = source.header().machine().totalPages();
            if (pages > reading.maxPages) {
                // what replay would refuse is not worth converting either
                return Errors.report(err, name + ": " + new MachineTooLargeException(pages, reading.maxPages)
                        .getMessage(), null, reading.debug);
            }
            AtomicFiles.write(output, raw -> {
                OutputStream out = TraceOutputs.sink(raw, output);
                try {
                    if (f == Format.binary) {
                        BinaryTraceWriter w = BinaryTraceWriter.open(out, source.header());
                        for (Event e = source.next(); e != null; e = source.next()) {
                            w.write(e);
                            count[0]++;
                        }
                        w.close();
                    } else {
                        JsonTraceWriter w = f == Format.ndjson ? JsonTraceWriter.stream(out, source.header())
                                : JsonTraceWriter.document(out, source.header());
                        for (Event e = source.next(); e != null; e = source.next()) {
                            w.write(e);
                            count[0]++;
                        }
                        w.close();
                    }
                } catch (TraceException e) {
                    throw new Unchecked(e);
                }
            });
            cut = source.truncation();
        } catch (TraceException e) {
            return Errors.report(err, e.getMessage(), e, reading.debug);
        } catch (Unchecked e) {
            return Errors.report(err, e.getCause().getMessage(), e.getCause(), reading.debug);
        } catch (IOException e) {
            return Errors.report(err, name + ": " + e.getMessage(), e, reading.debug);
        }
        if (cut != null) {
            err.println(name + ": warning: " + cut.describe() + "; converted the complete events");
        }
        err.println("converted " + count[0] + " events from " + name + " to " + output);
        return ExitCode.OK;
    }

    static Format formatOf(Path p) {
        String n = p.getFileName().toString().replaceFirst("\\.gz$", "");
        if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) {
            return Format.ndjson;
        }
        return n.endsWith(".json") ? Format.json : Format.binary;
    }

    /** Carries a reader error out of {@link AtomicFiles.Content}, whose signature allows only IOException. */
    private static final class Unchecked extends RuntimeException {
        Unchecked(TraceException cause) {
            super(cause);
        }
    }
}
