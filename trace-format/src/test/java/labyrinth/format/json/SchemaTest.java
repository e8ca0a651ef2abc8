package labyrinth.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGeneratorFactory;
import labyrinth.testing.Seeds;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped JSON Schema accepts every example and agrees with the reader on invalid traces it can express. */
class SchemaTest {
    static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/labyrinth-trace-v1.schema.json")) {
            assertThat(in).as("schema on the classpath").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in, InputFormat.JSON);
        }
    }

    static List<String> errors(String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    @Test
    void acceptsEveryExampleAndSampleTrace() throws Exception {
        List<Path> traces = new ArrayList<>(TraceIo.exampleTraces());
        traces.addAll(TraceIo.sampleTraces());
        assertThat(traces).isNotEmpty();
        for (Path p : traces) {
            assertThat(errors(Files.readString(p))).as(p.toString()).isEmpty();
        }
    }

    @Test
    void acceptsWhatTheWriterWrites() throws Exception {
        Seeds.each(1000, 50, seed -> {
            var rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            var header = RandomTraces.header(rnd);
            var events = RandomTraces.events(rnd, header.machine(), 30);
            String doc = new String(JsonTraceCodecTest.write(header, events, true), StandardCharsets.UTF_8);
            assertThat(errors(doc)).as(doc).isEmpty();
        });
    }

    private static final String H = "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"events\": [";

    /** Invalid traces a schema can express: the schema and the reader both reject them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"labyrinth\": 2, \"machine\": {\"pages\": 64}, \"events\": []}",
        "{\"machine\": {\"pages\": 64}, \"events\": []}",
        "{\"labyrinth\": 1, \"events\": []}",
        "{\"labyrinth\": 1, \"scope\": \"full\", \"machine\": {\"pages\": 64}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"pageSize\": 1000, \"pages\": 64}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"maxOrder\": 21, \"pages\": 64}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"zones\": [{\"name\": \"Normal\", \"startPfn\": 0, \"pages\": 8}]}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"pages\": 0}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64, \"directMapBase\": 4096}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"zones\": []}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"zones\": [{\"name\": \"HighMem\", \"startPfn\": 0, \"pages\": 8}]}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"zones\": [{\"name\": \"DMA\", \"pages\": 8}]}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"zones\": [{\"name\": \"DMA\", \"startPfn\": 0, \"pages\": 8, \"watermarks\": {\"min\": 1}}]}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"zones\": [{\"name\": \"DMA32\", \"startPfn\": 0, \"pages\": 8, \"lowmemReserve\": {\"HighMem\": 1}}]}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"meta\": {\"a\": [1]}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"events\": {}}",
        H + "{\"seq\": 1}]}",
        H + "{\"op\": \"malloc\"}]}",
        H + "{\"op\": \"mark\", \"seq\": -1}]}",
        H + "{\"op\": \"mark\", \"cpu\": -1}]}",
        H + "{\"op\": \"mark\", \"t\": 1.5}]}",
        H + "{\"op\": \"alloc\", \"ctx\": \"irq\"}]}",
        H + "{\"op\": \"alloc\", \"owner\": 7}]}",
        H + "{\"op\": \"alloc\", \"site\": null}]}",
        H + "{\"op\": \"free\", \"pfn\": 1, \"addr\": \"0xffff888000001000\"}]}",
        H + "{\"op\": \"free\", \"addr\": 4096}]}",
        H + "{\"op\": \"free\", \"addr\": \"ffff888000001000\"}]}",
        H + "{\"op\": \"access\", \"pfn\": -5}]}",
        H + "{\"op\": \"alloc\", \"order\": -1}]}",
        H + "{\"op\": \"alloc\", \"order\": 21}]}",
        H + "{\"op\": \"alloc\", \"gfp\": \"GFP_ATOMC\"}]}",
        H + "{\"op\": \"alloc\", \"gfp\": \"GFP_KERNEL|0x1000\"}]}",
        H + "{\"op\": \"alloc\", \"gfp\": 2080}]}",
        H + "{\"op\": \"alloc\", \"fn\": \"labyrinth_void_alloc_page_gfp_atomic\", \"order\": 2}]}",
        H + "{\"op\": \"free\", \"owner\": \"a\"}]}",
        H + "{\"op\": \"access\"}]}",
        H + "{\"op\": \"access\", \"pfn\": null}]}",
        H + "{\"op\": \"transfer\", \"addr\": \"0x0\", \"to\": \"b\"}]}",
        H + "{\"op\": \"access\", \"pfn\": 3, \"mode\": \"rw\"}]}",
        H + "{\"op\": \"transfer\", \"pfn\": 3}]}",
        H + "{\"op\": \"panic\", \"cause\": 3}]}",
        H + "{\"op\": \"panic\", \"message\": \"x\", \"cause\": -1}]}",
        H + "{\"op\": \"mark\", \"label\": 5}]}",
        H + "42]}",
        H + "{\"op\": \"mark\", \"stack\": [1]}]}",
    })
    void schemaAndReaderBothReject(String json) {
        assertThat(errors(json)).as("schema errors for " + json).isNotEmpty();
        Path file = TraceIo.write(dir, "t.json", json);
        assertThatThrownBy(() -> TraceIo.readAll(file)).as(json).isInstanceOf(TraceException.class);
    }

    /** Rules beyond a schema: only the reader rejects these (the schema's description lists them). */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"events\": [], \"labyrinth\": 1, \"machine\": {\"pages\": 64}}",
        H + "{\"op\": \"mark\", \"seq\": 5}, {\"op\": \"mark\", \"seq\": 5}]}",
        H + "{\"op\": \"mark\", \"t\": 5}, {\"op\": \"mark\", \"t\": 4}]}",
        H + "{\"op\": \"alloc\", \"order\": 11}]}",
        H + "{\"op\": \"alloc\", \"pfn\": 64}]}",
        H + "{\"op\": \"free\", \"addr\": \"0x1000\"}]}",
        H + "{\"op\": \"alloc\", \"fn\": \"labyrinth_void_alloc_page_gfp_atomic\", \"gfp\": \"GFP_KERNEL\"}]}",
        "{\"labyrinth\": 1, \"machine\": {\"zones\": [{\"name\": \"Normal\", \"startPfn\": 0, \"pages\": 8},"
                + " {\"name\": \"DMA\", \"startPfn\": 8, \"pages\": 8}]}, \"events\": []}",
        "{\"labyrinth\": 1, \"machine\": {\"zones\": [{\"name\": \"Normal\", \"startPfn\": 0, \"pages\": 8,"
                + " \"watermarks\": {\"min\": 3, \"low\": 2, \"high\": 4}}]}, \"events\": []}",
    })
    void onlyTheReaderRejects(String json) {
        assertThat(errors(json)).as("schema errors for " + json).isEmpty();
        Path file = TraceIo.write(dir, "t.json", json);
        assertThatThrownBy(() -> TraceIo.readAll(file)).as(json).isInstanceOf(TraceException.class);
    }
}
