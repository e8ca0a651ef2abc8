package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code labyrinth explain} and what the other commands say of a kernel log (CLI.md, explain). */
class ExplainCommandTest {
    private static final Path LINUX_619 = Repo.root().resolve("sample-traces/dmesg/linux-6.19-kswapd0-order0-GFP_NOFS.log");
    private static final Path LINUX_54 = Repo.root().resolve("sample-traces/dmesg/linux-5.4.30-kworker-order0-GFP_ATOMIC.log");

    @TempDir
    Path tmp;

    @Test
    void theLinux619ReportFailsFortySevenPagesShortInDma32() {
        Run run = Run.of("explain", LINUX_619.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("  Normal: free 19848 <= min 20077 pages (min includes a boost of 7168): 230 short\n")
                .contains("  DMA32: free 13046 <= min 3965 + lowmem_reserve 9127 pages: 47 short\n")
                .contains("  verdict: fails (watermark): 47 pages short in DMA32, which needs more than 13092 free\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anInterruptsAtomicRequestIsDecidedWithItsFloorAndContext() {
        Run run = Run.of("explain", LINUX_54.toString());
        assertThat(run.out()).contains("kworker/3:6: order-0 0xa20(GFP_ATOMIC) in hardirq context, Linux 5.4.30\n")
                .contains("  DMA32: free 13810 <= atomic floor 1369 (min 3649) + lowmem_reserve 12485 pages: 45 short\n");
    }

    @Test
    void reportsOfOneTaskOrderAndModeAreGroupedWithACount() throws IOException {
        String one = Files.readString(LINUX_619);
        Path log = tmp.resolve("two.log");
        Files.writeString(log, one + "[  200.000000] some other message\n" + one);
        Run run = Run.of("explain", log.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("  reports: 2 with this task, order and mode, at lines 1, 117\n")
                .endsWith("2 reports in 1 group: fails 2\n");
        assertThat(run.out().split("verdict:")).hasSize(2);
    }

    @Test
    void aFileWithoutAReportExitsThreeWithOneLine() throws IOException {
        Path log = tmp.resolve("boot.log");
        Files.writeString(log, "[    0.000000] Linux version 6.6.0\n[    0.000001] Command line: quiet\n");
        Run run = Run.of("explain", log.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(log + ": no \"page allocation failure\" report in this file (expected a kernel"
                + " log: dmesg, journalctl -k, syslog)\n");
    }

    @Test
    void absurdReportsAreUndecidedOrRefusedNeverABug() throws IOException {
        String header = "x: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL)\n";
        String[] logs = {
            // free pages that would need more than --max-pages to lay out: refused with the limit named
            header + "Node 0 Normal free:999999999999999kB min:4kB low:8kB high:12kB\nlowmem_reserve[]: 0 0\n",
            // blocks far past the free count: the surplus leaves the lowest orders in one step
            header + "Node 0 Normal free:40kB min:4kB low:8kB high:12kB\nlowmem_reserve[]: 0 0\n"
                    + "Node 0 Normal: 99999999999999999999*4kB 999999999999*8kB = 4kB\n",
            // an order no kernel has, and watermarks out of order
            "x: page allocation failure: order:42, mode:0xcc0(GFP_KERNEL)\n"
                    + "Node 0 Normal free:40kB min:12kB low:8kB high:4kB\n",
            // a reserve past any machine
            header + "Node 0 Normal free:40kB min:4kB low:8kB high:12kB\nlowmem_reserve[]: 0 0\n"
                    + "Node 0 DMA free:40kB min:4kB low:8kB high:12kB\nlowmem_reserve[]: 0 99999999999999999999\n",
        };
        int[] exits = {3, 0, 0, 0};
        for (int i = 0; i < logs.length; i++) {
            Path log = tmp.resolve("absurd" + i + ".log");
            Files.writeString(log, logs[i]);
            Run run = Run.of("explain", log.toString());
            assertThat(run.exit()).as("log %d: %s", i, run.err()).isEqualTo(exits[i]);
            assertThat(run.err().lines().count()).as("log %d", i).isLessThanOrEqualTo(1);
        }
        assertThat(Run.of("explain", tmp.resolve("absurd0.log").toString()).err())
                .contains("absurd0.log:1: ").contains("(raise it with --max-pages)");
        assertThat(Run.of("explain", tmp.resolve("absurd2.log").toString()).out())
                .contains("verdict: incomplete: order 42 is above the largest order the model takes (20);"
                        + " Normal prints no usable watermarks (min 3, low 2, high 1)");
    }

    @Test
    void aMissingLogIsUnreadable() {
        Run run = Run.of("explain", tmp.resolve("nope.log").toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo(tmp.resolve("nope.log") + ": cannot read: no such file\n");
    }

    @Test
    void jsonGoesToTheOutputFileAndTheLogIsNeverReplaced() throws IOException {
        Path out = tmp.resolve("explain.json");
        Run run = Run.of("explain", "--format", "json", "-o", out.toString(), LINUX_619.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(out)).contains("\"verdict\": \"fails\"").contains("\"short\": 47");
        Path log = tmp.resolve("copy.log");
        Files.copy(LINUX_619, log);
        Run self = Run.of("explain", "-o", log.toString(), log.toString());
        assertThat(self.exit()).isEqualTo(2);
        assertThat(self.err()).contains("-o names the log itself");
        assertThat(Files.readString(log)).isEqualTo(Files.readString(LINUX_619));
    }

    @Test
    void replayTriageAndValidateSendAKernelLogToExplain() {
        String hint = LINUX_619 + ":1: this is a kernel log with 1 allocation failure report: try labyrinth explain\n";
        Run replay = Run.of("replay", LINUX_619.toString());
        assertThat(replay.exit()).isEqualTo(3);
        assertThat(replay.err()).isEqualTo(hint);
        Run validate = Run.of("validate", LINUX_619.toString());
        assertThat(validate.exit()).isEqualTo(3);
        assertThat(validate.err()).isEqualTo(hint);
        Run triage = Run.of("triage", LINUX_619.toString());
        assertThat(triage.exit()).isEqualTo(3);
        assertThat(triage.out()).contains("this is a kernel log with 1 allocation failure report: try labyrinth explain");
    }

    @Test
    void importOfAKernelLogExitsThreeAndWritesNothing() {
        Path out = tmp.resolve("t.json");
        Run run = Run.of("import", "--from", "ftrace", LINUX_54.toString(), "-o", out.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo(LINUX_54 + ":1: this is a kernel log with 1 allocation failure report:"
                + " try labyrinth explain\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void importWithoutPageEventsExitsThreeSayingWhatTheFileHeld() throws IOException {
        Path trace = tmp.resolve("sched.txt");
        Files.writeString(trace, "bash-1977 [003] d..1 4415.246466: sched_switch: prev_comm=bash prev_pid=1977\n");
        Path out = tmp.resolve("t.json");
        Run run = Run.of("import", "--from", "ftrace", trace.toString(), "-o", out.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo(trace + ": no page events to import (mm_page_alloc, mm_page_free,"
                + " mm_page_free_batched in a known layout); lines: 1 other event [sched_switch]; nothing written\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTraceThatAlsoHoldsAReportIsStillATrace() throws IOException {
        Path trace = tmp.resolve("mixed.txt");
        Files.writeString(trace, "bash-1977 [003] d..1 4415.246466: mm_page_alloc: page=ffffea0003db9f40 pfn=1155800"
                + " order=0 migratetype=0 gfp_flags=GFP_KERNEL\n" + Files.readString(LINUX_619));
        Run run = Run.of("import", "--from", "ftrace", trace.toString(), "-o", tmp.resolve("t.json").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("imported 1 events");
    }
}
