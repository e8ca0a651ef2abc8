package labyrinth.core;

/**
 * How zones follow each other (TRACE-FORMAT.md, {@code machine.zones}): each kind at most once,
 * kinds ascending DMA, DMA32, Normal, and a zone starting at or after the end of the one before.
 * {@link Machine} enforces these; {@code labyrinth.trace.TraceRules} words them, with a location,
 * for the codecs. They live here rather than beside TraceRules because the domain must not depend
 * on the event model (which depends on it). Stateless.
 */
public final class ZoneOrder {
    private ZoneOrder() {
    }

    /** Whether a zone of kind {@code next} may follow one of kind {@code prev}. */
    public static boolean kindFollows(ZoneKind prev, ZoneKind next) {
        return next.ordinal() > prev.ordinal();
    }

    /** Whether a zone starting at {@code start} leaves {@code prev} whole. */
    public static boolean clearOf(ZoneSpec prev, long start) {
        return start >= prev.endPfn();
    }

    /** Whether {@code next} may follow {@code prev} in a machine. */
    public static boolean follows(ZoneSpec prev, ZoneSpec next) {
        return kindFollows(prev.kind(), next.kind()) && clearOf(prev, next.startPfn());
    }
}
