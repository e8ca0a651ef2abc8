package labyrinth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The machine key {@code kernel}: what GFP_ATOMIC and GFP_NOWAIT mean and how masks print, per Linux version. */
class GfpNamesTest {

    private static GfpNames of(String kernel) {
        return KernelVersion.parse(kernel).gfpNames();
    }

    @ParameterizedTest(name = "{0}: GFP_ATOMIC {1}, GFP_NOWAIT {2}")
    @CsvSource({
        "2.6.32, 0xa20, 0x800", "5.15.0-91-generic, 0xa20, 0x800", "6.2, 0xa20, 0x800", "6.3, 0x820, 0x800",
        "6.6, 0x820, 0x800", "6.6.30-lab, 0x820, 0x800", "6.7, 0x820, 0x800", "6.8, 0x820, 0x2800",
        "6.12, 0x820, 0x2800", "7.0, 0x820, 0x2800", "10.1, 0x820, 0x2800",
    })
    void gfpAtomicIs0xa20Before63AndGfpNowaitIs0x800Before68(String kernel, String atomic, String nowait) {
        GfpNames names = of(kernel);
        assertThat(names.parse("GFP_ATOMIC")).isEqualTo(Long.decode(atomic));
        assertThat(names.gfpAtomic()).isEqualTo(Long.decode(atomic));
        assertThat(names.parse("GFP_NOWAIT")).isEqualTo(Long.decode(nowait));
        assertThat(names.gfpNowait()).isEqualTo(Long.decode(nowait));
    }

    @Test
    void withoutAKernelTheNamesAreThoseOf612() {
        assertThat(KernelVersion.DEFAULT.gfpNames()).isSameAs(GfpNames.CURRENT);
        assertThat(of("6.12")).isSameAs(GfpNames.CURRENT);
        assertThat(GfpNames.CURRENT.parse("GFP_ATOMIC")).isEqualTo(Gfp.GFP_ATOMIC);
        assertThat(GfpNames.CURRENT.parse("GFP_NOWAIT")).isEqualTo(Gfp.GFP_NOWAIT);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = ';', value = {
        // 0x200 is a leftover from 6.3 on, as 6.12's %pGg prints it
        "6.12; 0xa20; 0xa20(GFP_ATOMIC|0x200)",
        "6.6; 0xa20; 0xa20(GFP_ATOMIC|0x200)",
        "6.3; 0xa20; 0xa20(GFP_ATOMIC|0x200)",
        // before 6.3 GFP_ATOMIC includes __GFP_ATOMIC, which the table then names
        "6.2; 0xa20; 0xa20(GFP_ATOMIC)",
        "5.15; 0x820; 0x820(GFP_NOWAIT|__GFP_HIGH)", // GFP_NOWAIT (0x800) comes before __GFP_HIGH in the table
        "5.15; 0x200; 0x200(__GFP_ATOMIC)",
        "5.15; 0x10000a20; 0x10000a20(GFP_ATOMIC|__GFP_EXCLUSIVE)",
        // GFP_NOWAIT is 0x800 before 6.8
        "6.6; 0x800; 0x800(GFP_NOWAIT)",
        "6.6; 0x2800; 0x2800(GFP_NOWAIT|__GFP_NOWARN)",
        "6.12; 0x800; 0x800(__GFP_KSWAPD_RECLAIM)",
        "6.12; 0x2800; 0x2800(GFP_NOWAIT)",
        "6.6; 0x820; 0x820(GFP_ATOMIC)",
    })
    void masksPrintAsPercentPGgDidOnThatKernel(String kernel, String mask, String printed) {
        assertThat(of(kernel).format(Long.decode(mask))).isEqualTo(printed);
    }

    @Test
    void noKernelPrintsGfpAtomicTogetherWithGfpAtomicFlag() {
        for (String kernel : new String[] {"4.19", "5.15", "6.1", "6.2", "6.3", "6.6", "6.8", "6.12"}) {
            assertThat(of(kernel).names(0xa20)).as(kernel).doesNotContain("__GFP_ATOMIC");
        }
    }

    @Test
    void theFlagGfpAtomicParsesOnEveryKernelAndNamesRoundTripOnTheirOwnKernel() {
        for (String kernel : new String[] {"5.15", "6.6", "6.12"}) {
            GfpNames names = of(kernel);
            assertThat(names.parse("__GFP_ATOMIC")).isEqualTo(0x200);
            for (long mask : new long[] {0x800, 0x2800, 0x820, 0xa20, 0x10000a20L, 0xcc0}) {
                String printed = names.names(mask);
                if (!printed.contains("0x")) {
                    assertThat(names.parse(printed)).as("%s on %s", printed, kernel).isEqualTo(mask);
                }
            }
        }
    }

    @Test
    void majorAndMinorAreReadFromTheStart() {
        KernelVersion v = KernelVersion.parse("5.15.0-91-generic");
        assertThat(v.major()).isEqualTo(5);
        assertThat(v.minor()).isEqualTo(15);
        assertThat(v.text()).isEqualTo("5.15.0-91-generic");
        assertThat(KernelVersion.parse("6.6").before(6, 8)).isTrue();
        assertThat(KernelVersion.parse("6.8").before(6, 8)).isFalse();
        assertThat(KernelVersion.parse("6.10").before(6, 8)).isFalse();
    }

    @Test
    void aVersionWithoutMajorDotMinorIsRejected() {
        for (String bad : new String[] {"", "6", "six", "v6.6", "6.", ".6", "6-rc1"}) {
            assertThatThrownBy(() -> KernelVersion.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a Linux version must start with major.minor, such as \"6.6\" or \"5.15.0-91-generic\"");
        }
    }
}
