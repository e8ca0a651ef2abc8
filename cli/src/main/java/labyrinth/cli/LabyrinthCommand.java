package labyrinth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: {@code labyrinth SUBCOMMAND ...}. */
@Command(
        name = "labyrinth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        // the subcommands' wording of the options they share through mixins
        resourceBundle = "labyrinth.cli.Options",
        // in the order of CLI.md's command table
        subcommands = {ReplayCommand.class, ReplCommand.class, TriageCommand.class, ReduceCommand.class,
            ValidateCommand.class, StatsCommand.class, ImportCommand.class, ConvertCommand.class, GenCommand.class, WhatIfCommand.class,
            ExplainCommand.class, CompletionCommand.class},
        description = {
            "Allocator debugger and trace replayer for the Labyrinth page allocator. Replays recorded "
                + "allocation traces on a faithful model of the allocator, reproduces failures and panics, "
                + "and reports exhaustion points and ownership violations."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth replay sample-traces/rx-storm-panic.json",
            "  labyrinth repl sample-traces/rx-storm-panic.json",
            "  labyrinth triage --format sarif -o triage.sarif traces/",
            "  labyrinth validate trace.json",
            "  labyrinth gen rx-storm -o rx-storm.json",
            "  labyrinth explain kernel.log",
            "  labyrinth --version"
        })
final class LabyrinthCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** The command line's standard streams as bytes ({@link Stdio#of}); set by {@link Cli}. */
    Stdio stdio;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: give one of the commands listed in --help");
    }
}
