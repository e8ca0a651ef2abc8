package labyrinth.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import labyrinth.core.Machine;
import labyrinth.testing.Seeds;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private static final Header HEADER = new Header(Scope.COMPLETE, Machine.ofPages(64));

    /** A source of {@code count} marks, then the given failure, or the end (cut short as given). */
    private static final class Scripted implements TraceSource {
        final int count;
        final Exception failure;
        final Truncation truncation;
        final AtomicBoolean closed = new AtomicBoolean();
        int given;

        Scripted(int count, Exception failure, Truncation truncation) {
            this.count = count;
            this.failure = failure;
            this.truncation = truncation;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Header header() {
            return HEADER;
        }

        @Override
        public Event next() throws TraceException {
            if (given < count) {
                return new Event.Mark(CommonFields.at(given++), "m");
            }
            if (failure instanceof TraceException e) {
                throw e;
            } else if (failure instanceof RuntimeException e) {
                throw e;
            }
            return null;
        }

        @Override
        public Truncation truncation() {
            return truncation;
        }

        @Override
        public long bytesRead() {
            return given * 10L;
        }

        @Override
        public List<String> warnings() {
            return List.of("warned after " + given);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static List<Long> drain(TraceSource s, List<Long> numbers) throws TraceException {
        for (Event e = s.next(); e != null; e = s.next()) {
            numbers.add(e.common().number());
        }
        assertThat(s.next()).as("stays at the end").isNull();
        return numbers;
    }

    @Test
    void yieldsTheSameEventsInOrderAcrossBatchBoundaries() throws Exception {
        int b = ReadAhead.BATCH;
        for (int size : new int[] {0, 1, b - 1, b, b + 1, 2 * b, b * (ReadAhead.DEPTH + 3) + 7}) {
            Scripted source = new Scripted(size, null, null);
            try (TraceSource r = ReadAhead.of(source)) {
                assertThat(r.header()).isSameAs(HEADER);
                assertThat(r.name()).isEqualTo("scripted");
                List<Long> got = drain(r, new ArrayList<>());
                assertThat(got).as("size %d", size).hasSize(size);
                for (int i = 0; i < size; i++) {
                    assertThat(got.get(i)).isEqualTo(i);
                }
                assertThat(r.truncation()).isNull();
                assertThat(r.warnings()).containsExactly("warned after " + size);
                assertThat(r.bytesRead()).as("the wrapped source's count").isEqualTo(size * 10L);
            }
            assertThat(source.closed).isTrue();
        }
    }

    /** Events from a source of objects come as columns too, a batch at most, then the same error. */
    @Test
    void fillsColumnsFromASourceOfObjects() throws Exception {
        int b = ReadAhead.BATCH;
        for (int size : new int[] {0, 1, b + 1, b * (ReadAhead.DEPTH + 3) + 7}) {
            TraceException bad = new TraceException("scripted", 0, 0, size, "broken");
            TraceSource r = ReadAhead.of(new Scripted(size, bad, null));
            assertThat(r).isInstanceOf(ColumnSource.class);
            EventColumns batch = new EventColumns();
            List<Event> got = new ArrayList<>();
            try (r) {
                assertThatThrownBy(() -> {
                    while (((ColumnSource) r).fill(batch)) {
                        assertThat(batch.size()).isBetween(1, EventColumns.CAPACITY);
                        for (int i = 0; i < batch.size(); i++) {
                            got.add(batch.event(i));
                        }
                    }
                }).isSameAs(bad);
            }
            assertThat(got).hasSize(size);
            for (int i = 0; i < size; i++) {
                assertThat(got.get(i)).isEqualTo(new Event.Mark(CommonFields.at(i), "m"));
            }
        }
    }

    @Test
    void aReadErrorArrivesAfterEveryEventBeforeIt() {
        for (long seed : Seeds.range(11, 1)) {
            aReadErrorArrivesAfterEveryEventBeforeIt(seed);
        }
    }

    private static void aReadErrorArrivesAfterEveryEventBeforeIt(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 30; round++) {
            int size = random.nextInt(5 * ReadAhead.BATCH);
            TraceException bad = new TraceException("t.json", 9, 3, size, "broken");
            TraceSource r = ReadAhead.of(new Scripted(size, bad, null));
            List<Long> got = new ArrayList<>();
            assertThatThrownBy(() -> drain(r, got)).as("seed %d round %d", seed, round).isSameAs(bad);
            assertThat(got).as("seed %d round %d", seed, round).hasSize(size);
        }
    }

    @Test
    void aRuntimeFailureOfTheReaderIsRethrownAsItself() {
        IllegalStateException boom = new IllegalStateException("reader bug");
        TraceSource r = ReadAhead.of(new Scripted(3, boom, null));
        List<Long> got = new ArrayList<>();
        assertThatThrownBy(() -> drain(r, got)).isSameAs(boom);
        assertThat(got).hasSize(3);
    }

    @Test
    void truncationPassesThrough() throws Exception {
        TraceSource.Truncation cut = new TraceSource.Truncation(4, 5, 123);
        try (TraceSource r = ReadAhead.of(new Scripted(5, null, cut))) {
            assertThat(drain(r, new ArrayList<>())).hasSize(5);
            assertThat(r.truncation()).isEqualTo(cut);
        }
    }

    @Test
    void closingEarlyStopsTheReaderAndClosesTheSource() throws Exception {
        Scripted endless = new Scripted(Integer.MAX_VALUE, null, null);
        TraceSource r = ReadAhead.of(endless);
        assertThat(r).isInstanceOf(ReadAhead.class);
        assertThat(r.next().common().number()).isZero();
        r.close();
        assertThat(endless.closed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("labyrinth-read-ahead") && t.isAlive());
        assertThat(r.next()).as("a closed source is at its end").isNull();
    }
}
