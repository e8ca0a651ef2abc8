package labyrinth.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import org.junit.jupiter.api.Test;

class EventStoreTest {
    @Test
    void marksComeBackWithWhetherAndHowManyEventsWereLost() throws Exception {
        CommonFields c = new CommonFields(4, false, 9, 1, CommonFields.NO_TIME, 3, Context.TASK, null, null, List.of());
        List<Event> marks = List.of(new Event.Mark(c, "phase 2"), new Event.Mark(c, null),
                new Event.Mark(c, "CPU:3 [LOST 37 EVENTS]", 37),
                new Event.Mark(c, "CPU 3 buffer overrun", Event.Mark.LOST_UNCOUNTED));
        try (EventStore store = new EventStore()) {
            for (Event e : marks) {
                store.append(e, -1, 0, 0);
            }
            store.seal();
            for (int i = 0; i < marks.size(); i++) {
                assertThat(store.event(i)).isEqualTo(marks.get(i));
            }
        }
    }
}
