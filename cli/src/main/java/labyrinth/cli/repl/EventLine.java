package labyrinth.cli.repl;

import labyrinth.core.GfpNames;
import labyrinth.replay.FindingKind;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;

/**
 * An event in the REPL's short human form, at most a given width (100 columns with its indent):
 * {@code #599 alloc eth0-rx order-0 GFP_ATOMIC|__GFP_EXCLUSIVE hardirq -> failed (watermark)}. What
 * decides a question comes first (number, op, owner, what, result); the site follows only where it
 * fits, and the kinds of findings last. {@code print json} and {@code --json} show the raw object
 * instead ({@link EventText#json}). Stateless.
 */
final class EventLine {
    private EventLine() {
    }

    /**
     * @param extHead the block the event acted on (an alloc's result: -1 when it failed)
     * @param kinds bits of the finding kinds to append in brackets, 0 for none
     * @param reason why an alloc failed, or null
     */
    static String of(Event e, long extHead, int extOrder, int kinds, String reason, int width, GfpNames names) {
        CommonFields c = e.common();
        StringBuilder sb = new StringBuilder(120).append('#').append(e.number()).append(' ');
        String owner = c.owner() == null ? "" : c.owner() + " ";
        String ctx = c.ctx() == Context.TASK ? "" : " " + c.ctx().label();
        String tail = "";
        if (e instanceof Event.Alloc a) {
            sb.append("alloc ").append(owner).append("order-").append(a.order()).append(' ')
                    .append(names.names(a.gfp())).append(ctx);
            tail = extHead >= 0 ? " -> pfn " + extHead : " -> failed" + (reason == null ? "" : " (" + reason + ")");
        } else if (e instanceof Event.Free f) {
            sb.append("free ").append(owner).append("pfn ")
                    .append(f.pfn() == Event.NULL_PFN ? "NULL" : Long.toString(f.pfn()));
            if (extOrder > 0 && extHead == f.pfn()) {
                sb.append(" order-").append(extOrder);
            }
            sb.append(ctx);
        } else if (e instanceof Event.Access a) {
            sb.append(a.write() ? "write " : "read ").append(owner).append("pfn ").append(a.pfn()).append(ctx);
        } else if (e instanceof Event.Transfer t) {
            sb.append("transfer pfn ").append(t.pfn());
            if (extOrder > 0) {
                sb.append(" (order-").append(extOrder).append(" block at ").append(extHead).append(')');
            }
            // the context is the giver's, before the arrow as an alloc's is before its result
            sb.append(' ').append(owner.isEmpty() ? "" : owner.strip()).append(ctx).append(owner.isEmpty() && ctx.isEmpty()
                    ? "" : " ").append("-> ").append(t.to());
        } else if (e instanceof Event.Panic p) {
            EventText.str(sb.append("panic "), p.message());
        } else if (e instanceof Event.Mark m) {
            sb.append("mark");
            if (m.label() != null) {
                EventText.str(sb.append(' '), m.label());
            }
        }
        sb.append(tail);
        String site = c.site() == null ? "" : " at " + c.site();
        if (sb.length() + site.length() <= width) {
            sb.append(site);
        }
        // what the line already says needs no bracket: a failed alloc's alloc-failure, a panic's panic
        if (e instanceof Event.Alloc && extHead < 0) {
            kinds &= ~(1 << FindingKind.ALLOC_FAILURE.ordinal());
        } else if (e instanceof Event.Panic) {
            kinds &= ~(1 << FindingKind.PANIC.ordinal());
        }
        EventText.kinds(sb, kinds);
        return sb.length() <= width ? sb.toString() : sb.substring(0, width - 3) + "...";
    }
}
