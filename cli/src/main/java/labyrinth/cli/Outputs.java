package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks a command's files before it does any work: an output that would replace one of its inputs
 * (the same file by any spelling, symbolic or hard link), two outputs into one file, or standard
 * input named twice is a usage error; an output that cannot be written (missing folder, no folder,
 * no permission) is reported as {@link Errors#cannotWrite} says. Built and used once per run; not
 * thread-safe.
 */
final class Outputs {
    private record Input(String label, Path path, String replaceableBy) {
    }

    private record Output(String option, String label, Path path) {
    }

    private final CommandSpec spec;
    private final Stdio stdio;
    private final List<Input> inputs = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();
    private int dashes;

    private Outputs(CommandSpec spec) {
        this.spec = spec;
        this.stdio = Stdio.of(spec);
    }

    static Outputs of(CommandSpec spec) {
        return new Outputs(spec);
    }

    /** A file the command reads, as the user named it; {@code -} is standard input. */
    Outputs input(String operand) {
        return input(operand, null);
    }

    Outputs input(Path operand) {
        return operand == null ? this : input(operand.toString(), null);
    }

    /**
     * A file the command reads that the output option {@code replaceableBy} may replace on purpose
     * (triage's {@code --write-baseline} updating its {@code --baseline}: read whole before).
     */
    Outputs input(String operand, String replaceableBy) {
        if (operand == null) {
            return this;
        }
        if (Stdio.isDash(operand)) {
            dashes++;
            if (stdio.inFile() != null) {
                inputs.add(new Input(Stdio.STDIN_NAME, stdio.inFile(), replaceableBy));
            }
        } else {
            inputs.add(new Input(operand, Path.of(operand), replaceableBy));
        }
        return this;
    }

    /** An output option and its target ({@code -}: standard output); null when the option was not given. */
    Outputs output(String option, Path target) {
        if (target != null) {
            outputs.add(new Output(option, option + " " + target, target));
        }
        return this;
    }

    /** An output that goes to standard output when its option is absent, e.g. a report without {@code -o}. */
    Outputs outputOrStdout(String option, Path target) {
        outputs.add(target != null ? new Output(option, option + " " + target, target)
                : new Output(option, "the report (no " + option + ")", Path.of(Stdio.DASH)));
        return this;
    }

    /**
     * Throws a usage error for inputs and outputs that collide; then tries each output file.
     *
     * @return {@link ExitCode#OK}, or {@link ExitCode#UNREADABLE} after reporting the first output that cannot be written
     */
    int check(PrintWriter err, boolean debug) {
        if (dashes > 1) {
            throw usage("standard input can be read once: expected - at most once, found it " + dashes + " times");
        }
        for (int i = 0; i < outputs.size(); i++) {
            Output o = outputs.get(i);
            for (Input in : inputs) {
                if (!o.option().equals(in.replaceableBy()) && !Stdio.isDash(o.path())
                        && sameFile(o.path(), in.path())) {
                    throw usage(o.label() + " is the input " + in.label()
                            + ": expected another file (an output never replaces its input)");
                }
            }
            for (Output earlier : outputs.subList(0, i)) {
                if (Stdio.isDash(o.path()) && Stdio.isDash(earlier.path())) {
                    throw usage(earlier.label() + " and " + o.label()
                            + " both write standard output: expected a file for one of them");
                }
                if (!Stdio.isDash(o.path()) && !Stdio.isDash(earlier.path()) && sameFile(o.path(), earlier.path())) {
                    throw usage(earlier.label() + " and " + o.label() + " are the same file: expected a file for each");
                }
            }
        }
        for (Output o : outputs) {
            if (!Stdio.isDash(o.path())) {
                try {
                    AtomicFiles.checkWritable(o.path());
                } catch (IOException e) {
                    return Errors.cannotWrite(err, o.path(), e, debug);
                }
            }
        }
        return ExitCode.OK;
    }

    /**
     * Writes {@code content} to {@code target}: standard output for null or {@code -}, else the file,
     * atomically. The content may close its stream (a trace writer ends that way): that only flushes.
     */
    static void write(CommandSpec spec, Path target, AtomicFiles.Content content) throws IOException {
        if (target == null || Stdio.isDash(target)) {
            try (OutputStream out = Stdio.of(spec).out()) {
                content.writeTo(out);
            }
        } else {
            AtomicFiles.write(target, raw -> content.writeTo(TraceOutputs.nonClosing(raw)));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Whether two paths name one file: the same file by {@link Files#isSameFile} (links, other
     * spellings) when both exist, else the same absolute path.
     */
    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException | SecurityException e) {
            // unreadable metadata: compare by name below
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
