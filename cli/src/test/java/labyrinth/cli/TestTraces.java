package labyrinth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import labyrinth.core.Gfp;
import labyrinth.format.json.JsonTraceWriter;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Event;

/**
 * Small traces for triage and reduce tests, built with {@link TraceBuilder} and written as JSON
 * documents by {@link JsonTraceWriter} (one event a line, the first on line 2); {@code noise} shifts
 * every pfn and event number.
 */
final class TestTraces {
    private TestTraces() {
    }

    /** {@code noise} pages allocated first, then the bug ({@code double-free}, {@code use-after-free} or none), then all freed. */
    static TraceBuilder builder(int noise, String bug) {
        TraceBuilder b = TraceBuilder.complete(1024);
        for (int i = 0; i < noise; i++) {
            b.site("process_one_work+0x1f4").alloc("kworker", 0, Gfp.GFP_KERNEL);
        }
        b.site("nvme_alloc_prp_list+0x5c").alloc("nvme0q3", 0, Gfp.GFP_KERNEL);
        b.site("nvme_complete_rq+0x40").free("nvme0q3", noise);
        switch (bug) {
            case "double-free" -> b.site("nvme_timeout+0x1c").free("nvme0q3", noise);
            case "use-after-free" -> b.access("virtio_blk", noise);
            default -> { }
        }
        for (int i = 0; i < noise; i++) {
            b.site("process_one_work+0x2a8").free("kworker", i);
        }
        return b;
    }

    /** {@link #builder}'s trace as JSON text. */
    static String trace(int noise, String bug) {
        return json(builder(noise, bug));
    }

    /** The builder's trace as a JSON document. */
    static String json(TraceBuilder b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonTraceWriter w = JsonTraceWriter.document(out, b.header())) {
            for (Event e : b.events()) {
                w.write(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** A folder of traces: the same double free from three runs, a use after free from two, a clean run, a broken file. */
    static Path ciFolder(Path dir) throws IOException {
        write(dir, "run-1/a.json", trace(3, "double-free"));
        write(dir, "run-2/b.json", trace(17, "double-free"));
        write(dir, "run-3/c.json", trace(40, "double-free"));
        write(dir, "run-1/d.json", trace(5, "use-after-free"));
        write(dir, "run-2/e.json", trace(9, "use-after-free"));
        write(dir, "run-3/clean.json", trace(4, "none"));
        // deliberately broken text: a machine of no pages, which the writer cannot produce
        write(dir, "run-3/broken.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 0}, \"events\": []}");
        write(dir, "run-3/notes.txt", "not a trace, not searched");
        return dir;
    }
}
