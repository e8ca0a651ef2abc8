package labyrinth.replay;

/** The finding kinds of CLI.md, with the words reports use for them. */
public enum FindingKind {
    ALLOC_FAILURE("alloc-failure", "allocation failed",
            "An allocation failed: the model's watermark, reserve, zone or contiguity rules refused it, or the"
                    + " recording says it failed."),
    WATERMARK_LOW("watermark-low", "zone fell to its low watermark",
            "A zone's free pages dropped to its low watermark: kswapd would wake to reclaim."),
    WATERMARK_MIN("watermark-min", "zone fell to its min watermark",
            "A zone's free pages dropped to its min watermark: allocations now live on the reserves."),
    SLEEP_IN_ATOMIC("sleep-in-atomic", "sleeping allocation in atomic context",
            "An allocation that may sleep (__GFP_DIRECT_RECLAIM) was made from atomic, softirq, hardirq or nmi"
                    + " context, where sleeping is a bug."),
    DOUBLE_FREE("double-free", "block freed twice",
            "A block was freed again after it had already been freed."),
    INVALID_FREE("invalid-free", "free of a page that is not an allocated block",
            "A free of a page that was never allocated, or of a page inside a block rather than its first page."),
    UNKNOWN_FREE("unknown-free", "free of a page allocated before the trace began",
            "In a window trace, a free of a page the trace has not seen allocated (allocated before it began)."),
    ORDER_MISMATCH("order-mismatch", "free with the wrong order",
            "A block was freed with an order other than the one it was allocated with; the allocated order is"
                    + " freed."),
    FOREIGN_FREE("foreign-free", "block freed by someone other than its owner",
            "A block was freed by an owner other than the one holding it (an error for an exclusive block)."),
    EXCLUSIVE_VIOLATION("exclusive-violation", "exclusive page touched by another owner",
            "A page of a block allocated with __GFP_EXCLUSIVE was touched by someone other than its owner."),
    USE_AFTER_FREE("use-after-free", "free page accessed or transferred",
            "A page that is not in any live block was accessed or handed on."),
    FOREIGN_TRANSFER("foreign-transfer", "block handed on by someone other than its owner",
            "A block was transferred by an owner other than the one holding it."),
    LEAK("leak", "pages still held at the end of the trace",
            "Blocks still allocated at the end of a trace that did not panic, grouped by owner and site."),
    TRACE_GAP("trace-gap", "events were lost",
            "The seq numbers jumped, a kernel capture says events were lost, or a recorded block overlaps a live one:"
                    + " the recorder lost events."),
    DIVERGENCE("divergence", "replay differs from the recording",
            "In simulate mode, the model's result for an allocation differs from the recorded result."),
    PANIC("panic", "the recorded system panicked",
            "The recorded run panicked; reproduced when the replay shows the failure that triggered it.");

    private final String label;
    private final String shortDescription;
    private final String fullDescription;

    FindingKind(String label, String shortDescription, String fullDescription) {
        this.label = label;
        this.shortDescription = shortDescription;
        this.fullDescription = fullDescription;
    }

    /** The kind as reports spell it: {@code alloc-failure}. */
    public String label() {
        return label;
    }

    public String shortDescription() {
        return shortDescription;
    }

    public String fullDescription() {
        return fullDescription;
    }

    /** @return the kind spelled {@code label}, or null */
    public static FindingKind byLabel(String label) {
        for (FindingKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        return null;
    }
}
