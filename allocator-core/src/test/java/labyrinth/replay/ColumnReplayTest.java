package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import labyrinth.core.Allocator;
import labyrinth.gen.Scenario;
import labyrinth.gen.Scenarios;
import labyrinth.testing.ColumnList;
import labyrinth.testing.Seeds;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.EventColumns;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.Scope;
import labyrinth.trace.StringTable;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.Test;

/**
 * The replay of events as columns ({@link Replayer#apply(EventColumns, int)}) against the replay
 * of the same events as objects: the same findings in the same order, the same summary, panic and
 * outcome, on seeded random traces and on every generated scenario, in both modes.
 */
class ColumnReplayTest {
    @Test
    void randomTracesReplayAlikeAsColumnsAndAsEvents() {
        Seeds.each(1, 40, seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            TraceBuilder t = TraceBuilder.random(rnd, 200 + rnd.nextInt(3000), 64 + rnd.nextInt(512));
            for (Mode mode : Mode.values()) {
                assertAlike(t.header(), t.events(), mode, 1 + rnd.nextInt(EventColumns.CAPACITY));
            }
        });
    }

    @Test
    void windowTracesReplayAlike() {
        Seeds.each(100, 20, seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            TraceBuilder t = TraceBuilder.random(rnd, 2000, 256);
            Header window = new Header(Scope.WINDOW, t.header().machine());
            // a window starts part-way: its first events free and touch blocks it never saw allocated
            List<Event> tail = t.events().subList(t.size() / 3, t.size());
            assertAlike(window, tail, Mode.OBSERVE, EventColumns.CAPACITY);
            assertAlike(window, tail, Mode.SIMULATE, 7);
        });
    }

    @Test
    void generatedScenariosReplayAlike() throws TraceException {
        for (Scenario s : Scenarios.all()) {
            long n = Math.max(s.minEvents(), 6000);
            Header header = s.header(3, n);
            List<Event> events = new ArrayList<>();
            s.generate(3, n, events::add);
            for (Mode mode : Mode.values()) {
                assertAlike(header, events, mode, EventColumns.CAPACITY);
            }
        }
    }

    @Test
    void columnsGiveBackTheEventsTheyWereMadeOf() {
        Seeds.each(200, 10, seed -> {
            TraceBuilder t = TraceBuilder.random(new SplittableRandom(seed), 3000, 256);
            List<Event> events = new ArrayList<>(t.events());
            CommonFields stacked = new CommonFields(9, true, 4, 2, 77, 1, Context.SOFTIRQ, "o", "s", List.of("a", "b"));
            events.add(new Event.Free(stacked, 3, 0));
            events.add(new Event.Alloc(CommonFields.at(10), 1, 0, "fn", Event.NULL_PFN, "__GFP_ODD"));
            events.add(new Event.Panic(CommonFields.at(11), "boom", 4));
            EventColumns b = new EventColumns();
            StringTable strings = new StringTable();
            int next = 0;
            while (next < events.size()) {
                b.clear(strings);
                int start = next;
                while (!b.full() && next < events.size()) {
                    b.add(events.get(next++));
                }
                for (int i = 0; i < b.size(); i++) {
                    assertThat(b.event(i)).isEqualTo(events.get(start + i));
                    assertThat(b.number(i)).isEqualTo(events.get(start + i).number());
                }
            }
        });
    }

    private static void assertAlike(Header header, List<Event> events, Mode mode, int batch)
            throws TraceException {
        ReplayResult asEvents = Replays.run(new ListSource("test.json", header, events), mode, Severity.INFO,
                Allocator.DEFAULT_MAX_PAGES, Integer.MAX_VALUE);
        ReplayResult asColumns = Replays.run(new ColumnList(header, events, batch), mode, Severity.INFO,
                Allocator.DEFAULT_MAX_PAGES, Integer.MAX_VALUE);
        assertThat(asColumns.findings()).isEqualTo(asEvents.findings());
        assertThat(asColumns).isEqualTo(asEvents);
    }
}
