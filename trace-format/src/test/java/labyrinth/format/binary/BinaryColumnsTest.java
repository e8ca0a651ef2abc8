package labyrinth.format.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceFiles;
import labyrinth.format.json.RandomTraces;
import labyrinth.testing.Seeds;
import labyrinth.trace.ColumnSource;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Header;
import labyrinth.trace.ReadAhead;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;

/**
 * The binary reader's batches of columns ({@link BinaryTraceReader#fill}), directly and through the
 * read-ahead, against its events one by one: the same events, then the same end, truncation or error.
 */
class BinaryColumnsTest {
    /** What a pass over a source gave: its events, then the error that ended it (or null). */
    private record Pass(List<Event> events, String error, TraceSource.Truncation truncation) {
    }

    @Test
    void batchesHoldTheEventsNextGives() throws Exception {
        Seeds.each(1, 30, seed -> {
            RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            Header header = RandomTraces.header(rnd);
            List<Event> events = RandomTraces.events(rnd, header.machine(), rnd.nextInt(3 * EventColumns.CAPACITY));
            byte[] bytes = BinaryRoundTripTest.write(header, events);
            Pass byEvent = byEvent(open(bytes));
            assertThat(byColumns(open(bytes))).isEqualTo(byEvent);
            assertThat(byColumns(ReadAhead.of(open(bytes)))).isEqualTo(byEvent);
            // a cut or a broken byte part-way: the events before it, then the same end
            int at = bytes.length - 1 - rnd.nextInt(Math.max(1, bytes.length / 2));
            byte[] cut = java.util.Arrays.copyOf(bytes, at);
            assertThat(byColumns(open(cut))).isEqualTo(byEvent(open(cut)));
            byte[] broken = bytes.clone();
            broken[at] = (byte) 0xff;
            assertThat(byColumns(open(broken))).isEqualTo(byEvent(open(broken)));
            assertThat(byColumns(ReadAhead.of(open(broken)))).isEqualTo(byEvent(open(broken)));
        });
    }

    private static TraceSource open(byte[] bytes) throws TraceException {
        return TraceFiles.open(new ByteArrayInputStream(bytes), "b.lbt", ReaderLimits.defaults());
    }

    private static Pass byEvent(TraceSource src) throws Exception {
        List<Event> got = new ArrayList<>();
        try (src) {
            for (Event e = src.next(); e != null; e = src.next()) {
                got.add(e);
            }
            assertThat(src.next()).isNull();
            return new Pass(got, null, src.truncation());
        } catch (TraceException e) {
            return new Pass(got, e.getMessage(), null);
        }
    }

    private static Pass byColumns(TraceSource src) throws Exception {
        assertThat(src).isInstanceOf(ColumnSource.class);
        ColumnSource columns = (ColumnSource) src;
        List<Event> got = new ArrayList<>();
        EventColumns b = new EventColumns();
        try (src) {
            while (columns.fill(b)) {
                assertThat(b.size()).isBetween(1, EventColumns.CAPACITY);
                for (int i = 0; i < b.size(); i++) {
                    got.add(b.event(i));
                }
            }
            assertThat(b.size()).isZero();
            assertThat(columns.fill(b)).isFalse();
            return new Pass(got, null, src.truncation());
        } catch (TraceException e) {
            return new Pass(got, e.getMessage(), null);
        }
    }
}
