package labyrinth.gen;

/**
 * Random picks a workload makes over the live blocks of its {@link Pool} and its cast: a live
 * head, another actor. Draws from the emitter's {@link Rng}, so a seed gives the same trace. Not
 * thread-safe.
 */
final class Picks {
    private final Pool pool;
    private final Rng rng;
    private final Actor[] actors;

    Picks(Emitter e) {
        this.pool = e.pool;
        this.rng = e.rng;
        this.actors = e.cast.all();
    }

    /** A live head; with {@code freeable}, one not meant to leak (the caller knows one exists). */
    long live(boolean freeable) {
        for (int tries = 0; tries < 32; tries++) {
            long h = pool.head(rng.below(pool.count()));
            if (!freeable || !pool.leaky(h)) {
                return h;
            }
        }
        for (int i = 0; i < pool.count(); i++) {
            if (!pool.leaky(pool.head(i))) {
                return pool.head(i);
            }
        }
        throw new IllegalStateException("no freeable live block");
    }

    /** An actor of the cast other than {@code not}. */
    Actor other(Actor not) {
        Actor a;
        do {
            a = rng.pick(actors);
        } while (a == not);
        return a;
    }
}
