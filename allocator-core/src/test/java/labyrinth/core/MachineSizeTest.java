package labyrinth.core;

import static labyrinth.core.Machines.machine;
import static labyrinth.core.Machines.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineSizeTest {
    private static final long SIXTY_FOUR_GIB_OF_4K = 16L << 20;

    @Test
    void sixtyFourGibibyteMachineFitsInAFewMebibytes() {
        Allocator a = new Allocator(machine(10, zone(ZoneKind.DMA, 1, 4095), zone(ZoneKind.DMA32, 4096, 1044480),
                zone(ZoneKind.NORMAL, 1L << 20, SIXTY_FOUR_GIB_OF_4K - (1L << 20))));
        // two bits per page plus summaries: about 4 MiB, far below the 512 MB budget
        assertThat(a.arrayBytes()).isBetween(SIXTY_FOUR_GIB_OF_4K / 4, 5L << 20);
        assertThat(a.freePages()).isEqualTo(SIXTY_FOUR_GIB_OF_4K - 1);
        long last = -1;
        for (int i = 0; i < 100_000; i++) {
            last = a.allocate(0, Gfp.GFP_KERNEL);
        }
        assertThat(last).isEqualTo((1L << 20) + 99_999);
        Invariants.check(a);
    }

    @Test
    void defaultLimitAllowsFourTimesSixtyFourGibibytes() {
        assertThat(Allocator.DEFAULT_MAX_PAGES).isEqualTo(4 * SIXTY_FOUR_GIB_OF_4K);
    }

    @Test
    void machineAboveTheLimitIsRefusedNamingTheLimitAndTheOption() {
        Machine big = Machine.ofPages(Allocator.DEFAULT_MAX_PAGES + 1);
        assertThatThrownBy(() -> new Allocator(big))
                .isInstanceOf(MachineTooLargeException.class)
                .hasMessage("machine has 67108865 pages, more than the limit of 67108864 pages (raise it with --max-pages)");
        assertThatThrownBy(() -> new Allocator(Machine.ofPages(1025), 1024))
                .isInstanceOfSatisfying(MachineTooLargeException.class, e -> {
                    assertThat(e.pages()).isEqualTo(1025);
                    assertThat(e.limit()).isEqualTo(1024);
                });
        assertThat(new Allocator(Machine.ofPages(1024), 1024).freePages()).isEqualTo(1024);
    }
}
