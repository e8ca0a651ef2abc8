package labyrinth.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import labyrinth.core.KernelVersion;
import labyrinth.core.Machine;
import org.junit.jupiter.api.Test;

class SmallerMachineTest {
    @Test
    void aSmallerMachineKeepsTheKernelSettingsAndScalesAGivenMinFreeKbytes() {
        Machine m = Machine.ofPages(262144).withTransparentHugepages(false).withWatermarkScaleFactor(50)
                .withKernel(KernelVersion.parse("6.6")).withMinFreeKbytes(4096);
        Machine small = SmallerMachine.scaled(m, 1024);
        assertThat(small.totalPages()).isEqualTo(1024);
        assertThat(small.transparentHugepages()).isFalse();
        assertThat(small.watermarkScaleFactor()).isEqualTo(50);
        assertThat(small.kernel().text()).isEqualTo("6.6");
        assertThat(small.minFreeKbytes()).isEqualTo(16);
        assertThat(SmallerMachine.scaled(Machine.ofPages(262144), 1024).minFreeKbytesGiven()).isFalse();
    }
}
