package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import labyrinth.cli.progress.Progress;
import labyrinth.cli.report.JsonReport;
import labyrinth.cli.report.Sparkline;
import labyrinth.core.MachineTooLargeException;
import labyrinth.replay.Holding;
import labyrinth.replay.ReplayObserver;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.replay.Summary;
import labyrinth.stats.BoundedCounter;
import labyrinth.stats.MinMaxBuckets;
import labyrinth.stats.MemorySeries;
import labyrinth.stats.TraceStats;
import labyrinth.trace.Op;
import labyrinth.trace.ReadAhead;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;

/**
 * {@code labyrinth stats TRACE}: counts per op, owner, site, gfp mask and order, failures by reason,
 * peak use, pages held at the end, and a sparkline of free pages. MemInfo stays bounded: the trace is
 * streamed, owners, sites and masks are counted up to {@link TraceStats#MAX_KEYS}, and free pages
 * are sampled into fixed buckets.
 */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Count events per op, owner, site, gfp mask and order; failures by reason; peak use.",
        description = {
            "Count what a trace does: events per op, owner and site, allocations per gfp mask and "
                + "order, failed allocations by reason, peak use, pages held at the end, and free pages over "
                + "time.",
            "Exit codes: 0 done, 2 usage, 3 unreadable trace, 70 bug."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth stats sample-traces/rx-storm-panic.json",
            "  labyrinth stats --top 5 --format json -o stats.json trace.ndjson.gz"
        })
final class StatsCommand implements Callable<Integer> {
    /** Columns of the free-pages sparkline. */
    static final int SPARK_WIDTH = 64;

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "the trace: " + TraceOptions.TRACE_FORMS)
    String trace;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write to FILE (atomically) instead of standard output (also: -)")
    Path output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "list at most N owners, sites and masks; the rest are counted as \"N more\""
                    + " (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "simulate or observe, as for replay (default: by the trace's scope)")
    ReplayCommand.ModeOption mode;

    @Mixin
    TraceOptions reading;

    @Mixin
    ColorOption color;

    @Mixin
    ProgressOption progressOption;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int unwritable = Outputs.of(spec).input(trace).outputOrStdout("-o", output).check(err, reading.debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        TraceInput input = new TraceInput(err, reading.debug, reading.limits(), reading.kernel(), Stdio.of(spec));
        TraceSource opened = input.open(trace);
        if (opened == null) {
            return TraceInput.EXIT;
        }
        TraceStats stats = new TraceStats();
        MemorySeries timeline = new MemorySeries();
        ReplayResult result;
        Progress progress = progressOption.start(err, "counting", Path.of(trace));
        TraceSource source = ReadAhead.of(progress.count(opened));
        // the bar is blanked out (closed as the try ends) before any message or the statistics are written
        try (progress) {
            result = Replays.run(source, ReplayCommand.modeOf(mode), null, reading.maxPages, Replays.SUMMARY_ONLY,
                    ReplayObserver.both(stats, timeline));
        } catch (TraceException e) {
            input.close(source);
            return input.report(e);
        } catch (MachineTooLargeException e) {
            input.close(source);
            return Errors.report(err, TraceInput.nameOf(trace) + ": " + e.getMessage(), e, reading.debug);
        }
        if (input.close(source) != ExitCode.OK) {
            return TraceInput.EXIT;
        }
        try {
            if (output == null || Stdio.isDash(output)) {
                PrintWriter out = spec.commandLine().getOut();
                render(result, stats, timeline, out);
                out.flush();
            } else {
                AtomicFiles.write(output, stream -> {
                    Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                    render(result, stats, timeline, w);
                    w.flush();
                });
            }
        } catch (IOException e) {
            return Errors.cannotWrite(err, output, e, reading.debug);
        }
        return ExitCode.OK;
    }

    private void render(ReplayResult r, TraceStats s, MemorySeries t, Writer out) throws IOException {
        if (format == Format.json) {
            json(r, s, t, out);
        } else {
            PrintWriter pw = new PrintWriter(out);
            text(r, s, t, pw);
            pw.flush();
        }
    }

    // ---- text ----

    private void text(ReplayResult r, TraceStats s, MemorySeries t, PrintWriter out) {
        Summary sum = r.summary();
        long pages = r.header().machine().totalPages();
        out.println(r.name() + ": " + s.events() + plural(s.events(), " event", " events") + " ("
                + r.header().scope().label() + " trace, " + pages + " pages, " + r.mode().label() + " mode)"
                + (sum.ignoredAfterPanic() > 0 ? "; " + sum.ignoredAfterPanic() + " after the panic ignored" : "")
                + (r.truncation() != null ? "; " + r.truncation().describe() : ""));
        out.println();
        StringBuilder ops = new StringBuilder("ops:");
        for (Op op : Op.values()) {
            ops.append("  ").append(op.label()).append(' ').append(s.count(op));
        }
        out.println(ops);
        out.println();
        table(out, "owners (events)", s.owners(), k -> k.isEmpty() ? "(none)" : k);
        table(out, "sites (events)", s.sites(), k -> k.isEmpty() ? "(none)" : k);
        table(out, "gfp masks (allocations)", s.gfps(), r.header().machine().gfpNames()::format);
        out.println("orders (allocations):");
        boolean any = false;
        for (int k = 0; k < s.orderCount(); k++) {
            if (s.allocsOfOrder(k) > 0) {
                out.println(String.format(java.util.Locale.ROOT, "  %-10s %10d", "order-" + k, s.allocsOfOrder(k)));
                any = true;
            }
        }
        if (!any) {
            out.println("  (no allocations)");
        }
        out.println();
        StringBuilder failures = new StringBuilder("allocation failures: " + sum.failures());
        Map<String, Long> reasons = s.failuresByReason();
        if (!reasons.isEmpty()) {
            failures.append(" (");
            boolean first = true;
            for (Map.Entry<String, Long> e : reasons.entrySet()) {
                failures.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
                first = false;
            }
            failures.append(')');
        }
        out.println(failures);
        out.println("peak use: " + sum.peakUsedPages() + plural(sum.peakUsedPages(), " page", " pages")
                + (pages > 0 ? String.format(java.util.Locale.ROOT, " (%.1f%% of %d)",
                        100.0 * sum.peakUsedPages() / pages, pages) : "")
                + (sum.peakEvent() >= 0 ? ", first at event " + sum.peakEvent() : ""));
        out.println();
        out.println("held at the end, by owner:");
        List<Holding> held = s.heldByOwner();
        for (int i = 0; i < Math.min(top, held.size()); i++) {
            out.println(String.format(java.util.Locale.ROOT, "  %-32s %10d %s", held.get(i).owner(), held.get(i).pages(),
                    plural(held.get(i).pages(), "page", "pages")));
        }
        if (held.size() > top) {
            out.println("  ... " + (held.size() - top) + " more");
        }
        if (s.heldUnowned() > 0) {
            out.println(String.format(java.util.Locale.ROOT, "  %-32s %10d %s", "(no owner)", s.heldUnowned(),
                    plural(s.heldUnowned(), "page", "pages")));
        }
        if (held.isEmpty() && s.heldUnowned() == 0) {
            out.println("  (nothing)");
        }
        if (!t.isEmpty()) {
            MinMaxBuckets b = t.buckets();
            long[] cols = Sparkline.columns(b, t.totalFreeSeries(), SPARK_WIDTH);
            long lowest = Long.MAX_VALUE;
            for (long v : cols) {
                lowest = Math.min(lowest, v);
            }
            out.println();
            out.println("free pages (lowest per column; scale 0 to " + pages + ", lowest " + lowest + "):");
            out.println("  " + Sparkline.render(cols, pages));
            out.println("  event " + b.firstNumber(0) + " to " + b.lastNumber(b.size() - 1));
        }
    }

    private <K> void table(PrintWriter out, String title, BoundedCounter<K> c,
                           java.util.function.Function<K, String> name) {
        out.println(title + ":");
        List<BoundedCounter.Entry<K>> list = c.top(top, (a, b) -> name.apply(a).compareTo(name.apply(b)));
        for (BoundedCounter.Entry<K> e : list) {
            out.println(String.format(java.util.Locale.ROOT, "  %-40s %10d", name.apply(e.key()), e.count()));
        }
        if (list.isEmpty()) {
            out.println("  (none)");
        }
        if (c.distinct() > list.size()) {
            out.println("  ... " + (c.distinct() - list.size()) + " more");
        }
        if (c.overflow() > 0) {
            out.println("  ... and " + c.overflow() + " more beyond the first " + TraceStats.MAX_KEYS
                    + " distinct, not counted one by one");
        }
        out.println();
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    // ---- json ----

    private void json(ReplayResult r, TraceStats s, MemorySeries t, Writer out) throws IOException {
        Summary sum = r.summary();
        try (JsonGenerator g = JsonReport.generator(nonClosing(out))) {
            g.writeStartObject();
            g.writeNumberProperty("stats", 1);
            g.writeName("tool");
            g.writeStartObject();
            g.writeStringProperty("name", "labyrinth");
            g.writeStringProperty("version", VersionProvider.version());
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
            counter(g, "owners", "owner", s.owners(), k -> k.isEmpty() ? null : k);
            counter(g, "sites", "site", s.sites(), k -> k.isEmpty() ? null : k);
            counter(g, "gfp", "gfp", s.gfps(), r.header().machine().gfpNames()::format);
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
                for (long v : Sparkline.columns(t.buckets(), t.totalFreeSeries(), SPARK_WIDTH)) {
                    g.writeNumber(v);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        PrintWriter pw = new PrintWriter(out);
        pw.println();
        pw.flush();
    }

    private <K> void counter(JsonGenerator g, String name, String key, BoundedCounter<K> c,
                             java.util.function.Function<K, String> label) {
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

    /** Jackson closes what it writes to; the command's writer belongs to picocli. */
    private static Writer nonClosing(Writer w) {
        return new java.io.FilterWriter(w) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
