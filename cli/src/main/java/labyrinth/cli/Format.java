package labyrinth.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The report formats of {@code --format}. Each command takes some of them, in the order its help
 * lists them: {@code @Option(converter = X.class, completionCandidates = X.class)} with one of the
 * nested choices, so a value the command does not take is refused in picocli's words for an enum.
 */
enum Format {
    text, json, sarif, junit;

    /** Whether this is a CI report (SARIF, JUnit): those list what GitHub shows of a run. */
    boolean forCi() {
        return this == sarif || this == junit;
    }

    /** The formats one command takes: converter and completion candidates in one. */
    abstract static class Choices implements ITypeConverter<Format>, Iterable<String> {
        private final List<Format> taken;

        Choices(Format... taken) {
            this.taken = List.of(taken);
        }

        @Override
        public Format convert(String value) {
            for (Format f : taken) {
                if (f.name().equals(value)) {
                    return f;
                }
            }
            throw new TypeConversionException(String.format("expected one of %s (case-sensitive) but was '%s'",
                    taken, value));
        }

        @Override
        public Iterator<String> iterator() {
            return taken.stream().map(Format::name).iterator();
        }
    }

    /** {@code stats}, {@code whatif}, {@code explain}. */
    static final class TextOrJson extends Choices {
        TextOrJson() {
            super(text, json);
        }
    }

    /** {@code replay}. */
    static final class ForReplay extends Choices {
        ForReplay() {
            super(text, json, sarif, junit);
        }
    }

    /** {@code triage}. */
    static final class ForTriage extends Choices {
        ForTriage() {
            super(text, json, junit, sarif);
        }
    }
}
