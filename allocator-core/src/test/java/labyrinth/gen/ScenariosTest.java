package labyrinth.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import labyrinth.core.Gfp;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry, the header, the event shape every scenario promises, and determinism. */
class ScenariosTest {
    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @Test
    void registryListsTheFourScenariosInOrderAndFindsThemByName() {
        assertThat(Scenarios.names()).containsExactly("rx-storm", "steady", "fragmentation", "random");
        for (Scenario s : Scenarios.all()) {
            assertThat(Scenarios.byName(s.name())).containsSame(s);
            assertThat(s.description()).isNotBlank();
        }
        assertThat(Scenarios.byName("rx_storm")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void headerIsACompleteTraceWhoseMetaSaysHowToMakeItAgain(Scenario s) {
        Header h = s.header(7, 5000);
        assertThat(h.scope()).isEqualTo(Scope.COMPLETE);
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.meta()).containsExactly(Map.entry("generator", "labyrinth gen"), Map.entry("scenario", s.name()),
                Map.entry("seed", 7L), Map.entry("events", 5000L));
        assertThat(h.machine().totalPages() % 64).isZero();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void tooFewEventsAreRefusedWithTheMinimum(Scenario s) {
        assertThatThrownBy(() -> s.generate(1, s.minEvents() - 1, e -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--events must be at least " + s.minEvents() + " for " + s.name() + ", found "
                        + (s.minEvents() - 1));
        assertThatThrownBy(() -> s.header(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void eventsAreNumberedFromZeroWithIncreasingTimeAndCarryWhoWhereAndHow(Scenario s) {
        List<Event> events = Gen.events(s, 3, 3000);
        long lastTime = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            CommonFields c = e.common();
            assertThat(c.number()).as("seq of event %d", i).isEqualTo(i);
            assertThat(c.seqGiven()).isTrue();
            assertThat(c.time()).as("t of event %d", i).isGreaterThan(lastTime);
            lastTime = c.time();
            if (!(e instanceof Event.Mark)) {
                assertThat(c.owner()).as("owner of event %d", i).isNotNull();
                assertThat(c.cpu()).as("cpu of event %d", i).isBetween(0, Emitter.CPUS - 1);
            }
            if (e instanceof Event.Alloc a) {
                assertThat(c.site()).as("site of event %d", i).matches("[a-z_0-9]+\\+0x[0-9a-f]+/0x[0-9a-f]+");
                assertEntryPointAgrees(a);
            }
        }
    }

    /** TRACE-FORMAT.md: a known {@code fn} implies order and gfp; a writer must not contradict it. */
    private static void assertEntryPointAgrees(Event.Alloc a) {
        if (a.fn() == null) {
            return;
        }
        Map<String, Long> fixed = Map.of(
                "labyrinth_void_alloc_page_gfp_atomic_exclusive", Gfp.GFP_ATOMIC | Gfp.EXCLUSIVE,
                "labyrinth_void_alloc_page_gfp_atomic", Gfp.GFP_ATOMIC,
                "labyrinth_void_alloc_page_gfp_kernel_exclusive", Gfp.GFP_KERNEL | Gfp.EXCLUSIVE,
                "labyrinth_void_alloc_page_gfp_kernel", Gfp.GFP_KERNEL);
        assertThat(fixed).as("fn %s of event %d", a.fn(), a.number()).containsKey(a.fn());
        assertThat(a.order()).as("order of event %d", a.number()).isZero();
        assertThat(a.gfp()).as("gfp of event %d", a.number()).isEqualTo(fixed.get(a.fn()));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void sameSeedGivesTheSameEventsAndAnotherSeedOthers(Scenario s) {
        List<Event> first = Gen.events(s, 99, 2000);
        assertThat(Gen.events(s, 99, 2000)).isEqualTo(first);
        assertThat(s.header(99, 2000)).isEqualTo(s.header(99, 2000));
        assertThat(Gen.events(s, 100, 2000)).isNotEqualTo(first);
    }

    /**
     * Pins the output itself, so a JDK whose random numbers, arithmetic or collections behaved
     * differently (or an accidental change to a scenario) shows up here. A deliberate change to a
     * scenario updates these digests.
     */
    @Test
    void outputIsPinnedByDigest() throws Exception {
        Map<String, String> expected = Map.of(
                "rx-storm", "bc2cabd21e413246",
                "steady", "80df35371a5ab5b5",
                "fragmentation", "5f318da2d7361373",
                "random", "9f7928c473688471");
        Map<String, String> actual = new java.util.TreeMap<>();
        for (Scenario s : Scenarios.all()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            s.generate(42, 1000, e -> sha.update(canonical(e).getBytes(StandardCharsets.UTF_8)));
            actual.put(s.name(), HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }
        assertThat(actual).as("digests of seed 42, 1000 events").isEqualTo(expected);
    }

    /** Every field, in a spelling that does not depend on record toString (which is unspecified). */
    static String canonical(Event e) {
        CommonFields c = e.common();
        StringBuilder sb = new StringBuilder().append(e.op().label()).append(' ').append(c.number()).append(' ')
                .append(c.time()).append(' ').append(c.cpu()).append(' ').append(c.ctx().label()).append(' ')
                .append(c.owner()).append(' ').append(c.site());
        if (e instanceof Event.Alloc a) {
            sb.append(' ').append(a.order()).append(' ').append(a.gfp()).append(' ').append(a.fn()).append(' ')
                    .append(a.pfn());
        } else if (e instanceof Event.Free f) {
            sb.append(' ').append(f.pfn()).append(' ').append(f.order());
        } else if (e instanceof Event.Access a) {
            sb.append(' ').append(a.pfn()).append(' ').append(a.write());
        } else if (e instanceof Event.Transfer t) {
            sb.append(' ').append(t.pfn()).append(' ').append(t.to());
        } else if (e instanceof Event.Panic p) {
            sb.append(' ').append(p.message()).append(' ').append(p.cause());
        } else {
            sb.append(' ').append(((Event.Mark) e).label());
        }
        return sb.append('\n').toString();
    }
}
