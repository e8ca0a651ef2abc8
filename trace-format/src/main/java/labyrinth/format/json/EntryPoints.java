package labyrinth.format.json;

import labyrinth.core.Gfp;
import labyrinth.core.GfpNames;

/** The Labyrinth entry points of TRACE-FORMAT.md whose {@code fn} implies order and gfp. */
final class EntryPoints {
    /** Takes order and gfp from the event's keys. */
    static final String ALLOC_PAGES = "labyrinth_void_alloc_pages";

    private EntryPoints() {
    }

    /**
     * @return the gfp mask {@code fn} implies (order 0) in the names of {@code names}' kernel
     *     ({@code GFP_ATOMIC} is 0xa20 before 6.3), or -1 when it implies none
     */
    static long impliedGfp(String fn, GfpNames names) {
        if (fn == null) {
            return -1;
        }
        return switch (fn) {
            case "labyrinth_void_alloc_page_gfp_atomic_exclusive" -> names.gfpAtomic() | Gfp.EXCLUSIVE;
            case "labyrinth_void_alloc_page_gfp_atomic" -> names.gfpAtomic();
            case "labyrinth_void_alloc_page_gfp_kernel_exclusive" -> Gfp.GFP_KERNEL | Gfp.EXCLUSIVE;
            case "labyrinth_void_alloc_page_gfp_kernel" -> Gfp.GFP_KERNEL;
            default -> -1;
        };
    }
}
