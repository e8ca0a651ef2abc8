package labyrinth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import labyrinth.cli.progress.Progress;
import labyrinth.cli.report.TraceRun;
import labyrinth.core.KernelVersion;
import labyrinth.core.MachineTooLargeException;
import labyrinth.format.ReaderLimits;
import labyrinth.replay.Mode;
import labyrinth.replay.PrimaryFailure;
import labyrinth.replay.ReplayObserver;
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
 * @param limits the reader limits for every trace
 * @param keepFindings whether each run keeps its findings (the SARIF and JUnit reports list them);
 *     without them a run keeps its primary failure, summary and panic verdict, so a triage of
 *     thousands of traces holds kilobytes per trace, not every finding of every trace
 * @param allowTruncated whether a trace cut short is judged by its findings, as if it were whole,
 *     rather than bucketed as {@code truncated} (exit 4)
 * @param kernelText the Linux version that printed kernel trace text among the traces, or null (6.12's names)
 * @param stdin what the trace {@code -} reads (at most one {@code -}: it is read once)
 */
record Triage(Mode mode, Severity failOn, long maxPages, int maxFindings, ReaderLimits limits,
                     boolean keepFindings, boolean allowTruncated, KernelVersion kernelText, InputStream stdin) {
    /** A triage of files only, kernel text read with the names of 6.12: {@code -} reads the process's standard input. */
    public Triage(Mode mode, Severity failOn, long maxPages, int maxFindings, ReaderLimits limits,
                  boolean keepFindings, boolean allowTruncated) {
        this(mode, failOn, maxPages, maxFindings, limits, keepFindings, allowTruncated, null, System.in);
    }

    public List<TraceRun> run(List<Path> traces, int jobs) throws InterruptedException {
        return run(traces, jobs, Progress.OFF);
    }

    /** The same, counting every trace into {@code progress} (which the workers draw; the caller closes it). */
    public List<TraceRun> run(List<Path> traces, int jobs, Progress progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, traces.size())));
        try {
            List<Future<TraceRun>> futures = new ArrayList<>();
            for (Path p : traces) {
                futures.add(pool.submit(() -> one(p, progress)));
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
        return one(path, Progress.OFF);
    }

    private TraceRun one(Path path, Progress progress) {
        String name = TraceInput.nameOf(path.toString());
        Progress.Trace counted = progress.trace(path);
        // closed after the source, whatever happened: the whole file then counts as done
        try (counted; TraceSource source = counted.count(
                TraceInput.open(path.toString(), limits, kernelText, stdin))) {
            ReplayResult r = Replays.run(source, mode, failOn, maxPages, maxFindings, allowTruncated,
                    ReplayObserver.NONE);
            int exit = ExitCode.of(r.outcome(), failOn == null);
            PrimaryFailure primary = Signatures.primary(r, failOn);
            return new TraceRun(name, keepFindings ? r : withoutFindings(r), null, primary, exit);
        } catch (TraceException e) {
            return unreadable(name, e.getMessage());
        } catch (MachineTooLargeException e) {
            return unreadable(name, name + ": " + e.getMessage());
        } catch (IOException e) {
            return unreadable(name, name + ": cannot read: " + e.getMessage());
        }
    }

    private static ReplayResult withoutFindings(ReplayResult r) {
        return new ReplayResult(r.name(), r.header(), r.mode(), r.truncation(), List.of(),
                r.droppedFindings() + r.findings().size(), r.panic(), r.summary(), r.outcome(), r.warnings(),
                r.findingsBySeverity());
    }

    private static TraceRun unreadable(String name, String message) {
        return new TraceRun(name, null, message, new PrimaryFailure(Signatures.UNREADABLE, Severity.ERROR, null),
                ExitCode.UNREADABLE);
    }
}
