package labyrinth.cli.report;

import java.util.List;

/**
 * What the SARIF and JUnit reports need besides the runs. Immutable.
 *
 * @param command {@code replay} or {@code triage}: the JUnit suite and part of the SARIF category
 * @param operands the traces and folders as named on the command line (the SARIF category)
 * @param root where trace URIs and JUnit {@code file} attributes are relative to
 * @param limit the most findings the report lists over all its traces
 */
public record CiSettings(String command, List<String> operands, SourceRoot root, int limit) {
    /** The default limit: what GitHub code scanning shows of one run. */
    public static final int DEFAULT_LIMIT = 5000;

    public CiSettings {
        operands = List.copyOf(operands);
    }

    /**
     * {@code labyrinth/triage/sample-traces/}: the trailing slash makes it all the category, so
     * uploads of different commands or inputs on one commit do not replace each other.
     */
    String automationId() {
        StringBuilder sb = new StringBuilder("labyrinth/").append(command).append('/');
        for (int i = 0; i < operands.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(root.operand(operands.get(i)));
        }
        return sb.append('/').toString();
    }
}
