package labyrinth.cli;

import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import labyrinth.core.KernelVersion;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceFiles;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * How a command opens the trace an operand names and how messages name it: a file, or standard
 * input for {@code -} (named {@code <stdin>} in messages and reports). A trace that cannot be read
 * is a {@link TraceException}, which {@link Cli} turns into one line and exit 3. Stateless.
 */
final class TraceInput {
    private TraceInput() {
    }

    /**
     * Opens the trace {@code operand} names and reads its header: a file, or standard input for
     * {@code -}. Either is recognised by its content, in every encoding; standard input is read
     * once, as it comes (kernel text, which is read twice, is first copied to a temporary file).
     *
     * @param kernel how kernel trace text is read ({@code --kernel}), or null
     * @param stdin standard input, for {@code -}
     */
    static TraceSource open(String operand, ReaderLimits limits, KernelVersion kernel, InputStream stdin)
            throws TraceException {
        if (Stdio.isDash(operand)) {
            return TraceFiles.open(stdin, Stdio.STDIN_NAME, limits, kernel);
        }
        Path file;
        try {
            file = Path.of(operand);
        } catch (InvalidPathException e) {
            throw new TraceException(operand, 0, 0, -1, "cannot read: not a valid path", e);
        }
        return TraceFiles.open(file, operand, limits, kernel);
    }

    /** How messages and reports name the trace {@code operand} gives: {@code <stdin>} for {@code -}. */
    static String nameOf(String operand) {
        return Stdio.inputName(operand);
    }
}
