package labyrinth.gen;

import java.util.function.Consumer;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/**
 * A synthetic trace workload for {@code labyrinth gen}: a header sized for the requested number
 * of events and a generator that streams the events.
 *
 * <p>Generation is deterministic: the same seed and size give the same header and the same events,
 * field for field, on every JVM (randomness comes only from {@link java.util.SplittableRandom#nextLong()},
 * whose algorithm is fixed). Every generated {@code alloc} records its result as decided by an
 * {@link labyrinth.core.Allocator} model running inside the generator, on the machine of
 * {@link #header}, so a simulate-mode replay of any output never diverges.
 *
 * <p>Events are streamed to the consumer as they are made; nothing is collected, so memory use does
 * not grow with the number of events. Null policy: no argument may be null, nothing returns null.
 * Implementations are immutable and thread-safe; each {@link #generate} call has its own state.
 */
public interface Scenario {
    /** The name {@code labyrinth gen} knows it by, e.g. {@code rx-storm}. */
    String name();

    /** One line saying what the trace shows. */
    String description();

    /** The smallest {@code --events} this scenario supports. */
    long minEvents();

    /**
     * The trace header: scope, a machine sized for {@code events}, and {@code meta} naming the
     * generator, scenario, seed and size.
     *
     * @throws IllegalArgumentException when {@code events < minEvents()}
     */
    Header header(long seed, long events);

    /**
     * Writes the events to {@code out}, numbered by {@code seq} from 0 with increasing {@code t}.
     * {@code events} is the target count: exact for most scenarios; a scenario that ends in a
     * panic says how close it lands in its {@link #description()}.
     *
     * @throws IllegalArgumentException when {@code events < minEvents()}
     */
    void generate(long seed, long events, Consumer<? super Event> out);
}
