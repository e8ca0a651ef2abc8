package labyrinth.format.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Map;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.Test;

class ZoneinfoAndMachineTest {
    @Test
    void zoneinfoGivesManagedPagesWatermarksAndLowmemReserves() throws Exception {
        ZoneinfoParser.Result r = ZoneinfoParser.parse(Imports.fixture("zoneinfo-x86-16g.txt"));
        Machine m = r.machine();
        // managed pages from start_pfn, not the span: holes (spanned - present) and reserved pages
        // (present - managed) are not free memory
        assertThat(m.zones()).containsExactly(
                new ZoneSpec(ZoneKind.DMA, 1, 3840, new Watermarks(13, 16, 19),
                        Map.of(ZoneKind.DMA32, 2915L, ZoneKind.NORMAL, 15808L)),
                new ZoneSpec(ZoneKind.DMA32, 4096, 746354, new Watermarks(3012, 3765, 4518),
                        Map.of(ZoneKind.NORMAL, 12892L)),
                new ZoneSpec(ZoneKind.NORMAL, 1048576, 3300416, new Watermarks(13330, 16662, 19994), Map.of()));
        assertThat(m.totalPages()).isEqualTo(3840 + 746354 + 3300416);
        assertThat(m.pageSize()).isEqualTo(4096);
        assertThat(r.notes()).isEmpty(); // Movable and Device are empty here
    }

    @Test
    void numaNodesAreMergedAndMovableIsIgnoredWithNotes() throws Exception {
        ZoneinfoParser.Result r = ZoneinfoParser.parse(Imports.fixture("zoneinfo-2node.txt"));
        ZoneSpec normal = r.machine().zones().get(2);
        assertThat(normal.startPfn()).isEqualTo(1048576);
        assertThat(normal.pages()).isEqualTo(1540000 + 2060000);
        assertThat(normal.endPfn()).isEqualTo(1048576 + 3600000);
        assertThat(normal.watermarks()).isEqualTo(new Watermarks(14000, 17500, 21000));
        assertThat(r.notes()).containsExactly(
                "zone Normal of node 1 merged with node 0: the model has no NUMA nodes",
                "zone Movable of node 1 ignored: the model has only DMA, DMA32 and Normal");
    }

    @Test
    void zoneinfoWithoutManagedPagesUsesPresentPagesWithANote() throws Exception {
        ZoneinfoParser.Result r = ZoneinfoParser.parse("zi", new StringReader(
                "Node 0, zone Normal\n  pages free 10\n        min 1\n        low 2\n        high 3\n"
                        + "        spanned 4096\n        present 4000\n  start_pfn: 0\n"));
        assertThat(r.machine().zones()).containsExactly(
                new ZoneSpec(ZoneKind.NORMAL, 0, 4000, new Watermarks(1, 2, 3), Map.of()));
        assertThat(r.notes()).containsExactly("zoneinfo prints no managed pages (kernels before 3.8): zones hold"
                + " their present pages, reserved pages included");
    }

    @Test
    void zoneinfoErrorsNameTheLine() {
        assertThatThrownBy(() -> ZoneinfoParser.parse("zi", new StringReader("Node 0, zone Normal\n  spanned  x\n")))
                .isInstanceOf(TraceException.class)
                .hasMessage("zi:2:1: expected a number >= 0, found \"x\"");
        assertThatThrownBy(() -> ZoneinfoParser.parse("zi", new StringReader("MemTotal: 1 kB\n")))
                .hasMessage("zi:1: expected \"Node N, zone NAME\" blocks, found none");
        assertThatThrownBy(() -> ZoneinfoParser.parse("zi", new StringReader("Node 0, zone Normal\n  spanned 10\n")))
                .hasMessage("zi:1:1: zone Normal of node 0 must give start_pfn and spanned, found no start_pfn");
    }

    @Test
    void memorySizeUsesX86ZoneBoundaries() {
        Machine small = MachineGuess.fromMemory(8L << 20);
        assertThat(small.zones()).containsExactly(new ZoneSpec(ZoneKind.DMA, 0, 2048));
        Machine two = MachineGuess.fromMemory(2L << 30);
        assertThat(two.zones()).containsExactly(new ZoneSpec(ZoneKind.DMA, 0, 4096),
                new ZoneSpec(ZoneKind.DMA32, 4096, 524288 - 4096));
        Machine big = MachineGuess.fromMemory(16L << 30);
        assertThat(big.zones()).containsExactly(new ZoneSpec(ZoneKind.DMA, 0, 4096),
                new ZoneSpec(ZoneKind.DMA32, 4096, 1048576 - 4096),
                new ZoneSpec(ZoneKind.NORMAL, 1048576, 4194304 - 1048576));
        assertThatThrownBy(() -> MachineGuess.fromMemory(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void highestPfnRoundsUpToAMaxOrderBlock() {
        assertThat(MachineGuess.fromHighestPfn(1023).endPfn()).isEqualTo(1024);
        assertThat(MachineGuess.fromHighestPfn(1024).endPfn()).isEqualTo(2048);
        assertThat(MachineGuess.fromHighestPfn(2344923).zones()).extracting(ZoneSpec::kind)
                .containsExactly(ZoneKind.DMA, ZoneKind.DMA32, ZoneKind.NORMAL);
        assertThat(MachineGuess.fromHighestPfn(-1).endPfn()).isEqualTo(4096);
        assertThat(MachineGuess.fromHighestPfn(5000, 11).endPfn()).isEqualTo(6144);
        assertThat(MachineGuess.fromHighestPfn(5000, 11).maxOrder()).isEqualTo(11);
    }
}
