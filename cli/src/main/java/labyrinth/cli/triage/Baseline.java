package labyrinth.cli.triage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import labyrinth.cli.report.Bucket;
import java.util.Set;
import java.util.TreeSet;

/**
 * The known buckets, as a text file: one signature a line, sorted, so that baselines diff well in
 * review; lines starting with {@code #} and blank lines are ignored. Stateless.
 */
public final class Baseline {
    private static final String HEADER = "# labyrinth triage baseline: one known bucket signature a line\n";

    private Baseline() {
    }

    public static Set<String> read(Path file) throws IOException {
        Set<String> known = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                known.add(line.strip());
            }
        }
        return known;
    }

    public static String render(List<Bucket> buckets) {
        Set<String> sorted = new TreeSet<>();
        for (Bucket b : buckets) {
            sorted.add(b.signature());
        }
        StringBuilder sb = new StringBuilder(HEADER);
        for (String s : sorted) {
            sb.append(s).append('\n');
        }
        return sb.toString();
    }
}
