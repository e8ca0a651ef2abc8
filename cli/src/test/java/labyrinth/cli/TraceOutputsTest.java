package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceFiles;
import labyrinth.format.TraceWriter;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;

/** The one copy loop of convert and import, over every encoding's TraceWriter. */
class TraceOutputsTest {
    private static final TraceBuilder TRACE = TraceBuilder.complete(64)
            .alloc("a", 0, Gfp.GFP_KERNEL).alloc("b", 1, Gfp.GFP_KERNEL).free("a", 0);

    @Test
    void copiesEveryEventInEveryEncodingAndReadsBackTheSame() throws Exception {
        for (TraceOutputs.Encoding encoding : TraceOutputs.Encoding.values()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            long n;
            try (TraceWriter w = TraceOutputs.writer(encoding, bytes, TRACE.header())) {
                n = TraceOutputs.copy(TRACE.source(), w);
            }
            assertThat(n).as(encoding.name()).isEqualTo(TRACE.size());
            try (TraceSource back = TraceFiles.open(new ByteArrayInputStream(bytes.toByteArray()), "t",
                    ReaderLimits.defaults(), null)) {
                List<Event> events = new ArrayList<>();
                for (Event e; (e = back.next()) != null; ) {
                    events.add(e);
                }
                assertThat(events).as(encoding.name()).hasSize(TRACE.size());
            }
        }
    }

    @Test
    void aFailureToReadComesOutAsUnreadableWithTheReadersException() throws IOException {
        TraceException cut = new TraceException("t.json", 3, 1, 2, "cut");
        TraceSource failing = new TraceSource() {
            @Override
            public String name() {
                return "t.json";
            }

            @Override
            public Header header() {
                return TRACE.header();
            }

            @Override
            public Event next() throws TraceException {
                throw cut;
            }

            @Override
            public Truncation truncation() {
                return null;
            }

            @Override
            public void close() {
            }
        };
        try (TraceWriter w = TraceOutputs.writer(TraceOutputs.Encoding.ndjson, new ByteArrayOutputStream(),
                TRACE.header())) {
            assertThatThrownBy(() -> TraceOutputs.copy(failing, w)).isInstanceOf(TraceOutputs.Unreadable.class)
                    .extracting(Throwable::getCause).isSameAs(cut);
        }
    }
}
