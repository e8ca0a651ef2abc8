package labyrinth.cli;

import labyrinth.core.Allocator;
import labyrinth.core.KernelVersion;
import labyrinth.format.ReaderLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of every command that reads traces ({@code replay}, {@code triage}, {@code reduce},
 * {@code validate}, {@code stats}, {@code convert}, {@code repl}): the resource limits, each explicit
 * with its default, {@code --kernel} for kernel trace text, and {@code --debug}. A trace that hits a limit is unreadable (exit 3) with a message naming the
 * option that raises it. Mixed into a command with {@code @Mixin}.
 */
final class TraceOptions {
    /** What a TRACE parameter may be: every encoding {@code TraceFiles} recognises, and standard input. */
    static final String TRACE_FORMS = "a JSON document, JSON Lines, compact binary (.lbt) or kernel text (ftrace,"
            + " trace-cmd report or perf script output), plain or gzip; - reads standard input";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--max-pages", paramLabel = "N", defaultValue = "" + Allocator.DEFAULT_MAX_PAGES,
            description = "refuse machines with more pages than N (default: ${DEFAULT-VALUE})")
    long maxPages;

    @Option(names = "--max-string-length", paramLabel = "N", defaultValue = ""
            + ReaderLimits.DEFAULT_MAX_STRING_LENGTH,
            description = "reader limit: longest string value in characters (default: ${DEFAULT-VALUE})")
    int maxStringLength;

    @Option(names = "--max-name-length", paramLabel = "N", defaultValue = "" + ReaderLimits.DEFAULT_MAX_NAME_LENGTH,
            description = "reader limit: longest key in characters (default: ${DEFAULT-VALUE})")
    int maxNameLength;

    @Option(names = "--max-nesting-depth", paramLabel = "N", defaultValue = ""
            + ReaderLimits.DEFAULT_MAX_NESTING_DEPTH,
            description = "reader limit: deepest nesting of objects and arrays (default: ${DEFAULT-VALUE})")
    int maxNestingDepth;

    @Option(names = "--max-number-length", paramLabel = "N", defaultValue = ""
            + ReaderLimits.DEFAULT_MAX_NUMBER_LENGTH,
            description = "reader limit: longest number in characters (default: ${DEFAULT-VALUE})")
    int maxNumberLength;

    @Option(names = "--max-document-length", paramLabel = "SIZE", converter = SizeConverter.class,
            defaultValue = "64G",
            description = "reader limit: most bytes of input after decompression, e.g. 512M (default: ${DEFAULT-VALUE})")
    long maxDocumentLength;

    @Option(names = "--kernel", paramLabel = "VERSION",
            description = "the Linux version (e.g. 6.6) that printed kernel trace text: what its GFP names mean "
                    + "(a Labyrinth trace says its own, machine.kernel)")
    String kernel;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    /** The {@code --kernel} version, null when not given; a usage error when it has no major.minor. */
    KernelVersion kernel() {
        return kernelOption(spec, kernel);
    }

    /** Reads a {@code --kernel} value of {@code spec}'s command line. */
    static KernelVersion kernelOption(CommandSpec spec, String text) {
        if (text == null) {
            return null;
        }
        try {
            return KernelVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--kernel must be a Linux version starting with "
                    + "major.minor, such as 6.6 or 5.15.0-91-generic, found " + text);
        }
    }

    /** The reader limits the options give; a usage error for a limit below 1. */
    ReaderLimits limits() {
        positive("--max-pages", maxPages);
        positive("--max-string-length", maxStringLength);
        positive("--max-name-length", maxNameLength);
        positive("--max-nesting-depth", maxNestingDepth);
        positive("--max-number-length", maxNumberLength);
        return new ReaderLimits(maxNestingDepth, maxStringLength, maxNameLength, maxNumberLength, maxDocumentLength);
    }

    private void positive(String option, long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, found " + value);
        }
    }
}
