package labyrinth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code labyrinth completion bash|zsh}: a completion script for the shell. The bash script is
 * picocli's; zsh runs the same script under {@code bashcompinit}.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Print a shell completion script for bash or zsh.",
        description = {
            "Print a script that completes labyrinth's commands and options in the shell. Load it in "
                + "the current shell, or from ~/.bashrc or ~/.zshrc, as the examples show."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(labyrinth completion bash)",
            "  labyrinth completion bash > /etc/bash_completion.d/labyrinth",
            "  source <(labyrinth completion zsh)"
        })
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    /** Nothing here is coloured; taken so that {@code --no-color} works on every command, as scripts pass it. */
    @Mixin
    ColorOption color;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(script(shell, spec.root().commandLine()));
        out.flush();
        return ExitCode.OK;
    }

    static String script(Shell shell, picocli.CommandLine root) {
        String bash = AutoComplete.bash("labyrinth", root);
        if (shell == Shell.bash) {
            return bash;
        }
        return "#compdef labyrinth\n"
                + "# labyrinth completion for zsh: the bash completion script, run by zsh's bashcompinit\n"
                + "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash;
    }
}
