package labyrinth.format.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceFiles;
import labyrinth.format.json.RandomTraces;
import labyrinth.format.json.TraceIo;
import labyrinth.testing.Seeds;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;

/** The binary encoding (docs/binary-format.md): seeded random traces read back equal; cut files yield a prefix. */
class BinaryRoundTripTest {
    static byte[] write(Header header, List<Event> events) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BinaryTraceWriter w = BinaryTraceWriter.open(out, header)) {
            for (Event e : events) {
                w.write(e);
            }
        }
        return out.toByteArray();
    }

    @Test
    void randomTracesRoundTrip() throws Exception {
        Seeds.each(1, 200, seed -> {
            RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            Header header = RandomTraces.header(rnd);
            List<Event> events = RandomTraces.events(rnd, header.machine(), rnd.nextInt(60));
            byte[] bytes = write(header, events);
            try (TraceSource src = TraceFiles.open(new ByteArrayInputStream(bytes), "rt", ReaderLimits.defaults())) {
                assertThat(src).isInstanceOf(BinaryTraceReader.class);
                assertThat(src.header()).isEqualTo(header);
                assertThat(TraceIo.unlocated(TraceIo.drain(src))).isEqualTo(events);
                assertThat(src.truncation()).isNull();
            }
        });
    }

    @Test
    void everyCutYieldsItsCompleteEventsThenATruncation() throws Exception {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
        Header header = RandomTraces.header(rnd);
        List<Event> events = RandomTraces.events(rnd, header.machine(), 40);
        byte[] bytes = write(header, events);
        int headerEnd = headerLength(header);
        for (int cut = headerEnd; cut < bytes.length; cut++) {
            byte[] part = Arrays.copyOf(bytes, cut);
            try (TraceSource src = TraceFiles.open(new ByteArrayInputStream(part), "cut", ReaderLimits.defaults())) {
                List<Event> got = TraceIo.unlocated(TraceIo.drain(src));
                assertThat(got).as("cut at " + cut).isEqualTo(events.subList(0, got.size()));
                assertThat(src.truncation()).as("cut at " + cut).isNotNull();
                assertThat(src.truncation().eventsRead()).isEqualTo(got.size());
                assertThat(src.truncation().byteOffset()).isEqualTo(cut);
            }
        }
    }

    /** The binary reader hands its values to TraceRules: a broken rule reads as in a JSON trace, located by byte. */
    @Test
    void rulesReadTheSameAsInJson() throws Exception {
        Header header = new Header(Header.VERSION, Scope.COMPLETE, Machine.ofPages(1024), null);
        CommonFields at = new CommonFields(0, false, 0, 0, 1500, -1, Context.TASK, "a", null, null);
        CommonFields earlier = new CommonFields(1, false, 0, 0, 1200, -1, Context.TASK, "a", null, null);
        List<String> messages = new ArrayList<>();
        for (List<Event> events : List.of(
                List.<Event>of(new Event.Alloc(at, 11, Gfp.GFP_KERNEL, null, Event.UNRECORDED, null)),
                List.<Event>of(new Event.Alloc(at, 2, Gfp.GFP_KERNEL, null, 1022, null)),
                List.<Event>of(new Event.Mark(at, null), new Event.Mark(earlier, null)))) {
            try (TraceSource src = TraceFiles.open(new ByteArrayInputStream(write(header, events)), "b.lbt",
                    ReaderLimits.defaults())) {
                TraceIo.drain(src);
            } catch (TraceException e) {
                messages.add(e.getMessage().replaceAll(" \\(byte \\d+\\)$", ""));
            }
        }
        assertThat(messages).containsExactly(
                "b.lbt: event 0: \"order\" must be an integer from 0 to 10, found 11",
                "b.lbt: event 0: \"pfn\" must be the first page of an order-2 block inside the machine (pfns 0 to 1023), found 1022",
                "b.lbt: event 1: \"t\" must not be less than the previous event's 1500, found 1200");
    }

    private static int headerLength(Header header) throws Exception {
        return write(header, List.of()).length - 2; // the end record of no events: tag and count 0
    }
}
