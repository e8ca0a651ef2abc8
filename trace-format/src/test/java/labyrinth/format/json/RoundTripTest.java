package labyrinth.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceFiles;
import labyrinth.testing.Seeds;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;

/** Seeded random traces written in both encodings read back equal (positions aside). */
class RoundTripTest {
    @Test
    void randomTracesRoundTrip() throws Exception {
        Seeds.each(1, 200, seed -> {
            RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            Header header = RandomTraces.header(rnd);
            List<Event> events = RandomTraces.events(rnd, header.machine(), rnd.nextInt(60));
            for (boolean document : new boolean[] {true, false}) {
                byte[] bytes = JsonTraceCodecTest.write(header, events, document);
                try (TraceSource src = TraceFiles.open(new ByteArrayInputStream(bytes), "rt", ReaderLimits.defaults())) {
                    assertThat(src.header()).isEqualTo(header);
                    assertThat(TraceIo.unlocated(TraceIo.drain(src)))
                            .as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(events);
                    assertThat(src.truncation()).isNull();
                }
            }
        });
    }
}
