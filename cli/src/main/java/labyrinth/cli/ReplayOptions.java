package labyrinth.cli;

import picocli.CommandLine.Mixin;

/**
 * {@code --mode} and {@code --fail-on} together, for the commands that replay a trace and judge
 * it ({@code replay}, {@code triage}, {@code reduce}). Mixed in with {@code @Mixin}.
 */
final class ReplayOptions {
    @Mixin
    ModeOption mode;

    @Mixin
    FailOnOption failOn;
}
