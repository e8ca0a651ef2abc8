package labyrinth.cli;

/** The exit codes of CLI.md; {@link Main} is the only caller of {@code System.exit}. */
final class ExitCode {
    /** Finished, nothing at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** Findings at or above {@code --fail-on} (a reproduced panic is one). */
    public static final int FINDINGS = 1;
    /** Usage error: unknown option, missing argument, an output that names an input. */
    public static final int USAGE = 2;
    /** A trace could not be read: missing, malformed, unsupported version; also an output that cannot be written. */
    public static final int UNREADABLE = 3;
    /** Reproduction failed: divergence, the recorded panic was not reproduced, or the trace was cut short. */
    public static final int NOT_REPRODUCED = 4;
    /** A bug in labyrinth. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }

    /** A replay's exit code; a reproduced panic fails the run unless {@code --fail-on never}. */
    public static int of(labyrinth.replay.Outcome outcome, boolean failOnNever) {
        return switch (outcome) {
            case CLEAN -> OK;
            case FINDINGS -> FINDINGS;
            case PANIC_REPRODUCED -> failOnNever ? OK : FINDINGS;
            case PANIC_NOT_REPRODUCED, DIVERGED, TRUNCATED -> NOT_REPRODUCED;
        };
    }
}
