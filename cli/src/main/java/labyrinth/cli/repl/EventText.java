package labyrinth.cli.repl;

import labyrinth.core.GfpNames;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;

/** How the REPL prints events and findings. Stateless. */
final class EventText {
    private EventText() {
    }

    /**
     * The event as a trace object on one line, keys in the format document's order; pfns are shown
     * resolved, alloc's {@code order} and {@code gfp} as the {@code fn} table made them, masks in
     * the names of the trace's kernel.
     */
    static String json(Event e, GfpNames names) {
        CommonFields c = e.common();
        StringBuilder sb = new StringBuilder(128).append('{');
        if (c.seqGiven()) {
            key(sb, "seq").append(c.number());
        }
        if (c.time() != CommonFields.NO_TIME) {
            key(sb, "t").append(c.time());
        }
        if (c.cpu() >= 0) {
            key(sb, "cpu").append(c.cpu());
        }
        if (c.ctx() != Context.TASK) {
            str(key(sb, "ctx"), c.ctx().label());
        }
        if (c.owner() != null) {
            str(key(sb, "owner"), c.owner());
        }
        str(key(sb, "op"), e.op().label());
        if (e instanceof Event.Alloc a && a.fn() != null) {
            str(key(sb, "fn"), a.fn());
        }
        if (c.site() != null) {
            str(key(sb, "site"), c.site());
        }
        if (e instanceof Event.Alloc a) {
            key(sb, "order").append(a.order());
            str(key(sb, "gfp"), names.names(a.gfp()) + (a.gfpUnparsed() != null ? "|" + a.gfpUnparsed() : ""));
            if (a.recorded()) {
                pfn(key(sb, "pfn"), a.pfn());
            }
        } else if (e instanceof Event.Free f) {
            pfn(key(sb, "pfn"), f.pfn());
            if (f.order() != Event.ABSENT) {
                key(sb, "order").append(f.order());
            }
        } else if (e instanceof Event.Access a) {
            key(sb, "pfn").append(a.pfn());
            str(key(sb, "mode"), a.write() ? "write" : "read");
        } else if (e instanceof Event.Transfer t) {
            key(sb, "pfn").append(t.pfn());
            str(key(sb, "to"), t.to());
        } else if (e instanceof Event.Panic p) {
            str(key(sb, "message"), p.message());
            if (p.cause() != Event.ABSENT) {
                key(sb, "cause").append(p.cause());
            }
        } else if (e instanceof Event.Mark m && m.label() != null) {
            str(key(sb, "label"), m.label());
        }
        if (!c.stack().isEmpty()) {
            key(sb, "stack").append('[');
            for (int i = 0; i < c.stack().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                str(sb, c.stack().get(i));
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static StringBuilder key(StringBuilder sb, String k) {
        if (sb.length() > 1) {
            sb.append(", ");
        }
        return sb.append('"').append(k).append("\": ");
    }

    private static void pfn(StringBuilder sb, long pfn) {
        sb.append(pfn == Event.NULL_PFN ? "null" : Long.toString(pfn));
    }

    static StringBuilder str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** One line about what the event did, for page histories: {@code alloc order-2 GFP_KERNEL by x -> pfn 4}. */
    static String brief(Event e, long extHead, int extOrder, int kinds, GfpNames names) {
        CommonFields c = e.common();
        StringBuilder sb = new StringBuilder(96);
        String by = c.owner() == null ? "" : " by " + c.owner();
        if (e instanceof Event.Alloc a) {
            sb.append("alloc order-").append(a.order()).append(' ').append(names.names(a.gfp())).append(by);
            if (c.site() != null) {
                sb.append(" at ").append(c.site());
            }
            sb.append(extHead >= 0 ? " -> pfn " + extHead : " -> failed");
        } else if (e instanceof Event.Free f) {
            sb.append("free pfn ").append(f.pfn() == Event.NULL_PFN ? "NULL" : Long.toString(f.pfn()));
            if (extHead == f.pfn() && f.pfn() >= 0 && (extOrder > 0 || f.order() > 0)) {
                sb.append(" (order ").append(extOrder).append(')');
            }
            sb.append(by);
        } else if (e instanceof Event.Access a) {
            sb.append(a.write() ? "write" : "read").append(" pfn ").append(a.pfn()).append(by);
        } else if (e instanceof Event.Transfer t) {
            sb.append("transfer pfn ").append(t.pfn());
            if (extHead >= 0 && extHead != t.pfn() || extOrder > 0) {
                sb.append(" (order-").append(extOrder).append(" block at pfn ").append(extHead).append(')');
            }
            sb.append(c.owner() == null ? "" : " from " + c.owner()).append(" to ").append(t.to());
        } else if (e instanceof Event.Panic p) {
            str(sb.append("panic "), p.message());
        } else if (e instanceof Event.Mark m) {
            sb.append("mark");
            if (m.label() != null) {
                str(sb.append(' '), m.label());
            }
        }
        kinds(sb, kinds);
        return sb.toString();
    }

    /** {@code warning: alloc-failure: message}; a panic's message already names its kind. */
    static String finding(Finding f) {
        return f.severity().label() + ": " + (f.kind() == FindingKind.PANIC ? "" : f.kind().label() + ": ") + f.message();
    }

    /** Appends {@code  [kind, kind]} for the finding kinds whose bits {@code kinds} holds; nothing for none. */
    static void kinds(StringBuilder sb, int kinds) {
        if (kinds == 0) {
            return;
        }
        sb.append("  [");
        boolean first = true;
        for (FindingKind k : FindingKind.values()) {
            if ((kinds & 1 << k.ordinal()) != 0) {
                sb.append(first ? "" : ", ").append(k.label());
                first = false;
            }
        }
        sb.append(']');
    }
}
