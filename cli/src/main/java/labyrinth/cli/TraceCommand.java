package labyrinth.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import labyrinth.cli.progress.Progress;
import labyrinth.trace.ReadAhead;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that reads a trace ({@code replay}, {@code stats}, {@code triage},
 * {@code reduce}, {@code whatif}, {@code convert}) has alike: the reading options, colour and
 * progress, and one way to open a trace. A trace that cannot be read throws {@link TraceException},
 * which {@link Cli} reports as one line and exit 3.
 */
abstract class TraceCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceOptions reading;

    /** Accepted by every command; those that print nothing coloured ignore it. */
    @Mixin
    ColorOption color;

    @Mixin
    ProgressOption progressOption;

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Opens the trace {@code operand} names (a file, or standard input for {@code -}) and reads its header. */
    TraceSource open(String operand) throws TraceException {
        return TraceInput.open(operand, reading.limits(), reading.kernel(), Stdio.of(spec).in());
    }

    /** {@link #open}, counting the bytes read into {@code progress}, the events decoded ahead on another thread. */
    TraceSource open(String operand, Progress progress) throws TraceException {
        return ReadAhead.of(progress.count(open(operand)));
    }

    /** Jackson closes what it writes to; the command's writer belongs to picocli. */
    static Writer nonClosing(Writer w) {
        return new FilterWriter(w) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
