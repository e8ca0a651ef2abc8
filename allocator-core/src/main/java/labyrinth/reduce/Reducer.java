package labyrinth.reduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import labyrinth.core.Machine;
import labyrinth.replay.Mode;
import labyrinth.replay.PrimaryFailure;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replayer;
import labyrinth.replay.Severity;
import labyrinth.replay.Signatures;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * Shrinks a trace while a predicate on its replay keeps holding (usually: the primary failure keeps
 * its signature, {@link #sameSignature}). Passes, repeated until a whole round changes nothing:
 *
 * <ol>
 *   <li>ddmin over owners, then over sites: drop every event of an owner (a site) at once;
 *   <li>the machine: the fewest pages that still fail the same way (halving, then bisection);
 *   <li>ddmin over single events.
 * </ol>
 *
 * The cheap coarse passes run first because each one makes the next replay shorter; since the
 * rounds repeat to a fixed point, the result is 1-minimal in events whatever the order. Every
 * candidate is rebuilt by {@link Rebuild} (renumbered, pages re-targeted, recorded results dropped
 * unless kept), so each one is a valid trace. Not thread-safe: one per reduction.
 */
public final class Reducer {
    /** Told about progress: the pass, the events left, the candidates replayed so far. */
    @FunctionalInterface
    public interface Progress {
        void update(String pass, int events, long tries);

        /**
         * After every candidate: the candidates replayed so far and the events of the smallest that
         * kept the failure (of the one tried, before any did). For a live progress bar; cheap.
         */
        default void tried(long tries, int events) {
        }
    }

    /**
     * @param mode null for the trace's default mode
     * @param failOn passed to the replay's outcome; null for never
     * @param keepRecorded keep the allocations' recorded results instead of letting the model decide
     */
    public record Options(Mode mode, Severity failOn, boolean keepRecorded, long maxPages) {
    }

    /**
     * @param keptRecorded whether the recorded results stayed (asked for, or needed to keep the failure)
     * @param tries candidates replayed
     */
    public record Result(Candidate reduced, int originalEvents, long tries, boolean keptRecorded) {
    }

    private final List<Event> original;
    private final Rebuild rebuild;
    private final Predicate<ReplayResult> keeps;
    private final Progress progress;
    private final Header header;
    private long tries;
    private boolean keepRecorded;
    private Candidate best;
    /** The original indices {@link #best} was built from. */
    private int[] kept;

    private Reducer(String name, Header header, List<Event> events, Options options,
                    Predicate<ReplayResult> keeps, Progress progress) {
        this.original = List.copyOf(events);
        this.header = header;
        Mode mode = options.mode() != null ? options.mode() : Replayer.defaultMode(header.scope());
        this.rebuild = new Rebuild(name, original, Anchors.of(header, original, mode, options.maxPages()), mode,
                options.failOn(), options.maxPages());
        this.keeps = keeps;
        this.progress = progress;
        this.keepRecorded = options.keepRecorded();
    }

    /** The predicate {@code reduce} uses: the primary failure (at or above {@code threshold}) is {@code signature}. */
    public static Predicate<ReplayResult> sameSignature(String signature, Severity threshold) {
        Objects.requireNonNull(signature, "signature");
        return r -> {
            PrimaryFailure p = Signatures.primary(r, threshold);
            return p != null && p.signature().equals(signature);
        };
    }

    /**
     * The predicate for a failure that is not the primary one ({@code reduce --signature}): some
     * finding at or above {@code threshold}, or the primary failure, has {@code signature}.
     */
    public static Predicate<ReplayResult> showsSignature(String signature, Severity threshold) {
        Objects.requireNonNull(signature, "signature");
        return r -> failureSignatures(r, threshold).contains(signature);
    }

    /** The signatures of the primary failure and of every finding at or above {@code threshold} (null: error). */
    public static Set<String> failureSignatures(ReplayResult r, Severity threshold) {
        Set<String> out = new LinkedHashSet<>();
        PrimaryFailure p = Signatures.primary(r, threshold);
        if (p != null) {
            out.add(p.signature());
        }
        Severity min = threshold == null ? Severity.ERROR : threshold;
        for (var f : r.findings()) {
            if (f.severity().atLeast(min)) {
                out.add(Signatures.of(f));
            }
        }
        return out;
    }

    /**
     * Reduces {@code events}.
     *
     * @throws IllegalArgumentException when the predicate does not hold for the trace itself
     */
    public static Result reduce(String name, Header header, List<Event> events, Options options,
                                Predicate<ReplayResult> keeps, Progress progress) {
        return new Reducer(name, header, events, options, keeps, progress).run();
    }

    private Result run() {
        int[] all = new int[original.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        if (!tryCandidate(header, all) && !(!keepRecorded && keepRecordedAndTry(all))) {
            throw new IllegalArgumentException("the trace does not show the failure to keep");
        }
        boolean changed = true;
        while (changed) {
            int events = best.events().size();
            long pages = best.header().machine().totalPages();
            groups("owners", e -> e.common().owner());
            groups("sites", e -> e.common().site());
            machine();
            events();
            changed = best.events().size() < events || best.header().machine().totalPages() < pages;
        }
        progress.update("done", best.events().size(), tries);
        return new Result(best, original.size(), tries, keepRecorded);
    }

    private boolean keepRecordedAndTry(int[] all) {
        keepRecorded = true;
        return tryCandidate(header, all);
    }

    private boolean tryCandidate(Header h, int[] indices) {
        tries++;
        Candidate c = rebuild.run(h, indices, keepRecorded);
        if (tries % 500 == 0) {
            progress.update("trying", best == null ? indices.length : best.events().size(), tries);
        }
        boolean holds = keeps.test(c.result());
        if (holds) {
            best = c;
            kept = indices;
        }
        progress.tried(tries, best == null ? indices.length : best.events().size());
        return holds;
    }

    /** ddmin over the values {@code key} gives the kept events (null is a value too). */
    private void groups(String pass, Function<Event, String> key) {
        Map<Integer, String> keyOf = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i : kept) {
            String k = String.valueOf(key.apply(original.get(i)));
            keyOf.put(i, k);
            seen.add(k);
        }
        List<String> keys = new ArrayList<>(seen);
        if (keys.size() > 1) {
            int[] from = kept;
            Ddmin.minimize(keys, subset -> {
                Set<String> wanted = new HashSet<>(subset);
                return tryCandidate(best.header(), Arrays.stream(from).filter(i -> wanted.contains(keyOf.get(i)))
                        .toArray());
            });
        }
        progress.update(pass, best.events().size(), tries);
    }

    private void events() {
        List<Integer> list = new ArrayList<>();
        for (int i : kept) {
            list.add(i);
        }
        Ddmin.minimize(list, subset -> tryCandidate(best.header(), subset.stream().mapToInt(Integer::intValue)
                .toArray()));
        progress.update("events", best.events().size(), tries);
    }

    /** The fewest pages that keep the failure: halve while it holds, then bisect the last step. */
    private void machine() {
        Machine m = best.header().machine();
        long good = m.totalPages();
        long bad = 0;
        while (good > 1 && bad == 0) {
            if (tryPages(m, good / 2)) {
                good = good / 2;
            } else {
                bad = good / 2;
            }
        }
        while (bad + 1 < good) {
            long mid = bad + (good - bad) / 2;
            if (tryPages(m, mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        progress.update("machine", best.events().size(), tries);
    }

    private boolean tryPages(Machine m, long pages) {
        Machine smaller;
        try {
            smaller = SmallerMachine.scaled(m, pages);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Header h = new Header(header.version(), header.scope(), smaller, header.meta());
        return tryCandidate(h, kept);
    }
}
