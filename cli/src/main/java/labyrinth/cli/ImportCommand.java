package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.format.TraceWriter;
import labyrinth.format.dmesg.KernelLogs;
import labyrinth.format.ftrace.FtraceOptions;
import labyrinth.format.ftrace.FtraceReader;
import labyrinth.format.ftrace.ImportReport;
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
            "  labyrinth import --from ftrace --zoneinfo zoneinfo perf.txt -o perf.ndjson.gz",
            "  labyrinth import --from ftrace --kernel 6.6 trace.txt -o trace.json"
        })
final class ImportCommand implements Callable<Integer> {
    enum From { ftrace }

    @Spec
    CommandSpec spec;

    /** Accepted like every command's; this command prints nothing coloured. */
    @Mixin
    ColorOption color;

    @Option(names = "--from", required = true, paramLabel = "KIND",
            description = "what FILE is: ftrace (also trace-cmd report and perf script output)")
    From from;

    @Parameters(paramLabel = "FILE", description = "the kernel trace (plain text or gzip); - reads standard input")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "the Labyrinth trace to write (atomically); standard output when absent or -. "
                    + "A name ending in .gz is compressed")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "json (one document), ndjson (JSON Lines) or binary; default: binary for .lbt names, "
                    + "ndjson for .ndjson/.jsonl, else json")
    TraceOutputs.Encoding format;

    @Option(names = "--zoneinfo", paramLabel = "FILE",
            description = "the machine's /proc/zoneinfo: zone spans and watermarks")
    Path zoneinfo;

    @Option(names = "--memory", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "installed memory (e.g. 16G) when there is no zoneinfo; else the highest pfn seen decides")
    Long memory;

    @Option(names = "--kernel", paramLabel = "VERSION",
            description = "the Linux version that printed the trace (e.g. 6.6, 5.15.0-91-generic): what its GFP "
                    + "names mean; written as the machine's kernel (default: the names of 6.12)")
    String kernel;

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
    public Integer call() throws TraceException {
        PrintWriter err = spec.commandLine().getErr();
        FtraceOptions options = FtraceOptions.defaults().withZoneinfo(zoneinfo)
                .withMemory(memory == null ? 0 : memory).withStrict(strict).withPreemptOffset(preemptOffset)
                .withKernel(TraceOptions.kernelOption(spec, kernel));
        int unwritable = Outputs.of(spec).input(file).input(zoneinfo).output("-o", output).check(err, debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        TraceOutputs.Encoding f = TraceOutputs.encodingOf(format, output);
        String name = TraceInput.nameOf(file.toString());
        boolean toStdout = output == null || Stdio.isDash(output);
        try (FtraceReader reader = Stdio.isDash(file) ? FtraceReader.open(name, Stdio.of(spec).in(), options)
                : FtraceReader.open(file, options)) {
            boolean none;
            try (Progress progress = progress(err)) {
                TraceSource counted = progress.count(reader);
                Event first = counted.next();
                none = first == null;
                if (!none) {
                    Outputs.write(spec, output, out -> convert(counted, first, out, f));
                }
            } catch (IOException e) {
                // a failure to read the kernel trace arrives as Unreadable: every IOException here is the output's
                return Errors.cannotWrite(err, toStdout ? Path.of(Stdio.DASH) : output, e, debug);
            }
            ImportReport report = reader.report();
            if (none) {
                return noEvents(err, report);
            }
            for (String w : report.warnings()) {
                err.println(name + ": warning: " + w);
            }
            err.println("imported " + report.events() + " events from " + name
                    + (toStdout ? "" : " to " + output));
            return ExitCode.OK;
        } catch (IOException e) {
            return Errors.report(err, name + ": cannot read: " + e.getMessage(), e, debug);
        } catch (TraceOutputs.Unreadable e) {
            throw e.getCause();
        }
    }

    /**
     * A file without one usable page event is no trace to import (exit 3, nothing written, one
     * line): a kernel log with failure reports is sent to explain; otherwise the line says what the
     * file held instead.
     */
    private int noEvents(PrintWriter err, ImportReport report) {
        // standard input was read once: no census of a log that came that way
        KernelLogs.Census census = Stdio.isDash(file) ? null : KernelLogs.census(file);
        if (census != null && census.reports() > 0) {
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
        return Errors.report(err, TraceInput.nameOf(file.toString()) + ": no page events to import (mm_page_alloc, mm_page_free, mm_page_free_batched"
                + " in a known layout)" + (held.isEmpty() ? "" : "; lines: " + String.join(", ", held))
                + "; nothing written", null, debug);
    }

    /**
     * A bar, unless the trace streams to the screen, where the bar would tear it. Java 17 can only tell
     * that standard input and output are both terminals ({@code System.console()}); with either
     * redirected ({@code > out.json}, {@code | gzip}) the bar shows.
     */
    private Progress progress(PrintWriter err) {
        return (output == null || Stdio.isDash(output)) && System.console() != null ? Progress.OFF
                : progressOption.start(err, "importing", file);
    }

    private void convert(TraceSource reader, Event first, OutputStream raw, TraceOutputs.Encoding f)
            throws IOException {
        TraceWriter w = TraceOutputs.writer(f, TraceOutputs.sink(raw, output), reader.header());
        w.write(first);
        TraceOutputs.copy(reader, w);
        w.close();
    }
}
