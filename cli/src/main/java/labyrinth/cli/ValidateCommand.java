package labyrinth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import labyrinth.core.MachineTooLargeException;
import labyrinth.replay.Replayer;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code labyrinth validate TRACE...}: checks traces against the format only. Prints
 * {@code OK FILE (N events)} per readable trace (with {@code , truncated after event L (byte B)}
 * when it ends early, which the format allows), the one-line error for any other; checks every
 * file and exits 0, or 3 when any could not be read. A machine over {@code --max-pages} is an
 * error here as in {@code replay}: OK means replay reads the trace.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        header = "Check traces against the trace format without replaying them.",
        description = {"Check traces against the trace format (docs/trace-format.md) without replaying them.",
            "A trace cut short is valid: it is reported as truncated after its last complete event."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth validate rx-storm.json",
            "  labyrinth validate traces/*.json traces/*.ndjson.gz"
        })
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TRACE", description = "the traces, each "
            + TraceOptions.TRACE_FORMS)
    List<String> traces;

    @Mixin
    TraceOptions reading;

    @Mixin
    ColorOption color;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Outputs files = Outputs.of(spec);
        traces.forEach(files::input);
        files.check(spec.commandLine().getErr(), reading.debug); // standard input at most once; no outputs
        PrintWriter err = spec.commandLine().getErr();
        int exit = ExitCode.OK;
        for (String file : traces) {
            // each trace is judged alone: one that cannot be read does not stop the others
            try (TraceSource src = TraceInput.open(file, reading.limits(), reading.kernel(), Stdio.of(spec).in())) {
                // the limits of replay, so that a trace called OK here is one replay reads
                Replayer.checkSize(src.header().machine(), reading.maxPages);
                long n = 0;
                while (src.next() != null) {
                    n++;
                }
                TraceSource.Truncation cut = src.truncation();
                out.println("OK " + TraceInput.nameOf(file) + " (" + n + (n == 1 ? " event" : " events")
                        + (cut == null ? "" : ", " + cut.describe()) + ")");
                out.flush();
            } catch (TraceException e) {
                exit = Errors.report(err, e.getMessage(), e, reading.debug);
            } catch (MachineTooLargeException e) {
                exit = Errors.report(err, file + ": " + e.getMessage(), e, reading.debug);
            } catch (IOException e) {
                exit = Errors.report(err, TraceInput.nameOf(file) + ": cannot read: " + e.getMessage(), e,
                        reading.debug);
            }
        }
        return exit;
    }
}
