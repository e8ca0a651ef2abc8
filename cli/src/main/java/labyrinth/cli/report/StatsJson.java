package labyrinth.cli.report;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import labyrinth.replay.Holding;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Summary;
import labyrinth.stats.BoundedCounter;
import labyrinth.stats.MemorySeries;
import labyrinth.stats.TraceStats;
import labyrinth.trace.Op;
import tools.jackson.core.JsonGenerator;

/** {@code stats}'s JSON ({@code "stats": 1}): the numbers of {@link StatsText}, keys in a fixed order. Stateless. */
public final class StatsJson {
    private StatsJson() {
    }

    /**
     * Writes the document; {@code out} is closed (wrap what must stay open).
     *
     * @param top how many owners, sites and masks each list shows; the rest are counted
     */
    public static void write(ReplayResult r, TraceStats s, MemorySeries t, int top, String toolVersion,
                             Writer out) {
        Summary sum = r.summary();
        try (JsonGenerator g = JsonReport.generator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("stats", 1);
            g.writeName("tool");
            g.writeStartObject();
            g.writeStringProperty("name", "labyrinth");
            g.writeStringProperty("version", toolVersion);
            g.writeEndObject();
            g.writeName("trace");
            g.writeStartObject();
            g.writeStringProperty("path", r.name());
            g.writeNumberProperty("events", s.events());
            g.writeNumberProperty("ignoredAfterPanic", sum.ignoredAfterPanic());
            g.writeStringProperty("scope", r.header().scope().label());
            g.writeStringProperty("mode", r.mode().label());
            g.writeNumberProperty("pages", r.header().machine().totalPages());
            g.writeBooleanProperty("truncated", r.truncation() != null);
            g.writeEndObject();
            g.writeName("ops");
            g.writeStartObject();
            for (Op op : Op.values()) {
                g.writeNumberProperty(op.label(), s.count(op));
            }
            g.writeEndObject();
            counter(g, top, "owners", "owner", s.owners(), k -> k.isEmpty() ? null : k);
            counter(g, top, "sites", "site", s.sites(), k -> k.isEmpty() ? null : k);
            counter(g, top, "gfp", "gfp", s.gfps(), r.header().machine().gfpNames()::format);
            g.writeName("orders");
            g.writeStartArray();
            for (int k = 0; k < s.orderCount(); k++) {
                if (s.allocsOfOrder(k) > 0) {
                    g.writeStartObject();
                    g.writeNumberProperty("order", k);
                    g.writeNumberProperty("allocs", s.allocsOfOrder(k));
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeName("failures");
            g.writeStartObject();
            g.writeNumberProperty("total", sum.failures());
            g.writeName("byReason");
            g.writeStartObject();
            for (Map.Entry<String, Long> e : s.failuresByReason().entrySet()) {
                g.writeNumberProperty(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeName("peak");
            g.writeStartObject();
            g.writeNumberProperty("pages", sum.peakUsedPages());
            g.writeNumberProperty("event", sum.peakEvent());
            g.writeEndObject();
            List<Holding> held = s.heldByOwner();
            g.writeName("heldAtEnd");
            g.writeStartObject();
            g.writeName("owners");
            g.writeStartArray();
            for (int i = 0; i < Math.min(top, held.size()); i++) {
                g.writeStartObject();
                g.writeStringProperty("owner", held.get(i).owner());
                g.writeNumberProperty("pages", held.get(i).pages());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberProperty("more", Math.max(0, held.size() - top));
            g.writeNumberProperty("unowned", s.heldUnowned());
            g.writeEndObject();
            g.writeName("freePages");
            g.writeStartObject();
            g.writeNumberProperty("max", r.header().machine().totalPages());
            g.writeName("lowestPerColumn");
            g.writeStartArray();
            if (!t.isEmpty()) {
                for (long v : Sparkline.columns(t.buckets(), t.totalFreeSeries(), StatsText.SPARK_WIDTH)) {
                    g.writeNumber(v);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static <K> void counter(JsonGenerator g, int top, String name, String key, BoundedCounter<K> c,
                             Function<K, String> label) {
        List<BoundedCounter.Entry<K>> list = c.top(top, (a, b) -> String.valueOf(label.apply(a))
                .compareTo(String.valueOf(label.apply(b))));
        g.writeName(name);
        g.writeStartObject();
        g.writeName("top");
        g.writeStartArray();
        for (BoundedCounter.Entry<K> e : list) {
            g.writeStartObject();
            g.writeStringProperty(key, label.apply(e.key()));
            g.writeNumberProperty("count", e.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberProperty("more", c.distinct() - list.size());
        g.writeNumberProperty("uncounted", c.overflow());
        g.writeEndObject();
    }

}
