package labyrinth.core;

/**
 * Why the model refused an allocation. {@link Allocator#allocate} returns {@link #code()} (a
 * negative number) instead of a pfn, so the hot path needs no object. The codes start at -2: -1
 * means "no pfn" everywhere else (a failed allocation's recorded pfn, a finding about no page), and
 * a code must never read as that.
 */
public enum FailureReason {
    /** None of the request's zones exists on this machine. */
    NO_ZONE("no-zone", -4),
    /** Some allowed zone passed the watermark with enough free pages, but no block was big enough. */
    FRAGMENTATION("fragmentation", -2),
    /** Every allowed zone was at or below the request's floor. */
    WATERMARK("watermark", -3);

    private final String label;
    private final int code;

    FailureReason(String label, int code) {
        this.label = label;
        this.code = code;
    }

    /** The spelling in reports: {@code no-zone}, {@code fragmentation}, {@code watermark}. */
    public String label() {
        return label;
    }

    /** The negative value {@link Allocator#allocate} returns for this reason. */
    public int code() {
        return code;
    }

    /** @return the reason for a negative result of {@link Allocator#allocate} */
    public static FailureReason ofCode(long code) {
        for (FailureReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("not a failure code: " + code);
    }
}
