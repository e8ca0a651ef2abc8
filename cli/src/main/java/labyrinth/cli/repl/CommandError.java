package labyrinth.cli.repl;

/** A command's argument was wrong: the message is shown as one error line and the command fails. */
final class CommandError extends RuntimeException {
    CommandError(String message) {
        super(message, null, false, false);
    }
}
