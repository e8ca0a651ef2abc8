package labyrinth.cli;

import labyrinth.replay.Outcome;
import labyrinth.replay.Severity;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on}, for every command that judges a replay: the option, the lowest severity it
 * names and the exit code it gives. Mixed in with {@code @Mixin}; how each command words it is in
 * {@code Options.properties}.
 */
final class FailOnOption {
    /** The values, as the option takes them. */
    enum Level { error, warning, never }

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error", descriptionKey = "fail-on",
            description = "lowest severity that makes the exit code 1: error, warning or never (default: "
                    + "${DEFAULT-VALUE})")
    Level level;

    /** The lowest severity that fails the run, or null for {@code never}. */
    Severity severity() {
        return switch (level) {
            case error -> Severity.ERROR;
            case warning -> Severity.WARNING;
            case never -> null;
        };
    }

    boolean never() {
        return level == Level.never;
    }

    /** A replay's exit code under this option: a reproduced panic fails the run unless {@code never}. */
    int exitCode(Outcome outcome) {
        return ExitCode.of(outcome, never());
    }
}
