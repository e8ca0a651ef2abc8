package labyrinth.trace;

import java.util.Objects;

/**
 * One trace event, one record type per {@code op}. Immutable; pfns are already resolved from
 * {@code addr}. Pfn fields use sentinels instead of null so the replay loop never unboxes:
 * {@link #UNRECORDED} (key absent) and {@link #NULL_PFN} (JSON {@code null} or address 0).
 */
public sealed interface Event {
    /** The alloc's result was not recorded (no {@code pfn}/{@code addr} key). */
    long UNRECORDED = -2;
    /** A NULL page: a failed alloc's recorded result, or a free of NULL. */
    long NULL_PFN = -1;
    /** An optional integer key that was absent (free's order, panic's cause). */
    int ABSENT = -1;

    CommonFields common();

    Op op();

    default long number() {
        return common().number();
    }

    default Event located(long line, int column) {
        CommonFields c = common().located(line, column);
        if (this instanceof Alloc a) {
            return new Alloc(c, a.order(), a.gfp(), a.fn(), a.pfn(), a.gfpUnparsed());
        } else if (this instanceof Free f) {
            return new Free(c, f.pfn(), f.order());
        } else if (this instanceof Access a) {
            return new Access(c, a.pfn(), a.write());
        } else if (this instanceof Transfer t) {
            return new Transfer(c, t.pfn(), t.to());
        } else if (this instanceof Panic p) {
            return new Panic(c, p.message(), p.cause());
        } else {
            Mark m = (Mark) this;
            return new Mark(c, m.label(), m.lost());
        }
    }

    /**
     * An allocation request and, when recorded, its result.
     *
     * @param gfp the mask after the {@code fn} table was applied
     * @param fn the entry point named, or null
     * @param pfn the recorded block's first pfn, {@link #NULL_PFN} for a recorded failure, or
     *     {@link #UNRECORDED}
     * @param gfpUnparsed flag names an importer kept as text because it did not know them, or null
     */
    record Alloc(CommonFields common, int order, long gfp, String fn, long pfn, String gfpUnparsed) implements Event {
        public Alloc {
            Objects.requireNonNull(common, "common");
        }

        public Op op() {
            return Op.ALLOC;
        }

        public boolean recorded() {
            return pfn != UNRECORDED;
        }
    }

    /** @param pfn first page of the block, or {@link #NULL_PFN}; @param order the caller's order or {@link #ABSENT} */
    record Free(CommonFields common, long pfn, int order) implements Event {
        public Free {
            Objects.requireNonNull(common, "common");
        }

        public Op op() {
            return Op.FREE;
        }
    }

    /** A page touched by the owner; any page of a block may be named. */
    record Access(CommonFields common, long pfn, boolean write) implements Event {
        public Access {
            Objects.requireNonNull(common, "common");
        }

        public Op op() {
            return Op.ACCESS;
        }
    }

    /** The block containing {@code pfn} handed from the owner to {@code to}. */
    record Transfer(CommonFields common, long pfn, String to) implements Event {
        public Transfer {
            Objects.requireNonNull(common, "common");
            Objects.requireNonNull(to, "to");
        }

        public Op op() {
            return Op.TRANSFER;
        }
    }

    /** The recorded run panicked; {@code cause} is the blamed event's number or {@link #ABSENT}. */
    record Panic(CommonFields common, String message, long cause) implements Event {
        public Panic {
            Objects.requireNonNull(common, "common");
            Objects.requireNonNull(message, "message");
        }

        public Op op() {
            return Op.PANIC;
        }
    }

    /**
     * An annotation; {@code label} may be null. A mark can also say that the recorder lost events
     * just before it: a kernel capture's {@code CPU:0 [LOST 37 EVENTS]} or {@code CPU 3 buffer
     * overrun} line is such a mark, labelled with the line, and the replay reports it as a
     * {@code trace-gap}. The trace format has no key for it: written out, it is a plain mark.
     *
     * @param lost {@link #NO_GAP} for a plain mark; else how many events were lost, or
     *     {@link #LOST_UNCOUNTED} when the recorder did not say
     */
    record Mark(CommonFields common, String label, long lost) implements Event {
        /** {@code lost} of a plain mark. */
        public static final long NO_GAP = -1;
        /** {@code lost} of a gap whose size the recorder did not give. */
        public static final long LOST_UNCOUNTED = 0;

        public Mark {
            Objects.requireNonNull(common, "common");
            if (lost < NO_GAP) {
                throw new IllegalArgumentException("lost must be " + NO_GAP + " or more, found " + lost);
            }
        }

        /** A plain mark. */
        public Mark(CommonFields common, String label) {
            this(common, label, NO_GAP);
        }

        public Op op() {
            return Op.MARK;
        }

        /** Whether the recorder lost events here. */
        public boolean gap() {
            return lost != NO_GAP;
        }
    }
}
