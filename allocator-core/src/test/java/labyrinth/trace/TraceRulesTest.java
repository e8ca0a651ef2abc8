package labyrinth.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import labyrinth.core.GfpNames;
import labyrinth.core.KernelVersion;
import labyrinth.core.Machine;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import org.junit.jupiter.api.Test;

/** The rules every codec hands its values to; the words are the ones trace-format.md and the goldens show. */
class TraceRulesTest {
    private static final TraceRules.Where HERE = d -> new TraceException("t.json", 3, 7, 5, d);

    @Test
    void seqMustIncreaseStrictly() {
        assertThatCode(() -> TraceRules.seq(0, -1, HERE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TraceRules.seq(41, 41, HERE))
                .hasMessage("t.json:3:7: event 5: \"seq\" must be greater than the previous event's 41, found 41");
    }

    @Test
    void timeMayRepeatButNotDecrease() {
        assertThatCode(() -> TraceRules.time(-5, CommonFields.NO_TIME, HERE)).doesNotThrowAnyException();
        assertThatCode(() -> TraceRules.time(1500, 1500, HERE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TraceRules.time(1200, 1500, HERE)).hasMessageEndingWith(
                "\"t\" must not be less than the previous event's 1500, found 1200");
    }

    @Test
    void orderLiesWithinMaxOrder() throws TraceException {
        assertThat(TraceRules.order(10, 10, HERE)).isEqualTo(10);
        assertThatThrownBy(() -> TraceRules.order(-1, 10, HERE))
                .hasMessageEndingWith("\"order\" must be an integer from 0 to 10, found -1");
    }

    @Test
    void aRecordedBlockLiesInsideTheMachine() {
        Machine m = Machine.ofPages(1024);
        assertThatCode(() -> TraceRules.allocBlock(1020, 2, m, false, HERE)).doesNotThrowAnyException();
        assertThatCode(() -> TraceRules.allocBlock(Event.UNRECORDED, 3, m, false, HERE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TraceRules.allocBlock(1022, 2, m, false, HERE)).hasMessageEndingWith(
                "\"pfn\" must be the first page of an order-2 block inside the machine (pfns 0 to 1023), found 1022");
        assertThatThrownBy(() -> TraceRules.allocBlock(1024, 0, m, true, HERE))
                .hasMessageEndingWith("\"addr\" must be a page of the machine (0 to 1023), found pfn 1024");
    }

    @Test
    void entryPointsImplyOrderZeroAndTheirMask() {
        GfpNames names = KernelVersion.DEFAULT.gfpNames();
        long atomic = EntryPoints.impliedGfp(EntryPoints.ATOMIC, names);
        assertThat(EntryPoints.impliedGfp(EntryPoints.ALLOC_PAGES, names)).isEqualTo(-1);
        assertThatThrownBy(() -> TraceRules.orderAsImplied(EntryPoints.ATOMIC, 1, HERE)).hasMessageEndingWith(
                "\"order\" must be 0 as fn labyrinth_void_alloc_page_gfp_atomic implies, found 1");
        assertThatCode(() -> TraceRules.gfpAsImplied(EntryPoints.ATOMIC, atomic, atomic, names, () -> "x", HERE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TraceRules.gfpAsImplied(EntryPoints.ATOMIC, 0, atomic, names, () -> "\"0x0\"", HERE))
                .hasMessageEndingWith("as fn labyrinth_void_alloc_page_gfp_atomic implies, found \"0x0\"");
    }

    @Test
    void zonesAscendOnceEachWithoutOverlapping() {
        List<ZoneSpec> dma = List.of(new ZoneSpec(ZoneKind.DMA, 0, 4096));
        TraceRules.Where name = d -> new TraceException("t.json", 1, 1, -1, "name: " + d);
        TraceRules.Where start = d -> new TraceException("t.json", 1, 1, -1, "start: " + d);
        assertThatCode(() -> TraceRules.zone(dma, ZoneKind.NORMAL, 4096, 10, name, start)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TraceRules.zone(dma, ZoneKind.DMA, 4096, 10, name, start))
                .hasMessageEndingWith("name: \"name\" must name each zone at most once, found \"DMA\" again");
        assertThatThrownBy(() -> TraceRules.zone(dma, ZoneKind.NORMAL, 4000, 10, name, start)).hasMessageEndingWith(
                "start: \"startPfn\" must be at least 4096 (the end of DMA: zones ascend without overlapping), found 4000");
        assertThatThrownBy(() -> TraceRules.zone(List.of(), ZoneKind.NORMAL, TraceRules.MAX_PAGES, 1, name, start))
                .hasMessageEndingWith("start: a zone must end by pfn 4503599627370496, found one ending at 4503599627370497");
    }
}
