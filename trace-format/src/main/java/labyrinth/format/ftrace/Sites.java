package labyrinth.format.ftrace;

import java.util.List;

/**
 * Picks an event's {@code site} from its stack: the first frame, innermost first, that is neither
 * tracing glue, nor a page-allocator function, nor unresolved ({@code [unknown]}). Stateless.
 *
 * <p>Tracing glue is the code that records the event, which stacks of 5.x and later kernels start
 * with: {@code trace_event_raw_event_mm_page_free}, {@code perf_trace_mm_page_alloc},
 * {@code __traceiter_*}, {@code trace_*}, {@code ftrace_*}, {@code tracing_*},
 * {@code event_trigger*}, {@code stack_trace_*}, {@code perf_tp_*}, {@code bpf_trace_run*},
 * {@code arch_stack_walk}.
 *
 * <p>A frame is a page-allocator function when its name, without leading underscores, compiler
 * suffixes ({@code .isra.N}, {@code .constprop.N}, {@code .part.N}, {@code .cold}) and the 6.10+
 * {@code _noprof} suffix, is one of: {@code alloc_page*} (alloc_pages, alloc_pages_current,
 * alloc_pages_vma, __alloc_pages_nodemask, __alloc_pages_slowpath, alloc_page_interleave, ...),
 * {@code alloc_frozen_page*}, {@code folio_alloc*}, {@code vma_alloc_folio*},
 * {@code alloc_kmem_pages*}, {@code get_page_from_freelist}, {@code __get_free_page(s)},
 * {@code get_zeroed_page}, {@code rmqueue*}, {@code prep_new_page}, {@code post_alloc_hook},
 * {@code prep_compound_page}, or {@code free_*page*}/{@code free_*folio*} (free_pages,
 * __free_pages_ok, free_unref_page, free_pcppages_bulk, free_hot_cold_page, ...).
 */
final class Sites {
    private Sites() {
    }

    /** @return the site of a stack (innermost first), or null when every frame is skipped */
    static String siteOf(List<String> stack) {
        for (String frame : stack) {
            if (!frame.startsWith("[unknown]") && !isTracingFrame(frame) && !isAllocatorFrame(frame)) {
                return frame;
            }
        }
        return null;
    }

    static boolean isTracingFrame(String frame) {
        String base = baseName(frame);
        return base.startsWith("trace_")
                || base.startsWith("traceiter_")
                || base.startsWith("perf_trace_")
                || base.startsWith("perf_tp_")
                || base.startsWith("ftrace_")
                || base.startsWith("tracing_")
                || base.startsWith("event_trigger")
                || base.startsWith("stack_trace_")
                || base.startsWith("bpf_trace_run")
                || base.equals("arch_stack_walk");
    }

    static boolean isAllocatorFrame(String frame) {
        String base = baseName(frame);
        return base.startsWith("alloc_page")
                || base.startsWith("alloc_frozen_page")
                || base.startsWith("folio_alloc")
                || base.startsWith("vma_alloc_folio")
                || base.startsWith("alloc_kmem_pages")
                || base.startsWith("rmqueue")
                || base.equals("get_page_from_freelist")
                || base.equals("get_free_pages")
                || base.equals("get_free_page")
                || base.equals("get_zeroed_page")
                || base.equals("prep_new_page")
                || base.equals("post_alloc_hook")
                || base.equals("prep_compound_page")
                || (base.startsWith("free_") && (base.contains("page") || base.contains("folio") || base.contains("pcp")))
                || base.equals("put_page")
                || base.equals("put_pages_list")
                || base.startsWith("folio_put")
                || base.startsWith("folios_put")
                || base.equals("release_pages")
                || base.equals("destroy_large_folio");
    }

    /** {@code __alloc_pages_nodemask.isra.3+0x22e/0x400} becomes {@code alloc_pages_nodemask}. */
    static String baseName(String frame) {
        int end = frame.length();
        for (int i = 0; i < end; i++) {
            char c = frame.charAt(i);
            if (c == '+' || c == '.' || c == ' ' || c == '/') {
                end = i;
                break;
            }
        }
        int start = 0;
        while (start < end && frame.charAt(start) == '_') {
            start++;
        }
        String base = frame.substring(start, end);
        return base.endsWith("_noprof") ? base.substring(0, base.length() - "_noprof".length()) : base;
    }
}
