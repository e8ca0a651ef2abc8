package labyrinth.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import labyrinth.format.binary.BinaryTraceWriter;
import labyrinth.format.json.JsonTraceWriter;
import labyrinth.gen.Scenario;
import labyrinth.gen.Scenarios;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TraceSource#bytesRead()} of what {@link TraceFiles#open(Path, String)} returns: it starts
 * below the file size, never goes down, and ends at the file size (compressed bytes for gzip), for
 * every encoding. The traces are several read buffers long (64 KiB, also when compressed), so the
 * count is seen strictly between 0 and the size on the way.
 */
class BytesReadTest {
    /** Random pfns and sites keep the gzip files well over one read buffer. */
    private static final int EVENTS = 20_000;

    @TempDir
    Path dir;

    @Test
    void jsonDocumentCountsUpToTheFileSize() throws Exception {
        checkBoth("t.json", out -> writeJson(out, false));
    }

    @Test
    void jsonLinesCountUpToTheFileSize() throws Exception {
        checkBoth("t.ndjson", out -> writeJson(out, true));
    }

    @Test
    void binaryCountsUpToTheFileSize() throws Exception {
        checkBoth("t.lbt", BytesReadTest::writeBinary);
    }

    @Test
    void kernelTraceTextCountsUpToTheFileSize() throws Exception {
        checkBoth("t.txt", BytesReadTest::writeFtrace);
    }

    @Test
    void aStreamOfUnknownOriginIsCountedToo() throws Exception {
        Path p = write("s.ndjson", false, out -> writeJson(out, true));
        try (TraceSource src = TraceFiles.open(Files.newInputStream(p), "s", ReaderLimits.defaults())) {
            drainChecking(src, Files.size(p));
        }
    }

    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    private void checkBoth(String name, Content content) throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            Path p = write(name + (gzip ? ".gz" : ""), gzip, content);
            long size = Files.size(p);
            assertThat(size).as(p + " spans several read buffers").isGreaterThan(3 << 16);
            try (TraceSource src = TraceFiles.open(p, p.toString())) {
                drainChecking(src, size);
            }
        }
    }

    private static void drainChecking(TraceSource src, long size) throws Exception {
        long last = src.bytesRead();
        assertThat(last).as(src.name() + " after the header").isBetween(0L, size - 1);
        boolean between = false;
        long events = 0;
        while (src.next() != null) {
            long now = src.bytesRead();
            assertThat(now).as(src.name() + " never goes down").isGreaterThanOrEqualTo(last);
            between |= now > last && now < size;
            last = now;
            events++;
        }
        assertThat(events).isPositive();
        assertThat(between).as(src.name() + " grew while reading, before the end").isTrue();
        assertThat(src.bytesRead()).as(src.name() + " at the end").isEqualTo(size);
    }

    private Path write(String name, boolean gzip, Content content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(p);
             OutputStream out = gzip ? new GZIPOutputStream(file, 1 << 16) : file) {
            content.write(out);
        }
        return p;
    }

    private static final Scenario RANDOM = Scenarios.byName("random").orElseThrow();

    private static List<Event> events() {
        List<Event> events = new ArrayList<>();
        RANDOM.generate(7, EVENTS, events::add);
        return events;
    }

    private static void writeJson(OutputStream out, boolean lines) throws IOException {
        Header h = RANDOM.header(7, EVENTS);
        JsonTraceWriter w = lines ? JsonTraceWriter.stream(out, h) : JsonTraceWriter.document(out, h);
        for (Event e : events()) {
            w.write(e);
        }
        w.close();
    }

    private static void writeBinary(OutputStream out) throws IOException {
        // the binary encoding is compact: twice the events to span the buffers when compressed
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BinaryTraceWriter w = BinaryTraceWriter.open(bytes, RANDOM.header(7, 2 * EVENTS))) {
            RANDOM.generate(7, 2 * EVENTS, e -> {
                try {
                    w.write(e);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        }
        bytes.writeTo(out);
    }

    private static void writeFtrace(OutputStream out) throws IOException {
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder("# tracer: nop\n");
        for (int i = 0; i < EVENTS; i++) {
            long pfn = rnd.nextInt(1 << 20);
            sb.append(String.format(java.util.Locale.ROOT,
                    "  kworker/%d-%d  [%03d] ..... %d.%06d: mm_page_alloc: page=0x%x pfn=0x%x order=0"
                            + " migratetype=0 gfp_flags=GFP_KERNEL\n",
                    rnd.nextInt(16), rnd.nextInt(30000), rnd.nextInt(8), 100 + i / 100_000, i % 100_000 * 10,
                    pfn * 64, pfn));
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
