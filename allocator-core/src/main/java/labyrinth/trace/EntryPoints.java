package labyrinth.trace;

import labyrinth.core.Gfp;
import labyrinth.core.GfpNames;

/**
 * The Labyrinth entry points of TRACE-FORMAT.md: a known {@code fn} implies order 0 and a gfp
 * mask. The one table of them; the codecs check an event against it through {@link TraceRules},
 * writers leave out what it implies, and generators name their allocations with it. Stateless.
 */
public final class EntryPoints {
    public static final String ATOMIC_EXCLUSIVE = "labyrinth_void_alloc_page_gfp_atomic_exclusive";
    public static final String ATOMIC = "labyrinth_void_alloc_page_gfp_atomic";
    public static final String KERNEL_EXCLUSIVE = "labyrinth_void_alloc_page_gfp_kernel_exclusive";
    public static final String KERNEL = "labyrinth_void_alloc_page_gfp_kernel";
    /** Takes order and gfp from the event's keys. */
    public static final String ALLOC_PAGES = "labyrinth_void_alloc_pages";

    private EntryPoints() {
    }

    /**
     * @return the gfp mask {@code fn} implies (order 0) in the names of {@code names}' kernel
     *     ({@code GFP_ATOMIC} is 0xa20 before 6.3), or -1 when it implies none
     */
    public static long impliedGfp(String fn, GfpNames names) {
        if (fn == null) {
            return -1;
        }
        return switch (fn) {
            case ATOMIC_EXCLUSIVE -> names.gfpAtomic() | Gfp.EXCLUSIVE;
            case ATOMIC -> names.gfpAtomic();
            case KERNEL_EXCLUSIVE -> Gfp.GFP_KERNEL | Gfp.EXCLUSIVE;
            case KERNEL -> Gfp.GFP_KERNEL;
            default -> -1;
        };
    }
}
