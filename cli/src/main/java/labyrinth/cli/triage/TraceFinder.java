package labyrinth.cli.triage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import labyrinth.format.TraceFiles;

/**
 * Expands the operands of {@code triage}. A folder stands for the traces under it, in path order:
 * every file whose content a reader takes for a trace ({@link TraceFiles#looksLikeTrace}: a binary
 * trace, a JSON object or kernel trace text, plain or gzip), and every file named like a trace
 * ({@code .json}, {@code .ndjson}, {@code .jsonl}, {@code .lbt}, each also {@code .gz}) whatever
 * it holds, so that an empty or broken trace is reported rather than passed over. Hidden files
 * and folders are left out; so are the other files, which are counted. A file that cannot be read
 * is taken (its error is then reported). A file operand stands for itself whatever it holds, and
 * so does a path that does not exist (it becomes an unreadable trace). Stateless.
 */
public final class TraceFinder {
    private static final List<String> ENDINGS = List.of(".json", ".ndjson", ".jsonl", ".lbt", ".json.gz",
            ".ndjson.gz", ".jsonl.gz", ".lbt.gz");

    private TraceFinder() {
    }

    /**
     * What the operands gave.
     *
     * @param traces in operand order, each folder's in path order
     * @param skipped files under the folders that are not traces
     * @param empty the folders that held no trace, each with how many files it held
     */
    public record Found(List<Path> traces, int skipped, List<Empty> empty) {
        public Found {
            traces = List.copyOf(traces);
            empty = List.copyOf(empty);
        }
    }

    /** A folder operand with no trace under it, and how many (other) files it held. */
    public record Empty(Path folder, int files) {
        /** {@code no traces found in DIR}, and what was there instead. */
        public String message() {
            String instead = files == 0 ? "" : files == 1 ? " (1 file, not a trace)"
                    : " (" + files + " files, none a trace)";
            return "no traces found in " + folder + instead;
        }
    }

    /** The traces alone. */
    public static List<Path> expand(List<Path> operands) throws IOException {
        return find(operands).traces();
    }

    public static Found find(List<Path> operands) throws IOException {
        List<Path> traces = new ArrayList<>();
        List<Empty> empty = new ArrayList<>();
        int skipped = 0;
        for (Path p : operands) {
            if (!Files.isDirectory(p)) {
                traces.add(p);
                continue;
            }
            List<Path> files = filesUnder(p);
            int before = traces.size();
            for (Path f : files) {
                if (isTrace(f)) {
                    traces.add(f);
                }
            }
            int found = traces.size() - before;
            skipped += files.size() - found;
            if (found == 0) {
                empty.add(new Empty(p, files.size()));
            }
        }
        return new Found(traces, skipped, empty);
    }

    /** The regular files under {@code dir}, hidden ones and those in hidden folders left out, in path order. */
    private static List<Path> filesUnder(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                files.add(f); // let the replay report why it cannot be read
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                // attributes of the link's target: a link to a trace counts, like the old walk
                if (!hidden(f) && Files.isRegularFile(f)) {
                    files.add(f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files.stream().map(Path::toString).sorted().map(Path::of).toList();
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean isTrace(Path f) {
        String name = f.getFileName().toString();
        if (ENDINGS.stream().anyMatch(name::endsWith)) {
            return true;
        }
        try {
            return TraceFiles.looksLikeTrace(f);
        } catch (IOException e) {
            return true; // let the replay report why it cannot be read
        }
    }
}
