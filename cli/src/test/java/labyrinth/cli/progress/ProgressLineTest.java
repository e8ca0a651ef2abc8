package labyrinth.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import labyrinth.cli.progress.ProgressLine.Snapshot;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long GIB = 1L << 30;

    private static Snapshot oneTrace(long bytes, long total, long events) {
        return new Snapshot("replaying trace.json", bytes, total, events, 0, -1, -1, -1);
    }

    @Test
    void aReplayPartWayShowsPercentBytesRateAndTimeLeft() {
        assertThat(ProgressLine.render(oneTrace(GIB, 4 * GIB, 31_000_000), 10 * SECOND))
                .isEqualTo("replaying trace.json  25% 1.0 GiB/4.0 GiB  3.1 M events/s  ETA 0:30");
    }

    @Test
    void atTheStartThereIsNoRateAndNoTimeLeft() {
        assertThat(ProgressLine.render(oneTrace(0, 1000, 0), 0))
                .isEqualTo("replaying trace.json  0% 0 B/1000 B  0:00 elapsed");
        assertThat(ProgressLine.render(oneTrace(0, 1000, 0), 3 * SECOND))
                .as("nothing read yet: the time left is not knowable")
                .isEqualTo("replaying trace.json  0% 0 B/1000 B  0 events/s  0:03 elapsed");
    }

    @Test
    void finishedShowsAHundredPercentAndNoTimeLeft() {
        assertThat(ProgressLine.render(oneTrace(2048, 2048, 10), SECOND))
                .isEqualTo("replaying trace.json  100% 2.0 KiB/2.0 KiB  10 events/s  ETA 0:00");
        assertThat(ProgressLine.render(oneTrace(4096, 2048, 10), SECOND))
                .as("read ahead of a file that was smaller when it was measured")
                .isEqualTo("replaying trace.json  100% 2.0 KiB/2.0 KiB  10 events/s  ETA 0:00");
    }

    @Test
    void anUnknownTotalShowsBytesReadAndTheTimeElapsed() {
        assertThat(ProgressLine.render(oneTrace(5 << 20, -1, 120_000), 2 * SECOND))
                .isEqualTo("replaying trace.json  5.0 MiB  60 k events/s  0:02 elapsed");
    }

    @Test
    void triageCountsTracesAndAllTheirBytes() {
        Snapshot s = new Snapshot("triage", GIB / 2, GIB, 3_400_000, 3, 10, -1, -1);
        assertThat(ProgressLine.render(s, 4 * SECOND))
                .isEqualTo("triage  3/10 traces  50% 512 MiB/1.0 GiB  850 k events/s  ETA 0:04");
    }

    @Test
    void aReductionShowsTriesAndEventsLeftButNoPercent() {
        Snapshot s = new Snapshot("reducing big.json", 100, 100, 9000, 0, -1, 120, 5432);
        assertThat(ProgressLine.render(s, 83 * SECOND)).isEqualTo("reducing big.json  120 tries  5432 events left  1:23 elapsed");
        Snapshot first = new Snapshot("reducing big.json", 100, 100, 9000, 0, -1, 1, 9000);
        assertThat(ProgressLine.render(first, 0)).isEqualTo("reducing big.json  1 try  9000 events left  0:00 elapsed");
    }

    @Test
    void longTimesShowHours() {
        assertThat(ProgressLine.render(oneTrace(GIB, 2 * GIB, 1), 3723 * SECOND)).endsWith("ETA 1:02:03");
    }

    @Test
    void unitsKeepOneDecimalBelowTen() {
        assertThat(ProgressLine.bytes(1023)).isEqualTo("1023 B");
        assertThat(ProgressLine.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(ProgressLine.bytes(10 * 1024)).isEqualTo("10 KiB");
        assertThat(ProgressLine.bytes(3 * GIB + GIB / 2)).isEqualTo("3.5 GiB");
        assertThat(ProgressLine.bytes(5000L * GIB)).isEqualTo("4.9 TiB");
        assertThat(ProgressLine.count(999)).isEqualTo("999 ");
        assertThat(ProgressLine.count(999.6)).isEqualTo("1.0 k ");
        assertThat(ProgressLine.count(12_345_678)).isEqualTo("12 M ");
    }
}
