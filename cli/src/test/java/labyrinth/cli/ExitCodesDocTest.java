package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exit-code tables of README.md and docs/cli.md say what CLI.md says, code by code, and
 * {@link ExitCode} has the same numbers: a script author reading either page gets the contract.
 */
class ExitCodesDocTest {
    /** Words of CLI.md's exit-code table that each page's row must carry. */
    private static final Map<Integer, String[]> CONTRACT = Map.of(
            0, new String[] {"--fail-on"},
            1, new String[] {"--fail-on", "panic"},
            2, new String[] {"usage", "launcher"},
            3, new String[] {"could not be read", "malformed", "triage"},
            4, new String[] {"diverged", "panic", "truncated", "--allow-truncated"},
            70, new String[] {"bug", "--debug"});

    @Test
    void readmeTableSaysWhatTheContractSays() throws IOException {
        assertMatchesContract(table("README.md"), "README.md");
    }

    @Test
    void cliPageTableSaysWhatTheContractSays() throws IOException {
        assertMatchesContract(table("docs/cli.md"), "docs/cli.md");
    }

    @Test
    void exitCodeConstantsAreTheContractsNumbers() {
        assertThat(new int[] {ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE, ExitCode.UNREADABLE,
            ExitCode.NOT_REPRODUCED, ExitCode.INTERNAL}).containsExactly(0, 1, 2, 3, 4, 70);
    }

    @Test
    void cliPageMapsEveryOutcomeToItsCode() throws IOException {
        String page = Files.readString(Repo.root().resolve("docs/cli.md"));
        for (labyrinth.replay.Outcome o : labyrinth.replay.Outcome.values()) {
            String name = o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertThat(page).as("docs/cli.md outcome row for %s", name)
                    .containsPattern("\\| `" + name + "` \\| [^|\\n]*" + ExitCode.of(o, false));
        }
    }

    private static void assertMatchesContract(Map<Integer, String> rows, String page) {
        assertThat(rows.keySet()).as(page + " exit codes").containsExactly(0, 1, 2, 3, 4, 70);
        rows.forEach((code, meaning) -> assertThat(meaning).as(page + " exit code " + code)
                .contains(CONTRACT.get(code)));
    }

    /** The rows of the page's first {@code | code | meaning |} table. */
    private static Map<Integer, String> table(String page) throws IOException {
        Map<Integer, String> rows = new LinkedHashMap<>();
        boolean in = false;
        for (String line : Files.readAllLines(Repo.root().resolve(page))) {
            if (line.startsWith("| code | meaning |")) {
                in = true;
            } else if (in && line.matches("\\| \\d+ \\|.*")) {
                String[] cells = line.split("\\|", 4);
                rows.put(Integer.parseInt(cells[1].strip()), cells[2].strip() + " " + cells[3]);
            } else if (in && !line.startsWith("|---")) {
                break;
            }
        }
        return rows;
    }
}
