package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.format.dmesg.KernelLogs;
import labyrinth.format.ftrace.FtraceOptions;
import labyrinth.format.ftrace.FtraceReader;
import labyrinth.format.ftrace.ImportReport;
import labyrinth.format.json.JsonTraceWriter;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code labyrinth import --from ftrace FILE -o OUT}: a real kernel trace as a Labyrinth trace. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Turn a real kernel trace (ftrace, trace-cmd, perf kmem page events) into a Labyrinth trace.",
        description = {
            "Turn a real kernel trace of the kmem page events (ftrace, trace-cmd report or perf script "
                + "output of mm_page_alloc / mm_page_free) into a Labyrinth trace of scope window. replay, "
                + "repl, validate and triage also read such files directly."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth import --from ftrace trace.txt -o trace.json",
            "  labyrinth import --from ftrace --zoneinfo zoneinfo.txt perf.txt -o trace.ndjson.gz"
        })
final class ImportCommand implements Callable<Integer> {
    enum From { ftrace }

    enum Format { json, ndjson }

    @Spec
    CommandSpec spec;

    /** Accepted like every command's; this command prints nothing coloured. */
    @Mixin
    ColorOption color;

    @Option(names = "--from", required = true, paramLabel = "KIND",
            description = "what FILE is: ftrace (also trace-cmd report and perf script output)")
    From from;

    @Parameters(paramLabel = "FILE", description = "the kernel trace (plain text or gzip)")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "the Labyrinth trace to write (atomically); standard output when absent. "
                    + "A name ending in .gz is compressed")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "json (one document) or ndjson (JSON Lines); default: ndjson for .ndjson/.jsonl names, "
                    + "else json")
    Format format;

    @Option(names = "--zoneinfo", paramLabel = "FILE",
            description = "the machine's /proc/zoneinfo: zone spans and watermarks")
    Path zoneinfo;

    @Option(names = "--memory", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "installed memory (e.g. 16G) when there is no zoneinfo; else the highest pfn seen decides")
    Long memory;

    @Option(names = "--preempt-offset", paramLabel = "N", defaultValue = "0",
            description = "subtract N from the preempt depth (1 for kernels before 4.7 with CONFIG_PREEMPT)")
    int preemptOffset;

    @Option(names = "--strict", description = "stop at the first malformed line instead of skipping it")
    boolean strict;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    @Mixin
    ProgressOption progressOption;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        FtraceOptions options = FtraceOptions.defaults().withZoneinfo(zoneinfo)
                .withMemory(memory == null ? 0 : memory).withStrict(strict).withPreemptOffset(preemptOffset);
        Format f = format != null ? format : output != null && TraceOutputs.isStreamName(output) ? Format.ndjson : Format.json;
        try (FtraceReader reader = FtraceReader.open(file, options)) {
            boolean none;
            try (Progress progress = progress(err)) {
                TraceSource counted = progress.count(reader);
                Event first = counted.next();
                none = first == null;
                if (!none && output == null) {
                    OutputStream out = TraceOutputs.nonClosing(System.out);
                    convert(counted, first, out, f);
                    out.flush();
                } else if (!none) {
                    AtomicFiles.write(output, out -> convert(counted, first, out, f));
                }
            }
            ImportReport report = reader.report();
            if (none) {
                return noEvents(err, report);
            }
            for (String w : report.warnings()) {
                err.println(file + ": warning: " + w);
            }
            err.println("imported " + report.events() + " events from " + file
                    + (output == null ? "" : " to " + output));
            return ExitCode.OK;
        } catch (TraceException e) {
            return Errors.report(err, e.getMessage(), e, debug);
        } catch (IOException e) {
            return Errors.report(err, file + ": cannot read: " + e.getMessage(), e, debug);
        } catch (UncheckedTraceException e) {
            return Errors.report(err, e.getCause().getMessage(), e.getCause(), debug);
        }
    }

    /**
     * A file without one usable page event is no trace to import (exit 3, nothing written, one
     * line): a kernel log with failure reports is sent to explain; otherwise the line says what the
     * file held instead.
     */
    private int noEvents(PrintWriter err, ImportReport report) {
        KernelLogs.Census census = KernelLogs.census(file);
        if (census.reports() > 0) {
            return Errors.report(err, new TraceException(file.toString(), census.firstLine(), 0, -1,
                    KernelLogs.hint(census.reports())).getMessage(), null, debug);
        }
        List<String> held = new ArrayList<>();
        if (report.malformedLines() > 0) {
            ImportReport.Problem first = report.malformed().isEmpty() ? null : report.malformed().get(0);
            held.add(report.malformedLines() + " malformed" + (first == null ? ""
                    : " (first at line " + first.line() + ": " + first.message() + ")"));
        }
        long others = report.otherEvents().values().stream().mapToLong(Long::longValue).sum();
        if (others > 0) {
            held.add(others + " other event" + (others == 1 ? "" : "s") + " " + report.otherEvents().keySet());
        }
        if (report.unrecognisedLines() > 0) {
            held.add(report.unrecognisedLines() + " in no known layout");
        }
        return Errors.report(err, file + ": no page events to import (mm_page_alloc, mm_page_free, mm_page_free_batched"
                + " in a known layout)" + (held.isEmpty() ? "" : "; lines: " + String.join(", ", held))
                + "; nothing written", null, debug);
    }

    /**
     * A bar, unless the trace streams to the screen, where the bar would tear it. Java 17 can only tell
     * that standard input and output are both terminals ({@code System.console()}); with either
     * redirected ({@code > out.json}, {@code | gzip}) the bar shows.
     */
    private Progress progress(PrintWriter err) {
        return output == null && System.console() != null ? Progress.OFF : progressOption.start(err, "importing", file);
    }

    private void convert(TraceSource reader, Event first, OutputStream raw, Format f) throws IOException {
        OutputStream out = TraceOutputs.sink(raw, output);
        JsonTraceWriter w = f == Format.ndjson ? JsonTraceWriter.stream(out, reader.header())
                : JsonTraceWriter.document(out, reader.header());
        try {
            w.write(first);
            Event e;
            while ((e = reader.next()) != null) {
                w.write(e);
            }
        } catch (TraceException e) {
            throw new UncheckedTraceException(e);
        }
        w.close();
    }

    /** Carries a reader error out of {@link AtomicFiles.Content}, whose signature allows only IOException. */
    private static final class UncheckedTraceException extends RuntimeException {
        UncheckedTraceException(TraceException cause) {
            super(cause);
        }
    }
}
