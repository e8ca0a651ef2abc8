package labyrinth.cli.triage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the operands of {@code triage}: a directory stands for every trace under it (by name:
 * {@code .json}, {@code .ndjson}, {@code .jsonl}, each also {@code .gz}), in path order; a file
 * stands for itself whatever its name, and so does a path that does not exist (it becomes an
 * unreadable trace). Stateless.
 */
public final class TraceFinder {
    private static final List<String> ENDINGS = List.of(".json", ".ndjson", ".jsonl", ".json.gz", ".ndjson.gz",
            ".jsonl.gz");

    private TraceFinder() {
    }

    public static List<Path> expand(List<Path> operands) throws IOException {
        List<Path> traces = new ArrayList<>();
        for (Path p : operands) {
            if (!Files.isDirectory(p)) {
                traces.add(p);
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile).filter(TraceFinder::looksLikeTrace)
                        .map(Path::toString).sorted().forEach(s -> traces.add(Path.of(s)));
            }
        }
        return traces;
    }

    static boolean looksLikeTrace(Path p) {
        String name = p.getFileName().toString();
        return ENDINGS.stream().anyMatch(name::endsWith);
    }
}
