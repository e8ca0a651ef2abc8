package labyrinth.cli.report.html;

import static labyrinth.cli.report.html.Markup.attr;
import static labyrinth.cli.report.html.Markup.count;
import static labyrinth.cli.report.html.Markup.text;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import labyrinth.core.Machine;
import labyrinth.core.ZoneSpec;
import labyrinth.replay.Finding;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Holding;
import labyrinth.replay.PanicVerdict;
import labyrinth.replay.PrimaryFailure;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Severity;
import labyrinth.replay.Signatures;
import labyrinth.replay.Summary;
import labyrinth.replay.ZoneHeadroom;
import labyrinth.stats.MemorySeries;

/**
 * The visual report of {@code replay --html}: one self-contained HTML file (inline CSS and SVG, no
 * scripts, fonts or anything fetched) with a badge of the worst severity, the free-pages timeline
 * per zone with the findings in lanes above it, the memory at the primary failure, pages held by
 * the top owners, free pages per order, the grouped findings and the summary. Every part is bounded
 * whatever the trace's length and number of findings (buckets, columns, groups), so the page stays
 * small and loads fast. Every string from the trace is escaped; the output is also well-formed XML.
 * The same result gives the same bytes. Stateless.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Writes the report of {@code r}, with the timeline {@code t} recorded during the same replay. */
    public static void write(ReplayResult r, MemorySeries t, String toolVersion, Writer out) throws IOException {
        out.write(render(r, t, toolVersion));
        out.flush();
    }

    static String render(ReplayResult r, MemorySeries t, String toolVersion) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String name = r.name();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>Labyrinth report: ").append(text(name)).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        FindingGroups groups = FindingGroups.of(r);
        Finding panicFinding = null;
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.PANIC) {
                panicFinding = f;
            }
        }
        Finding primary = primary(r);
        header(h, r, groups, t);
        panic(h, r.panic());
        summary(h, r);
        Finding snapshot = ExhaustionSnapshot.chosen(r, primary);
        if (t.isEmpty()) {
            h.append("<p class=\"note\">The trace has no events to chart.</p>\n");
        } else {
            h.append("<section id=\"memory\">\n<h2>Free pages per zone</h2>\n")
                    .append("<p class=\"explain\">Free pages after each event. Dashed lines: the zone's high, low and"
                            + " min watermarks; shaded: at or below the atomic floor, where even GFP_ATOMIC fails."
                            + " Above: a lane per kind of finding, a marker each where they are few, else"
                            + " shaded by how many (hover for counts, click a marker for its group); the panic and"
                            + " the primary failure are marked down the chart. Hover the chart for the free pages.")
                    .append(downsampled(t)).append("</p>\n");
            FreePagesChart.write(h, t, r.findings(), groups, primary, panicFinding, name);
            h.append("</section>\n");
            List<Holding> holders = null;
            if (snapshot != null) {
                holders = t.holdersAt(snapshot.event());
                if (r.panic() != null && r.panic().triggerFinding() == snapshot) {
                    holders = r.panic().holders().subList(0, Math.min(MemorySeries.HOLDERS,
                            r.panic().holders().size()));
                }
            }
            ExhaustionSnapshot.write(h, r, snapshot, snapshot != null && snapshot == primary, holders);
            h.append("<section id=\"owners-section\">\n");
            h.append("<h2>Pages held by owner</h2>\n")
                    .append("<p class=\"explain\">Pages each of the top owners holds, stacked; a leak is a layer"
                            + " that never shrinks.</p>\n");
            OwnersChart.write(h, t);
            h.append("</section>\n<section id=\"fragmentation\">\n<h2>Free pages per order</h2>\n")
                    .append("<p class=\"explain\">What decides an order-k request: the free pages in blocks of order"
                            + " k or more. Red: none, so such a request fails whatever the watermarks.</p>\n");
            for (int z = 0; z < t.zoneCount(); z++) {
                FragmentationChart.write(h, t, z);
            }
            h.append("</section>\n");
        }
        FindingsTable.write(h, groups, t.buckets(), name, r.droppedFindings(), r.header().machine().gfpNames());
        h.append("</main>\n<footer>labyrinth ").append(text(toolVersion)).append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String downsampled(MemorySeries t) {
        long width = t.buckets().width();
        return width == 1 ? "" : " Each point of the line is the lowest or highest value among " + count(width)
                + " consecutive events, so no dip is lost.";
    }

    /**
     * The primary failure as triage takes it (the panic's trigger, else the first error); where
     * nothing reached an error, the first failed allocation, else the first warning.
     */
    static Finding primary(ReplayResult r) {
        PrimaryFailure pf = Signatures.primary(r, Severity.ERROR);
        if (pf != null) {
            return pf.finding();
        }
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.ALLOC_FAILURE) {
                return f;
            }
        }
        pf = Signatures.primary(r, Severity.WARNING);
        return pf == null ? null : pf.finding();
    }

    private static void header(StringBuilder h, ReplayResult r, FindingGroups groups, MemorySeries t) {
        h.append("<header>\n<h1>").append(text(r.name())).append("</h1>\n");
        Badge.write(h, groups, t, r.outcome());
        h.append(" <p class=\"outcome\">outcome <b>").append(r.outcome().label()).append("</b></p>\n");
        Machine m = r.header().machine();
        h.append("<p class=\"facts\">").append(r.header().scope().label()).append(" trace, replayed in ")
                .append(r.mode().label()).append(" mode on ").append(count(m.totalPages())).append(" pages of ")
                .append(m.pageSize()).append(" bytes (max order ").append(m.maxOrder()).append("): ");
        boolean first = true;
        for (ZoneSpec z : m.zones()) {
            h.append(first ? "" : ", ").append(z.kind().label()).append(' ').append(count(z.pages()));
            first = false;
        }
        h.append("</p>\n");
        if (!r.header().meta().isEmpty()) {
            h.append("<dl class=\"meta\">");
            for (Map.Entry<String, Object> e : new TreeMap<>(r.header().meta()).entrySet()) {
                h.append("<dt>").append(text(e.getKey())).append("</dt><dd>").append(text(String.valueOf(e.getValue())))
                        .append("</dd>");
            }
            h.append("</dl>\n");
        }
        if (r.truncation() != null) {
            h.append("<p class=\"warn\">").append(text(r.truncation().describe()))
                    .append("; the events before it were replayed.</p>\n");
        }
        h.append("</header>\n");
    }

    private static void panic(StringBuilder h, PanicVerdict p) {
        if (p == null) {
            return;
        }
        h.append("<section class=\"panic ").append(p.reproduced() ? "reproduced" : "not-reproduced")
                .append("\" id=\"panic\">\n<h2>Panic ").append(p.reproduced() ? "reproduced" : "not reproduced")
                .append(" at event ").append(p.event()).append("</h2>\n<p class=\"panic-message\">")
                .append(text(p.message())).append("</p>\n<p>").append(p.trigger() >= 0
                        ? "Trigger: event " + p.trigger() + ". " : "").append(text(p.why())).append("</p>\n");
        if (!p.holders().isEmpty()) {
            h.append("<p>Memory held when it came: ");
            int shown = Math.min(5, p.holders().size());
            for (int i = 0; i < shown; i++) {
                var ho = p.holders().get(i);
                h.append(i == 0 ? "" : "; ").append("<b>").append(text(ho.owner() == null ? "(no owner)" : ho.owner()))
                        .append("</b>").append(ho.site() == null ? "" : " at " + text(ho.site())).append(' ')
                        .append(count(ho.pages())).append(ho.pages() == 1 ? " page" : " pages");
            }
            if (p.holders().size() > shown) {
                h.append("; ").append(p.holders().size() - shown).append(" more");
            }
            h.append("</p>\n");
        }
        h.append("</section>\n");
    }

    private static void summary(StringBuilder h, ReplayResult r) {
        Summary s = r.summary();
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
        card(h, "events", count(s.events()), s.ignoredAfterPanic() > 0
                ? count(s.ignoredAfterPanic()) + " ignored after the panic" : null);
        card(h, "allocations", count(s.allocs()), null);
        card(h, "frees", count(s.frees()), null);
        card(h, "failed allocations", count(s.failures()), null);
        card(h, "peak pages in use", count(s.peakUsedPages()),
                s.peakEvent() >= 0 ? "first at event " + s.peakEvent() : null);
        for (ZoneHeadroom z : s.headroom()) {
            card(h, z.zone().label() + " headroom over the atomic floor (pages)", count(z.pages()),
                    (z.event() >= 0 ? "least at event " + z.event() : "never allocated from") + ": free " + z.free()
                            + ", floor " + z.floor());
        }
        h.append("</div>\n");
        if (!s.findingsByKind().isEmpty()) {
            h.append("<table class=\"kinds\"><thead><tr><th>finding</th><th>count</th></tr></thead><tbody>\n");
            Map<String, Long> byLabel = new TreeMap<>();
            s.findingsByKind().forEach((k, v) -> byLabel.put(k.label(), v));
            byLabel.forEach((k, v) -> h.append("<tr><td>").append(k).append("</td><td class=\"n\">").append(count(v))
                    .append("</td></tr>\n"));
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");
    }

    private static void card(StringBuilder h, String label, String value, String note) {
        h.append("<div class=\"card\"><div class=\"value\">").append(value).append("</div><div class=\"label\">")
                .append(label).append("</div>");
        if (note != null) {
            h.append("<div class=\"sub\">").append(text(note)).append("</div>");
        }
        h.append("</div>\n");
    }

    private static final String CSS = """
            :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f6f8fa; color: var(--ink);
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1320px; margin: 0 auto; padding: 20px 20px 8px; }
            header h1 { font-size: 22px; margin: 0 0 4px; word-break: break-all; }
            h2 { font-size: 17px; margin: 22px 0 6px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 12px;
              margin-top: 14px; }
            .badge { display: inline-block; margin: 2px 8px 6px 0; padding: 2px 10px; border-radius: 12px;
              font-weight: 600; background: #ddf4e4; color: #116329; }
            .badge-error { background: #ffebe9; color: #a40e26; }
            .badge-warning { background: #fff1c2; color: #7d4e00; }
            .badge-info { background: #eef1f4; color: #424a53; }
            .outcome { display: inline-block; margin: 2px 0 6px; color: var(--muted); }
            .facts, .explain, .note { color: var(--muted); margin: 4px 0; }
            .warn { color: #7d4e00; }
            dl.meta { display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 4px 0; color: var(--muted); }
            dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
            .panic { border-color: #ff8182; background: #fff5f5; }
            .panic.not-reproduced { border-color: #d4a72c; background: #fffbeb; }
            .panic-message { font: 600 15px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
            .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 150px; }
            .card .value { font-size: 22px; font-weight: 600; }
            .card .label { color: var(--muted); }
            .sub { color: var(--muted); font-size: 12px; }
            table { border-collapse: collapse; margin: 8px 0; }
            th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            table.findings { width: 100%; margin: 4px 0 8px; }
            table.findings td { font-size: 13px; }
            input.filter { display: none; }
            .filters { margin: 6px 0 10px; } .filters .sep { color: var(--line); margin: 0 6px; }
            .filters label { display: inline-block; padding: 1px 8px; margin: 2px; border: 1px solid var(--line);
              border-radius: 10px; cursor: pointer; user-select: none; }
            details.group { border-top: 1px solid var(--line); padding: 4px 0; }
            details.group summary { cursor: pointer; }
            details.group .sev { display: inline-block; min-width: 58px; font-weight: 600; }
            details.group.sev-error .sev { color: #a40e26; } details.group.sev-warning .sev { color: #9a6700; }
            details.group:target { background: #fff8c5; }
            .snapshot { display: flex; flex-wrap: wrap; gap: 8px 36px; }
            .snapshot h3 { font-size: 14px; margin: 10px 0 2px; }
            tr.at-min td { color: #a40e26; } tr.at-low td { color: #7d4e00; }
            table.buddy td.none { color: #a40e26; }
            td.bar span { display: inline-block; height: 10px; background: #4269d0; border-radius: 2px; }
            tr.other td.bar span { background: #9aa0a6; }
            svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0;
              font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
            .plot { fill: #fbfcfd; stroke: var(--line); }
            .grid { stroke: #eef1f4; }
            .tick { fill: var(--muted); }
            .tick-mark { stroke: var(--muted); }
            .panel-title { font-weight: 600; fill: var(--ink); font-size: 13px; }
            .axis-title, .lane-title { fill: var(--muted); }
            .atomic-floor { fill: #d1242f; fill-opacity: 0.13; }
            .floor-label { fill: #a40e26; font-weight: 600; }
            .wm { stroke-width: 1.5; stroke-dasharray: 6 4; }
            .wm-high { stroke: #1a7f37; fill: #1a7f37; } .wm-low { stroke: #9a6700; fill: #9a6700; }
            .wm-min { stroke: #cf222e; fill: #cf222e; }
            text.wm-label { stroke: none; }
            .free { fill: none; stroke: #0969da; stroke-width: 2; stroke-linejoin: round; }
            .free-area { fill: #0969da; fill-opacity: 0.08; }
            .lane-rule { stroke: #eef1f4; }
            .marker-shape { stroke: #fff; stroke-width: 1; }
            .sev-error .marker-shape, .cell.sev-error { fill: #cf222e; }
            .sev-warning .marker-shape, .cell.sev-warning { fill: #d4a72c; }
            .sev-info .marker-shape, .cell.sev-info { fill: #8c959f; }
            .marker:hover .marker-shape, .key-marker:hover .marker-shape { stroke: #1f2328; stroke-width: 2; }
            .key-line { stroke: #82071e; stroke-width: 1.5; stroke-opacity: 0.7; }
            .key-marker.sev-warning .key-line { stroke: #9a6700; }
            .key-marker.kind-panic .marker-shape { fill: #82071e; }
            .key-label { font-weight: 600; fill: var(--ink); }
            .hover rect { fill: #1f2328; fill-opacity: 0; }
            .hover rect:hover { fill-opacity: 0.06; }
            .hover rect:target { fill: #d4a72c; fill-opacity: 0.3; }
            .layer { stroke: #fff; stroke-width: 0.5; }
            .cell { shape-rendering: crispEdges; }
            ul.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
            .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px;
              vertical-align: -1px; }
            footer { text-align: center; color: var(--muted); font-size: 12px; padding: 10px 0 20px; }
            """;
}
