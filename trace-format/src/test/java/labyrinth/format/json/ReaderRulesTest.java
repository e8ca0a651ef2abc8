package labyrinth.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One invalid trace per rule of TRACE-FORMAT.md, each with the exact message, line and column.
 * Events sit on line 3 of a document whose machine has 1024 pages and maxOrder 10.
 */
class ReaderRulesTest {
    @TempDir
    Path dir;

    private static final String HEAD = "{\"labyrinth\": 1, \"machine\": {\"pages\": 1024},\n\"events\": [\n";

    /** A document with these event lines from line 3. */
    static String doc(String events) {
        return HEAD + events + "\n]}\n";
    }

    static Arguments rule(String name, String text, String message) {
        return Arguments.of(name, text, "trace.json:" + message);
    }

    static Arguments event(String name, String eventLines, String message) {
        return rule(name, doc(eventLines), message);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // header
                rule("version other than 1", "{\"labyrinth\": 2, \"machine\": {\"pages\": 64}, \"events\": []}",
                        "1:15: \"labyrinth\" must be 1 (the only format version this labyrinth reads), found 2"),
                rule("version missing", "{\"machine\": {\"pages\": 64}, \"events\": []}",
                        "1:28: the header must have \"labyrinth\", found \"events\" first"),
                rule("machine missing", "{\"labyrinth\": 1, \"events\": []}",
                        "1:18: the header must have \"machine\", found \"events\" first"),
                rule("machine missing in a stream header", "{\"labyrinth\": 1}\n{\"op\": \"mark\"}\n",
                        "1:16: the header must have \"machine\", found none"),
                rule("two objects on one line of a stream",
                        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}}\n{\"op\": \"mark\"} {\"op\": \"mark\"}\n",
                        "2:16: event 1: each line of a JSON Lines trace must hold one object, found another on line 2"),
                rule("event after the header on its line",
                        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}} {\"op\": \"mark\"}\n",
                        "1:44: event 0: each line of a JSON Lines trace must hold one object, found another on line 1"),
                rule("stream event over two lines",
                        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}}\n{\"op\":\n \"mark\"}\n",
                        "3:8: event 0: an event of a JSON Lines trace must be on one line, found it going on to line 3"),
                rule("header key twice", "{\"labyrinth\": 1, \"labyrinth\": 1, \"machine\": {\"pages\": 64}}",
                        "1:31: \"labyrinth\" must be given once, found it again"),
                rule("scope unknown", "{\"labyrinth\": 1, \"scope\": \"full\", \"machine\": {\"pages\": 64}}",
                        "1:27: \"scope\" must be \"complete\" or \"window\", found \"full\""),
                rule("machine not an object", "{\"labyrinth\": 1, \"machine\": 64}",
                        "1:29: \"machine\" must be an object, found 64"),
                rule("page size not a power of two", "{\"labyrinth\": 1, \"machine\": {\"pageSize\": 1000, \"pages\": 64}}",
                        "1:42: \"pageSize\" must be a power of two from 512 to 65536, found 1000"),
                rule("page size too small", "{\"labyrinth\": 1, \"machine\": {\"pageSize\": 256, \"pages\": 64}}",
                        "1:42: \"pageSize\" must be a power of two from 512 to 65536, found 256"),
                rule("max order above 20", "{\"labyrinth\": 1, \"machine\": {\"maxOrder\": 21, \"pages\": 64}}",
                        "1:42: \"maxOrder\" must be an integer from 0 to 20, found 21"),
                rule("pages and zones", "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"zones\": []}}",
                        "1:52: \"machine\" must have only one of \"pages\" and \"zones\", found both"),
                rule("neither pages nor zones", "{\"labyrinth\": 1, \"machine\": {\"maxOrder\": 3}}",
                        "1:29: \"machine\" must have \"pages\" or \"zones\", found neither"),
                rule("pages zero", "{\"labyrinth\": 1, \"machine\": {\"pages\": 0}}",
                        "1:39: \"pages\" must be an integer >= 1, found 0"),
                rule("min_free_kbytes negative", "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"minFreeKbytes\": -1}}",
                        "1:60: \"minFreeKbytes\" must be an integer >= 0, found -1"),
                rule("scale factor out of range",
                        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"watermarkScaleFactor\": 3001}}",
                        "1:67: \"watermarkScaleFactor\" must be an integer from 1 to 3000, found 3001"),
                rule("thp not a boolean",
                        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"transparentHugepages\": \"yes\"}}",
                        "1:67: \"transparentHugepages\" must be true or false, found \"yes\""),
                rule("kernel not a version", "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"kernel\": \"lts\"}}",
                        "1:53: \"kernel\" must be a Linux version starting with major.minor (\"6.6\", "
                                + "\"5.15.0-91-generic\"), found \"lts\""),
                rule("kernel not a string", "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"kernel\": 6.6}}",
                        "1:53: \"kernel\" must be a string, found 6.6"),
                rule("direct map base not hex", "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"directMapBase\": 4096}}",
                        "1:60: \"directMapBase\" must be a hex string like \"0xffff888000000000\", found 4096"),
                rule("zones empty", "{\"labyrinth\": 1, \"machine\": {\"zones\": []}}",
                        "1:39: \"zones\" must have at least one zone, found none"),
                rule("zone name unknown",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"HighMem\", \"startPfn\": 0, \"pages\": 64}]}}",
                        "2:10: \"name\" must be one of DMA, DMA32, Normal, found \"HighMem\""),
                rule("zone without start",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"DMA\", \"pages\": 64}]}}",
                        "2:1: a zone must have \"startPfn\", found none"),
                rule("zones overlapping",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"DMA32\", \"startPfn\": 0, \"pages\": 512},\n"
                                + "{\"name\": \"Normal\", \"startPfn\": 256, \"pages\": 512}]}}",
                        "3:32: \"startPfn\" must be at least 512 (the end of DMA32: zones ascend without overlapping), found 256"),
                rule("zone named twice",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"Normal\", \"startPfn\": 0, \"pages\": 512},\n"
                                + "{\"name\": \"Normal\", \"startPfn\": 512, \"pages\": 512}]}}",
                        "3:10: \"name\" must name each zone at most once, found \"Normal\" again"),
                rule("zones descending",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"Normal\", \"startPfn\": 0, \"pages\": 512},\n"
                                + "{\"name\": \"DMA32\", \"startPfn\": 512, \"pages\": 512}]}}",
                        "3:10: \"name\" must be a zone above Normal (zones ascend DMA, DMA32, Normal), found \"DMA32\""),
                rule("watermarks out of order",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"Normal\", \"startPfn\": 0, \"pages\": 512,\n"
                                + "\"watermarks\": {\"min\": 100, \"low\": 80, \"high\": 150}}]}}",
                        "3:35: \"low\" must be at least \"min\" (100), found 80"),
                rule("watermarks incomplete",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"Normal\", \"startPfn\": 0, \"pages\": 512,\n"
                                + "\"watermarks\": {\"min\": 100, \"low\": 120}}]}}",
                        "3:15: \"watermarks\" must have \"min\", \"low\" and \"high\", found no \"high\""),
                rule("lowmem reserve for a lower zone",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"DMA32\", \"startPfn\": 0, \"pages\": 512,\n"
                                + "\"lowmemReserve\": {\"DMA\": 4}}]}}",
                        "3:19: \"lowmemReserve\" keys must name a zone above DMA32, found \"DMA\""),
                rule("lowmem reserve for no zone",
                        "{\"labyrinth\": 1, \"machine\": {\"zones\": [\n{\"name\": \"DMA32\", \"startPfn\": 0, \"pages\": 512,\n"
                                + "\"lowmemReserve\": {\"HighMem\": 4}}]}}",
                        "3:19: \"lowmemReserve\" keys must be DMA32 or Normal, found \"HighMem\""),
                rule("meta value not a string or number",
                        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"meta\": {\"host\": [\"a\"]}}",
                        "1:61: \"meta\" values must be strings or numbers, found an array"),
                rule("events not an array", "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"events\": {}}",
                        "1:54: \"events\" must be an array, found an object"),
                rule("key after events", "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"events\": [], \"meta\": {}}",
                        "1:58: expected the end of the trace after \"events\", found key \"meta\""),
                rule("content after the document", "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"events\": []}\n{}\n",
                        "2:1: expected the end of the file after the trace, found an object"),
                rule("not a JSON object (nor kernel trace text)", "hello, world\n",
                        "1:1: expected a Labyrinth trace (JSON object) or kernel trace text, found \"hello, world\""),
                rule("empty file", "\n\n",
                        "1:1: expected a Labyrinth trace (JSON object) or kernel trace text, found an empty file"),
                rule("array at top level", "[{\"labyrinth\": 1}]",
                        "1:1: expected a Labyrinth trace (JSON object) or kernel trace text, found \"[{\\\"labyrinth\\\": 1}]\""),
                rule("cut inside the header", "{\"labyrinth\": 1, \"machine\": {\"pa",
                        "1:33: expected the rest of the header, found the end of the file"),
                rule("malformed header", "{\"labyrinth\": 1 \"machine\": {\"pages\": 64}}",
                        "1:17: malformed JSON: expected comma to separate Object entries, found '\"'"),
                // events
                event("op missing", "{\"seq\": 4, \"owner\": \"a\"}",
                        "3:1: event 4: an event must have \"op\" (one of alloc, free, access, transfer, panic, mark), found none"),
                event("op unknown", "{\"op\": \"malloc\"}",
                        "3:8: event 0: \"op\" must be one of alloc, free, access, transfer, panic, mark, found \"malloc\""),
                event("seq negative", "{\"op\": \"mark\", \"seq\": -1}",
                        "3:23: event 0: \"seq\" must be an integer >= 0, found -1"),
                event("seq not increasing", "{\"op\": \"mark\", \"seq\": 41},\n{\"op\": \"mark\", \"seq\": 41}",
                        "4:23: event 1: \"seq\" must be greater than the previous event's 41, found 41"),
                event("time decreasing", "{\"op\": \"mark\", \"t\": 1500},\n{\"op\": \"mark\", \"t\": 1200}",
                        "4:21: event 1: \"t\" must not be less than the previous event's 1500, found 1200"),
                event("cpu negative", "{\"op\": \"mark\", \"cpu\": -2}",
                        "3:23: event 0: \"cpu\" must be an integer >= 0, found -2"),
                event("ctx unknown", "{\"op\": \"alloc\", \"ctx\": \"irq\"}",
                        "3:24: event 0: \"ctx\" must be one of task, atomic, softirq, hardirq, nmi, found \"irq\""),
                event("owner not a string", "{\"op\": \"alloc\", \"owner\": 7}",
                        "3:26: event 0: \"owner\" must be a string, found 7"),
                event("site not a string", "{\"op\": \"alloc\", \"site\": null}",
                        "3:25: event 0: \"site\" must be a string, found null"),
                event("pfn and addr", "{\"op\": \"free\", \"pfn\": 1, \"addr\": \"0xffff888000001000\"}",
                        "3:26: event 0: an event must have at most one of \"pfn\" and \"addr\", found both"),
                event("addr not hex", "{\"op\": \"free\", \"addr\": 4096}",
                        "3:24: event 0: \"addr\" must be a hex string like \"0xffff888000000000\", found 4096"),
                event("addr below the direct map", "{\"op\": \"free\", \"addr\": \"0x1000\"}",
                        "3:24: event 0: \"addr\" must be at or above the direct-map base 0xffff888000000000, found \"0x1000\""),
                event("pfn negative", "{\"op\": \"access\", \"pfn\": -5}",
                        "3:25: event 0: \"pfn\" must be an integer >= 0, found -5"),
                event("order out of range", "{\"seq\": 912, \"op\": \"alloc\", \"order\": -1}",
                        "3:38: event 912: \"order\" must be an integer from 0 to 10, found -1"),
                event("order above max order", "{\"op\": \"alloc\", \"order\": 11}",
                        "3:26: event 0: \"order\" must be an integer from 0 to 10, found 11"),
                event("order not an integer", "{\"op\": \"alloc\", \"order\": 1.5}",
                        "3:26: event 0: \"order\" must be an integer from 0 to 10, found 1.5"),
                event("gfp unknown name", "{\"op\": \"alloc\", \"gfp\": \"GFP_ATOMC|__GFP_NOWARN\"}",
                        "3:24: event 0: \"gfp\" must be GFP flag names or a hex mask, found \"GFP_ATOMC|__GFP_NOWARN\": "
                                + "unknown GFP flag \"GFP_ATOMC\" (did you mean \"GFP_ATOMIC\"?)"),
                event("gfp a number", "{\"op\": \"alloc\", \"gfp\": 2080}",
                        "3:24: event 0: \"gfp\" must be GFP flag names or a hex mask, found 2080"),
                event("fn contradicts order",
                        "{\"op\": \"alloc\", \"fn\": \"labyrinth_void_alloc_page_gfp_atomic\", \"order\": 2}",
                        "3:72: event 0: \"order\" must be 0 as fn labyrinth_void_alloc_page_gfp_atomic implies, found 2"),
                event("fn contradicts gfp",
                        "{\"op\": \"alloc\", \"gfp\": \"GFP_KERNEL\", \"fn\": \"labyrinth_void_alloc_page_gfp_atomic_exclusive\"}",
                        "3:24: event 0: \"gfp\" must be GFP_ATOMIC|__GFP_EXCLUSIVE as fn"
                                + " labyrinth_void_alloc_page_gfp_atomic_exclusive implies, found \"GFP_KERNEL\""),
                event("alloc result beyond the machine", "{\"op\": \"alloc\", \"pfn\": 1024}",
                        "3:24: event 0: \"pfn\" must be a page of the machine (0 to 1023), found 1024"),
                event("alloc block beyond the machine", "{\"op\": \"alloc\", \"order\": 3, \"pfn\": 1020}",
                        "3:36: event 0: \"pfn\" must be the first page of an order-3 block inside the machine"
                                + " (pfns 0 to 1023), found 1020"),
                event("free without page", "{\"op\": \"free\", \"owner\": \"a\"}",
                        "3:1: event 0: a free must have \"pfn\" or \"addr\", found neither"),
                event("access without page", "{\"op\": \"access\"}",
                        "3:1: event 0: an access must have \"pfn\" or \"addr\", found neither"),
                event("access of NULL", "{\"op\": \"access\", \"pfn\": null}",
                        "3:25: event 0: \"pfn\" of an access must be a page, found null"),
                event("transfer of address 0", "{\"op\": \"transfer\", \"addr\": \"0x0\", \"to\": \"b\"}",
                        "3:28: event 0: \"addr\" of a transfer must be a page, found \"0x0\""),
                event("access mode unknown", "{\"op\": \"access\", \"pfn\": 3, \"mode\": \"rw\"}",
                        "3:36: event 0: \"mode\" must be \"read\" or \"write\", found \"rw\""),
                event("transfer without to", "{\"op\": \"transfer\", \"pfn\": 3}",
                        "3:1: event 0: a transfer must have \"to\", found none"),
                event("panic without message", "{\"op\": \"panic\", \"cause\": 3}",
                        "3:1: event 0: a panic must have \"message\", found none"),
                event("panic cause negative", "{\"op\": \"panic\", \"message\": \"x\", \"cause\": -1}",
                        "3:42: event 0: \"cause\" must be an integer >= 0, found -1"),
                event("mark label not a string", "{\"op\": \"mark\", \"label\": 5}",
                        "3:25: event 0: \"label\" must be a string, found 5"),
                event("event not an object", "{\"op\": \"mark\"},\n42",
                        "4:1: expected an event object, found 42"),
                event("key twice", "{\"op\": \"free\", \"pfn\": 1, \"pfn\": 2}",
                        "3:26: event 0: \"pfn\" must be given once, found it again"),
                event("malformed event", "{\"op\": \"mark\" \"label\": \"x\"}",
                        "3:15: event 0: malformed JSON: expected comma to separate Object entries, found '\"'"),
                event("bad literal", "{\"op\": \"mark\", \"label\": nul }",
                        "3:25: event 0: malformed JSON: expected a JSON value, found \"nul\""),
                rule("stream event line not an object",
                        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}}\n{\"op\": \"mark\"}\n[1]\n",
                        "3:1: expected an event object, found an array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rejectsWithOneLocatedMessage(String name, String text, String message) {
        Path file = TraceIo.write(dir, "trace.json", text);
        assertThatThrownBy(() -> TraceIo.readAll(file))
                .isInstanceOf(TraceException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void messagesNameNoJacksonClass(String name, String text, String message) {
        assertThat(message).doesNotContainIgnoringCase("jackson").doesNotContain("Exception");
    }
}
