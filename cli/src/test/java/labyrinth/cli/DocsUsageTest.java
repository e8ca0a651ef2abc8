package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every usage block in docs/cli.md is what the command's own --help prints, the README's root help is
 * what {@code --help} prints, and the usage error shown is what labyrinth prints, so the pages cannot go
 * stale.
 */
class DocsUsageTest {
    private static final Pattern BLOCK = Pattern.compile("```\\n(Usage: labyrinth (\\w+) [^`]*?)\\n```");
    /** A shell session in a fenced block: the command line, then what it printed. */
    private static final Pattern SESSION = Pattern.compile("```\\n\\$ (?:\\./)?labyrinth ([^\\n]*)\\n([^`]*?)```");

    @Test
    void usageBlocksMatchTheCommandsHelp() throws Exception {
        String page = Files.readString(Repo.root().resolve("docs/cli.md"));
        Matcher m = BLOCK.matcher(page);
        List<String> commands = new ArrayList<>();
        while (m.find()) {
            String command = m.group(2);
            commands.add(command);
            assertThat(m.group(1)).as("docs/cli.md usage of %s", command).isEqualTo(usage(command));
        }
        assertThat(commands).contains("replay", "repl", "triage", "reduce", "validate", "stats", "import", "gen");
    }

    /** The "Usage:" line of {@code labyrinth COMMAND --help} and its indented continuation lines. */
    private static String usage(String command) {
        String[] lines = Run.of(command, "--help").out().split("\n");
        List<String> usage = new ArrayList<>();
        for (String line : lines) {
            if (usage.isEmpty() ? line.startsWith("Usage: labyrinth " + command) : line.startsWith("          ")) {
                usage.add(line);
            } else if (!usage.isEmpty()) {
                break;
            }
        }
        return String.join("\n", usage);
    }

    @Test
    void readmeShowsTheRootHelpAsItIs() throws Exception {
        String readme = Files.readString(Repo.root().resolve("README.md"));
        assertThat(session(readme, "--help")).isEqualTo(Run.of("--help").out());
    }

    @Test
    void theUsageErrorShownIsWhatLabyrinthPrints() throws Exception {
        String page = Files.readString(Repo.root().resolve("docs/cli.md"));
        Run r = Run.of("replya", "x");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(session(page, "replya x")).isEqualTo(r.err());
    }

    /** What the page shows {@code labyrinth ARGS} printing. */
    private static String session(String page, String args) {
        Matcher m = SESSION.matcher(page);
        while (m.find()) {
            if (m.group(1).equals(args)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no block showing labyrinth " + args);
    }
}
