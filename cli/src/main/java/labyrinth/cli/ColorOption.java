package labyrinth.cli;

import labyrinth.cli.report.Colors;
import picocli.CommandLine.Option;

/**
 * {@code --no-color}: severity words are coloured only when the report goes to a terminal, and never
 * with this option, a non-empty {@code NO_COLOR} environment variable or {@code TERM=dumb}.
 */
final class ColorOption {
    @Option(names = "--no-color",
            description = "never colour the report (also: the NO_COLOR environment variable); by default severity"
                    + " words are coloured when the report goes to a terminal")
    boolean noColor;

    /** The colours for a report written to a file ({@code toFile}) or to standard output. */
    Colors colors(boolean toFile) {
        return Colors.wanted(noColor, System.getenv("NO_COLOR"), System.getenv("TERM"), System.console() != null,
                toFile) ? Colors.ANSI : Colors.NONE;
    }
}
