package labyrinth.cli.triage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import labyrinth.cli.ExitCode;
import labyrinth.core.MachineTooLargeException;
import labyrinth.format.TraceFiles;
import labyrinth.replay.Mode;
import labyrinth.replay.PrimaryFailure;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.replay.Signatures;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * Replays many traces on a pool of threads; each trace is replayed alone (one reader, one
 * replayer), and the results come back in input order, so the outcome does not depend on the
 * number of threads. A trace that cannot be read becomes an {@code unreadable} run; it never
 * stops the others. Thread-safe: holds only its settings.
 *
 * @param mode null for each trace's default mode
 * @param failOn null for never
 */
public record Triage(Mode mode, Severity failOn, long maxPages, int maxFindings) {
    public List<TraceRun> run(List<Path> traces, int jobs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, traces.size())));
        try {
            List<Future<TraceRun>> futures = new ArrayList<>();
            for (Path p : traces) {
                futures.add(pool.submit(() -> one(p)));
            }
            List<TraceRun> runs = new ArrayList<>();
            for (Future<TraceRun> f : futures) {
                try {
                    runs.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("replay failed: " + e.getCause(), e.getCause());
                }
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Replays one trace; reading errors become an unreadable run. */
    public TraceRun one(Path path) {
        String name = path.toString();
        try (TraceSource source = TraceFiles.open(path, name)) {
            ReplayResult r = Replays.run(source, mode, failOn, maxPages, maxFindings);
            int exit = ExitCode.of(r.outcome(), failOn == null);
            return new TraceRun(name, r, null, Signatures.primary(r, failOn), exit);
        } catch (TraceException e) {
            return unreadable(name, e.getMessage());
        } catch (MachineTooLargeException e) {
            return unreadable(name, name + ": " + e.getMessage());
        } catch (IOException e) {
            return unreadable(name, name + ": cannot read: " + e.getMessage());
        }
    }

    private static TraceRun unreadable(String name, String message) {
        return new TraceRun(name, null, message, new PrimaryFailure(Signatures.UNREADABLE, Severity.ERROR, null),
                ExitCode.UNREADABLE);
    }
}
