package labyrinth.cli.repl;

import java.io.PrintWriter;
import java.util.List;

/**
 * One REPL command: the name {@code help} lists, its short names, a synopsis and a line of help,
 * what completion offers after it, and what it does with its argument text. Immutable.
 *
 * @param movement whether an empty line repeats it (commands that move step by step, as in gdb)
 */
record Command(String name, List<String> aliases, String synopsis, String help, boolean movement,
               Completion completion, Action action) {
    /** What the command does; a bad argument throws {@link CommandError}. */
    @FunctionalInterface
    interface Action {
        ReplSession.Result run(String args, PrintWriter out);
    }

    /** Candidates for the next word, given the argument words already typed after the command. */
    @FunctionalInterface
    interface Completion {
        List<String> candidates(List<String> args);

        Completion NONE = args -> List.of();

        /** {@code first} for the first argument, and nothing after it. */
        static Completion first(java.util.function.Supplier<? extends java.util.Collection<String>> first) {
            return args -> args.isEmpty() ? List.copyOf(first.get()) : List.of();
        }
    }

    static Command of(String name, String aliases, String synopsis, String help, Action action) {
        return new Command(name, aliases.isEmpty() ? List.of() : List.of(aliases.split(" ")), synopsis, help, false,
                Completion.NONE, action);
    }

    Command moving() {
        return new Command(name, aliases, synopsis, help, true, completion, action);
    }

    Command completing(Completion c) {
        return new Command(name, aliases, synopsis, help, movement, c, action);
    }
}
