package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import labyrinth.cli.explain.ExplainJson;
import labyrinth.cli.explain.ExplainText;
import labyrinth.core.Allocator;
import labyrinth.core.MachineTooLargeException;
import labyrinth.explain.Explainer;
import labyrinth.explain.Explanation;
import labyrinth.explain.FailureReport;
import labyrinth.explain.ReportGroups;
import labyrinth.format.ReadErrors;
import labyrinth.format.dmesg.KernelLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code labyrinth explain LOG}: the kernel's "page allocation failure" reports, decided on the model. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Explain the kernel's \"page allocation failure\" reports in a log on the allocator model.",
        description = {
            "Read every \"page allocation failure\" report in a kernel log (dmesg, journalctl -k, syslog, a"
                + " console capture; Linux 2.6 to 6.x) and decide each request on the model at the state the"
                + " report prints: each zone's check in pages, then fails (with what it would have taken),"
                + " succeeds (with what the model leaves out that the report shows), unknown-mask (a mask"
                + " printed without names by an old kernel) or incomplete. Reports of the same task, order"
                + " and mode are grouped.",
            "Exit codes: 0 reports found and explained, 2 usage, 3 no report in the file or an unreadable"
                + " file, 70 bug."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth explain sample-traces/dmesg/linux-6.19-kswapd0-order0-GFP_NOFS.log",
            "  journalctl -k -b -1 > kernel.log && labyrinth explain kernel.log",
            "  labyrinth explain --format json -o explain.json kernel.log"
        })
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LOG", description = "the kernel log (plain text or gzip)")
    Path log;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Format.TextOrJson.class,
            completionCandidates = Format.TextOrJson.class, description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the explanation to FILE (atomically) instead of standard output")
    Path output;

    @Option(names = "--max-pages", paramLabel = "N", defaultValue = "" + Allocator.DEFAULT_MAX_PAGES,
            description = "refuse a node whose free pages need more than N pages to lay out (default: ${DEFAULT-VALUE})")
    long maxPages;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    /** Accepted like every command's; the explanation prints nothing coloured. */
    @Mixin
    ColorOption color;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String name = log.toString();
        if (output != null && output.toAbsolutePath().normalize().equals(log.toAbsolutePath().normalize())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "-o names the log itself: an explanation never replaces its log");
        }
        List<FailureReport> reports;
        try {
            reports = KernelLogs.read(log);
        } catch (IOException e) {
            return Errors.report(err, ReadErrors.cannotRead(name, e).getMessage(), e, debug);
        }
        if (reports.isEmpty()) {
            return Errors.report(err, name + ": no \"page allocation failure\" report in this file (expected a"
                    + " kernel log: dmesg, journalctl -k, syslog)", null, debug);
        }
        List<Explanation> explained = new ArrayList<>(reports.size());
        for (FailureReport r : reports) {
            try {
                explained.add(Explainer.explain(r, maxPages));
            } catch (MachineTooLargeException e) {
                return Errors.report(err, name + ":" + r.line() + ": " + e.getMessage(), e, debug);
            }
        }
        List<ReportGroups.Group> groups = ReportGroups.group(explained);
        try {
            if (output == null) {
                PrintWriter out = spec.commandLine().getOut();
                render(name, groups, out);
                out.flush();
            } else {
                AtomicFiles.write(output, stream -> {
                    Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                    render(name, groups, w);
                    w.flush();
                });
            }
        } catch (IOException e) {
            err.println("labyrinth: cannot write " + output + ": " + e.getMessage());
            return ExitCode.UNREADABLE;
        }
        return ExitCode.OK;
    }

    private void render(String name, List<ReportGroups.Group> groups, Writer out) {
        if (format == Format.json) {
            ExplainJson.write(name, groups, VersionProvider.version(), TraceCommand.nonClosing(out));
            PrintWriter pw = new PrintWriter(out);
            pw.println();
            pw.flush();
        } else {
            PrintWriter pw = new PrintWriter(out);
            ExplainText.write(name, groups, pw);
            pw.flush();
        }
    }
}
