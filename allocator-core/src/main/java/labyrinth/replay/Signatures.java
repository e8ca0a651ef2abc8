package labyrinth.replay;

import java.util.List;
import labyrinth.core.Gfp;

/**
 * Short stable strings that name a bug, not a run, so that the same bug in two runs lands in one
 * {@code triage} bucket. A signature is the finding's kind followed by what identifies the bug:
 *
 * <pre>
 * alloc-failure OWNER@SITE order-N GFP_NAMES REASON    e.g. alloc-failure eth0-rx@rx_refill+0x4c/0x120 order-0 GFP_ATOMIC|__GFP_EXCLUSIVE watermark
 * sleep-in-atomic OWNER@SITE order-N GFP_NAMES CTX
 * divergence, watermark-low, watermark-min OWNER@SITE order-N GFP_NAMES
 * every ownership kind, leak: KIND OWNER@SITE          e.g. double-free nvme0q3@nvme_timeout+0x1c/0x90
 * trace-gap                                            (the recorder lost events: one bug whatever was lost)
 * panic "MESSAGE"                                      only for a panic without a trigger finding
 * truncated                                            a trace cut short, when that decides its verdict
 * </pre>
 *
 * A missing owner or site is written {@code -}. Signatures never contain event numbers, pfns or
 * timestamps. Stateless.
 */
public final class Signatures {
    /** The signature of a trace that could not be read. */
    public static final String UNREADABLE = "unreadable";
    /** The signature of a trace whose verdict is {@link Outcome#TRUNCATED}: it was cut short. */
    public static final String TRUNCATED = "truncated";

    private Signatures() {
    }

    public static String of(Finding f) {
        StringBuilder sb = new StringBuilder(96).append(f.kind().label());
        switch (f.kind()) {
            case TRACE_GAP -> {
                return sb.toString();
            }
            case PANIC -> {
                return sb.append(" \"").append(panicMessage(f)).append('"').toString();
            }
            default -> sb.append(' ').append(orDash(f.owner())).append('@').append(orDash(f.site()));
        }
        switch (f.kind()) {
            case ALLOC_FAILURE -> request(sb, f).append(' ').append(f.reason().label());
            case SLEEP_IN_ATOMIC -> request(sb, f).append(' ').append(f.ctx() == null ? "-" : f.ctx().label());
            case DIVERGENCE, WATERMARK_LOW, WATERMARK_MIN -> request(sb, f);
            default -> {
                // ownership kinds and leaks: owner and site say it all
            }
        }
        return sb.toString();
    }

    /**
     * The primary failure: {@link #TRUNCATED} (no finding) when the trace's verdict is that it was cut
     * short, else the panic's trigger when the trace panicked, else its first finding at or above
     * {@code threshold} in the order the replay found them (leaks, found at the end, last).
     *
     * @param threshold null means {@link Severity#ERROR}
     * @return null when the trace did not fail
     */
    public static PrimaryFailure primary(ReplayResult r, Severity threshold) {
        if (r.outcome() == Outcome.TRUNCATED) {
            // whatever was found before the cut, the verdict is about what is missing
            return new PrimaryFailure(TRUNCATED, Severity.ERROR, null);
        }
        return primary(r.findings(), r.panic(), threshold);
    }

    /** Like {@link #primary(ReplayResult, Severity)} for findings in event order and a panic verdict (or null). */
    public static PrimaryFailure primary(List<Finding> findings, PanicVerdict panic, Severity threshold) {
        Severity min = threshold == null ? Severity.ERROR : threshold;
        if (panic != null) {
            if (panic.triggerFinding() != null) {
                return new PrimaryFailure(of(panic.triggerFinding()), Severity.ERROR, panic.triggerFinding());
            }
            for (Finding f : findings) {
                if (f.kind() == FindingKind.PANIC) {
                    return new PrimaryFailure(of(f), Severity.ERROR, f);
                }
            }
        }
        Finding leak = null;
        for (Finding f : findings) {
            if (!f.severity().atLeast(min)) {
                continue;
            }
            if (f.kind() != FindingKind.LEAK) {
                return new PrimaryFailure(of(f), f.severity(), f);
            }
            if (leak == null) {
                leak = f;
            }
        }
        return leak == null ? null : new PrimaryFailure(of(leak), leak.severity(), leak);
    }

    private static StringBuilder request(StringBuilder sb, Finding f) {
        sb.append(" order-").append(f.order());
        return sb.append(' ').append(f.gfp() >= 0 ? Gfp.names(f.gfp()) : "-");
    }

    /** The panic finding's message is {@code panic reproduced: "MSG" (trigger ...)}; the quoted part is the bug. */
    private static String panicMessage(Finding f) {
        String m = f.message();
        int open = m.indexOf('"');
        int close = m.lastIndexOf('"');
        return open >= 0 && close > open ? m.substring(open + 1, close) : m;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
