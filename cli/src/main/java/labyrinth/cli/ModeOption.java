package labyrinth.cli;

import labyrinth.replay.Mode;
import picocli.CommandLine.Option;

/**
 * {@code --mode}, for every command that replays a trace: the option and the replay mode it asks
 * for. Mixed in with {@code @Mixin}; how each command words it is in {@code Options.properties}.
 */
final class ModeOption {
    /** The values, as the option takes them. */
    enum Choice { simulate, observe }

    @Option(names = "--mode", paramLabel = "MODE", descriptionKey = "mode",
            description = "simulate or observe (default: by the trace's scope)")
    Choice choice;

    /** The mode asked for, or null for the trace's own default (by its scope). */
    Mode mode() {
        return choice == null ? null : choice == Choice.simulate ? Mode.SIMULATE : Mode.OBSERVE;
    }
}
