package labyrinth.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import labyrinth.core.Gfp;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceFiles;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTraceCodecTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryExampleWithItsEventCount() throws Exception {
        Map<String, Integer> expected = Map.of("clean.json", 6, "divergence.json", 4, "fragmentation.json", 121,
                "ownership.json", 15, "panic-not-reproduced.json", 3, "rx-storm-panic.json", 246,
                "watermarks.json", 98, "window-observe.json", 7, "zones.json", 10);
        List<Path> traces = TraceIo.exampleTraces();
        assertThat(traces).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Path p : traces) {
            try (TraceSource src = TraceFiles.open(p, p.getFileName().toString())) {
                assertThat(TraceIo.drain(src)).as(p.toString()).hasSize(expected.get(p.getFileName().toString()));
                assertThat(src.truncation()).isNull();
            }
        }
    }

    @Test
    void readsTheFormatDocumentsExample() throws Exception {
        Path file = TraceIo.write(dir, "trace.json", """
                {
                  "labyrinth": 1,
                  "scope": "complete",
                  "machine": { "pages": 262144 },
                  "meta": { "host": "edge-7", "kernel": "6.6.30-lab", "recordedAt": "2026-11-20T08:15:00Z", "cpus": 8 },
                  "events": [
                    { "seq": 0, "t": 1200, "cpu": 0, "ctx": "hardirq", "owner": "eth0-rx",
                      "op": "alloc", "fn": "labyrinth_void_alloc_page_gfp_atomic_exclusive",
                      "site": "rx_refill+0x4c", "pfn": 4096 },
                    { "seq": 1, "op": "free", "owner": "eth0-rx", "addr": "0xffff888001000000" }
                  ]
                }
                """);
        try (TraceSource src = TraceFiles.open(file, "trace.json")) {
            Header h = src.header();
            assertThat(h.scope()).isEqualTo(Scope.COMPLETE);
            assertThat(h.machine().totalPages()).isEqualTo(262144);
            assertThat(h.meta()).containsEntry("host", "edge-7").containsEntry("cpus", 8L);
            Event.Alloc a = (Event.Alloc) src.next();
            assertThat(a.order()).isZero();
            assertThat(a.gfp()).isEqualTo(Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE);
            assertThat(a.pfn()).isEqualTo(4096);
            assertThat(a.common().line()).isEqualTo(7);
            assertThat(a.common().column()).isEqualTo(5);
            Event.Free f = (Event.Free) src.next();
            assertThat(f.pfn()).isEqualTo(4096);
            assertThat(f.order()).isEqualTo(Event.ABSENT);
            assertThat(src.next()).isNull();
        }
    }

    @Test
    void allocResultsAndFreesOfNull() throws Exception {
        Path file = TraceIo.write(dir, "t.jsonl", """
                {"labyrinth": 1, "scope": "window", "machine": {"pages": 64}}
                {"op": "alloc", "pfn": null}
                {"op": "alloc", "addr": null}
                {"op": "alloc"}

                {"op": "free", "addr": "0x0"}
                {"op": "free", "pfn": null, "order": 2}
                {"op": "access", "pfn": 3, "mode": "read", "future": {"nested": [1, 2]}}
                {"op": "mark"}
                """);
        List<Event> events = TraceIo.readAll(file);
        assertThat(events).hasSize(7);
        assertThat(((Event.Alloc) events.get(0)).pfn()).isEqualTo(Event.NULL_PFN);
        assertThat(((Event.Alloc) events.get(1)).pfn()).isEqualTo(Event.NULL_PFN);
        assertThat(((Event.Alloc) events.get(2)).pfn()).isEqualTo(Event.UNRECORDED);
        assertThat(((Event.Alloc) events.get(2)).gfp()).isEqualTo(Gfp.GFP_KERNEL);
        assertThat(((Event.Free) events.get(3)).pfn()).isEqualTo(Event.NULL_PFN);
        assertThat(((Event.Free) events.get(4)).order()).isEqualTo(2);
        assertThat(((Event.Access) events.get(5)).write()).isFalse();
        assertThat(events.get(6).number()).isEqualTo(6);
        assertThat(events.get(3).common().line()).isEqualTo(6);
    }

    @Test
    void allocPagesTakesOrderAndGfpFromKeysAndUnknownFnIsALabel() throws Exception {
        Path file = TraceIo.write(dir, "t.json", """
                {"labyrinth": 1, "machine": {"pages": 64}, "events": [
                {"op": "alloc", "fn": "labyrinth_void_alloc_pages", "order": 2, "gfp": "0x820"},
                {"op": "alloc", "fn": "my_alloc", "order": 1, "gfp": "GFP_NOWAIT | __GFP_ZERO"},
                {"op": "alloc", "fn": "labyrinth_void_alloc_page_gfp_kernel", "order": 0, "gfp": "0xcc0"}
                ]}
                """);
        List<Event> events = TraceIo.readAll(file);
        Event.Alloc a = (Event.Alloc) events.get(0);
        assertThat(a.order()).isEqualTo(2);
        assertThat(a.gfp()).isEqualTo(Gfp.GFP_ATOMIC);
        Event.Alloc b = (Event.Alloc) events.get(1);
        assertThat(b.fn()).isEqualTo("my_alloc");
        assertThat(b.gfp()).isEqualTo(Gfp.GFP_NOWAIT | Gfp.ZERO);
        assertThat(((Event.Alloc) events.get(2)).gfp()).isEqualTo(Gfp.GFP_KERNEL);
    }

    @Test
    void documentStreamAndGzipGiveEqualEvents() throws Exception {
        for (Path example : TraceIo.exampleTraces()) {
            List<Event> original;
            Header header;
            try (TraceSource src = TraceFiles.open(example, "x")) {
                header = src.header();
                original = TraceIo.unlocated(TraceIo.drain(src));
            }
            byte[] doc = write(header, original, true);
            byte[] stream = write(header, original, false);
            for (var c : List.of(Map.entry("d.json", doc), Map.entry("s.ndjson", stream),
                    Map.entry("d.json.gz", TraceIo.gzip(doc)), Map.entry("s.ndjson.gz", TraceIo.gzip(stream)),
                    Map.entry("orig.json.gz", TraceIo.gzip(Files.readAllBytes(example))))) {
                Path file = TraceIo.write(dir, c.getKey(), c.getValue());
                try (TraceSource src = TraceFiles.open(file, c.getKey())) {
                    assertThat(src.header()).as(example + " as " + c.getKey()).isEqualTo(header);
                    assertThat(TraceIo.unlocated(TraceIo.drain(src))).as(example + " as " + c.getKey())
                            .isEqualTo(original);
                    assertThat(src.truncation()).isNull();
                }
            }
        }
    }

    static byte[] write(Header header, List<Event> events, boolean document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonTraceWriter w = document ? JsonTraceWriter.document(out, header) : JsonTraceWriter.stream(out, header)) {
            for (Event e : events) {
                w.write(e);
            }
        }
        return out.toByteArray();
    }

    @Test
    void writerOutputLooksLikeTheFormat() throws Exception {
        Header h = new Header(Scope.WINDOW, labyrinth.core.Machine.ofPages(64));
        List<Event> events = List.of(
                new Event.Alloc(labyrinth.trace.CommonFields.at(0).withOwner("eth0-rx"), 0, Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE,
                        "labyrinth_void_alloc_page_gfp_atomic_exclusive", 4, null),
                new Event.Alloc(labyrinth.trace.CommonFields.at(1), 1, Gfp.GFP_KERNEL | 0x4000000L, null, Event.NULL_PFN, null),
                new Event.Free(labyrinth.trace.CommonFields.at(2), 4, Event.ABSENT));
        assertThat(new String(write(h, events, false), StandardCharsets.UTF_8)).isEqualTo("""
                {"labyrinth":1,"scope":"window","machine":{"pages":64}}
                {"owner":"eth0-rx","op":"alloc","fn":"labyrinth_void_alloc_page_gfp_atomic_exclusive","pfn":4}
                {"op":"alloc","order":1,"gfp":"0x4000cc0","pfn":null}
                {"op":"free","pfn":4}
                """);
        assertThat(new String(write(h, events.subList(2, 3), true), StandardCharsets.UTF_8)).isEqualTo("""
                {"labyrinth":1,"scope":"window","machine":{"pages":64},"events":[
                {"op":"free","pfn":4}
                ]}
                """);
    }

    @Test
    void machineSettingsAreReadAndWrittenBackOnlyWhenGiven() throws Exception {
        String text = "{\"labyrinth\":1,\"scope\":\"complete\",\"machine\":{\"minFreeKbytes\":4096,"
                + "\"watermarkScaleFactor\":20,\"transparentHugepages\":false,\"kernel\":\"5.15.0-91-generic\","
                + "\"pages\":1024}}\n";
        try (TraceSource src = TraceFiles.open(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "t", ReaderLimits.defaults())) {
            labyrinth.core.Machine m = src.header().machine();
            assertThat(m.minFreeKbytes()).isEqualTo(4096);
            assertThat(m.watermarkScaleFactor()).isEqualTo(20);
            assertThat(m.transparentHugepages()).isFalse();
            assertThat(m.kernel()).isEqualTo(new labyrinth.core.KernelVersion("5.15.0-91-generic", 5, 15));
            assertThat(new String(write(src.header(), List.of(), false), StandardCharsets.UTF_8)).isEqualTo(text);
        }
        labyrinth.core.Machine defaults = labyrinth.core.Machine.ofPages(1024);
        assertThat(defaults.minFreeKbytesGiven()).isFalse();
        assertThat(defaults.watermarkScaleFactor()).isEqualTo(10);
        assertThat(defaults.transparentHugepages()).isTrue();
        assertThat(defaults.kernel().text()).isEqualTo("6.12");
    }

    @Test
    void gfpNamesAndTheMaskAnFnImpliesAreReadAsTheTracesKernelSpellsThem() throws Exception {
        String text = """
                {"labyrinth":1,"scope":"complete","machine":{"kernel":"5.15.0-91-generic","pages":64}}
                {"op":"alloc","gfp":"GFP_NOWAIT"}
                {"op":"alloc","fn":"labyrinth_void_alloc_page_gfp_atomic"}
                {"op":"alloc","fn":"labyrinth_void_alloc_page_gfp_atomic_exclusive","gfp":"GFP_ATOMIC|__GFP_EXCLUSIVE"}
                {"op":"alloc","gfp":"__GFP_HIGH|__GFP_KSWAPD_RECLAIM"}
                """;
        List<Event> events;
        Header header;
        try (TraceSource src = TraceFiles.open(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "t", ReaderLimits.defaults())) {
            header = src.header();
            events = TraceIo.drain(src);
        }
        assertThat(events).extracting(e -> ((Event.Alloc) e).gfp()).containsExactly(0x800L, 0xa20L, 0x10000a20L, 0x820L);
        // written back with the same names: 0x800 is GFP_NOWAIT and 0x820 is no GFP_ATOMIC on 5.15
        assertThat(new String(write(header, events, false), StandardCharsets.UTF_8)).isEqualTo("""
                {"labyrinth":1,"scope":"complete","machine":{"kernel":"5.15.0-91-generic","pages":64}}
                {"op":"alloc","gfp":"GFP_NOWAIT"}
                {"op":"alloc","fn":"labyrinth_void_alloc_page_gfp_atomic"}
                {"op":"alloc","fn":"labyrinth_void_alloc_page_gfp_atomic_exclusive"}
                {"op":"alloc","gfp":"GFP_NOWAIT|__GFP_HIGH"}
                """);
        // on 5.15 the fn implies 0x10000a20, so the 0x10000820 of a later kernel contradicts it
        String contradiction = text.replace("\"gfp\":\"GFP_ATOMIC|__GFP_EXCLUSIVE\"", "\"gfp\":\"0x10000820\"");
        assertThatThrownBy(() -> TraceIo.drain(TraceFiles.open(new java.io.ByteArrayInputStream(
                contradiction.getBytes(StandardCharsets.UTF_8)), "t", ReaderLimits.defaults())))
                .hasMessageStartingWith("t:4:")
                .hasMessageEndingWith(": event 2: \"gfp\" must be GFP_ATOMIC|__GFP_EXCLUSIVE as fn "
                        + "labyrinth_void_alloc_page_gfp_atomic_exclusive implies, found \"0x10000820\"");
    }

    @Test
    void writerRefusesAnAllocThatContradictsItsFn() {
        Header h = new Header(Scope.COMPLETE, labyrinth.core.Machine.ofPages(64));
        Event bad = new Event.Alloc(labyrinth.trace.CommonFields.at(0), 1, Gfp.GFP_ATOMIC,
                "labyrinth_void_alloc_page_gfp_atomic", Event.UNRECORDED, null);
        assertThatThrownBy(() -> write(h, List.of(bad), true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event 0: fn labyrinth_void_alloc_page_gfp_atomic implies order 0 and 0x820(GFP_ATOMIC),"
                        + " found order 1 and 0x820(GFP_ATOMIC)");
    }

    @Test
    void readsFromAStreamAndClosesIt() throws Exception {
        byte[] text = "{\"labyrinth\":1,\"machine\":{\"pages\":8}}\n{\"op\":\"mark\",\"label\":\"x\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        try (JsonTraceReader r = JsonTraceReader.open(new java.io.ByteArrayInputStream(TraceIo.gzip(text)), "stdin",
                ReaderLimits.defaults())) {
            assertThat(r.isDocument()).isFalse();
            assertThat(r.readAll()).singleElement().isEqualTo(
                    new Event.Mark(labyrinth.trace.CommonFields.at(0).located(2, 1), "x"));
        }
    }

    @Test
    void missingFileIsOneLine() {
        assertThatThrownBy(() -> TraceFiles.open(dir.resolve("nope.json"), "nope.json"))
                .isInstanceOf(TraceException.class).hasMessage("nope.json: cannot read: no such file");
    }

    @Test
    void corruptGzipIsOneLine() throws Exception {
        byte[] gz = TraceIo.gzip("{\"labyrinth\":1,\"machine\":{\"pages\":8}}\n".repeat(50).getBytes(StandardCharsets.UTF_8));
        for (int i = 10; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xff;
        }
        Path file = TraceIo.write(dir, "bad.json.gz", gz);
        assertThatThrownBy(() -> TraceIo.readAll(file)).isInstanceOf(TraceException.class)
                .message().startsWith("bad.json.gz: cannot read: corrupt gzip data (");
    }

    @Test
    void limitsAreNamedWhenHit() throws Exception {
        String longOwner = "x".repeat(101);
        Path file = TraceIo.write(dir, "t.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": [\n"
                + "{\"op\": \"mark\", \"owner\": \"" + longOwner + "\"}]}");
        assertThatThrownBy(() -> read(file, ReaderLimits.defaults().withMaxStringLength(100)))
                .hasMessage("t.json:2:25: event 0: string longer than the reader limit of 100 characters"
                        + " (--max-string-length)");
        Path deep = TraceIo.write(dir, "deep.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": [\n"
                + "{\"op\": \"mark\", \"x\": [[[[[[1]]]]]]}]}");
        assertThatThrownBy(() -> read(deep, ReaderLimits.defaults().withMaxNestingDepth(5)))
                .hasMessage("deep.json:2:24: event 0: nesting deeper than the reader limit of 5 levels"
                        + " (--max-nesting-depth)");
        Path number = TraceIo.write(dir, "n.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": [\n"
                + "{\"op\": \"mark\", \"t\": 12345678901234567890123}]}");
        assertThatThrownBy(() -> read(number, ReaderLimits.defaults().withMaxNumberLength(10)))
                .hasMessage("n.json:2:44: event 0: number longer than the reader limit of 10 characters"
                        + " (--max-number-length)");
        Path key = TraceIo.write(dir, "k.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": [\n"
                + "{\"op\": \"mark\", \"" + "k".repeat(30) + "\": 1}]}");
        assertThatThrownBy(() -> read(key, ReaderLimits.defaults().withMaxNameLength(20)))
                .hasMessage("k.json:2:48: event 0: key longer than the reader limit of 20 characters"
                        + " (--max-name-length)");
        StringBuilder big = new StringBuilder("{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": [\n");
        for (int i = 0; i < 2000; i++) {
            big.append("{\"op\": \"mark\"},\n");
        }
        Path doc = TraceIo.write(dir, "big.json", big.append("{\"op\": \"mark\"}]}").toString());
        assertThatThrownBy(() -> read(doc, ReaderLimits.defaults().withMaxDocumentLength(10_000)))
                .message().endsWith("input longer than the reader limit of 10000 bytes (--max-document-length)");
        assertThat(read(doc, ReaderLimits.defaults())).hasSize(2001);
    }

    private static List<Event> read(Path file, ReaderLimits limits) throws Exception {
        try (TraceSource src = TraceFiles.open(file, file.getFileName().toString(), limits)) {
            return TraceIo.drain(src);
        }
    }

    @Test
    void seqJumpsAreNotErrorsAndNumberEvents() throws Exception {
        Path file = TraceIo.write(dir, "t.json", """
                {"labyrinth": 1, "machine": {"pages": 8}, "events": [
                {"seq": 41, "op": "mark"}, {"seq": 45, "op": "mark"}, {"op": "mark"}
                ]}
                """);
        List<Event> events = TraceIo.readAll(file);
        assertThat(events).extracting(Event::number).containsExactly(41L, 45L, 2L);
        assertThat(events).extracting(e -> e.common().seqGiven()).containsExactly(true, true, false);
    }

    @Test
    void readsALongStreamOneEventAtATime() throws Exception {
        Path file = dir.resolve("many.ndjson");
        try (var out = Files.newOutputStream(file);
                JsonTraceWriter w = JsonTraceWriter.stream(out, new Header(Scope.COMPLETE,
                        labyrinth.core.Machine.ofPages(1024)))) {
            for (int i = 0; i < 200_000; i++) {
                w.write(new Event.Access(labyrinth.trace.CommonFields.at(i), i % 1024, true));
            }
        }
        long n = 0;
        try (TraceSource src = TraceFiles.open(file, "many.ndjson")) {
            while (src.next() != null) {
                n++;
            }
        }
        assertThat(n).isEqualTo(200_000);
    }
}
