package labyrinth.format.dmesg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.core.KernelVersion;
import labyrinth.explain.FailureReport;
import labyrinth.explain.PrintedZone;
import labyrinth.trace.Context;
import org.junit.jupiter.api.Test;

/**
 * Reading real "page allocation failure" reports (sample-traces/dmesg and the test resources,
 * provenance in their READMEs) and faithful reconstructions of the layouts logs give them.
 */
class KernelLogsTest {
    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path sample(String name) {
        return repo().resolve("sample-traces/dmesg").resolve(name);
    }

    static Path resource(String name) {
        try {
            return Path.of(KernelLogsTest.class.getResource("/dmesg/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FailureReport only(Path file) throws IOException {
        List<FailureReport> reports = KernelLogs.read(file);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private static PrintedZone zone(FailureReport r, String name) {
        return r.zones().stream().filter(z -> z.name().equals(name)).findFirst().orElseThrow();
    }

    /** The numbers of the 6.19 report as pages, whatever the log's layout. */
    private static void assertLinux619(FailureReport r) {
        assertThat(r.task()).isEqualTo("kswapd0");
        assertThat(r.order()).isZero();
        assertThat(r.mode()).isEqualTo("0xc0c40(GFP_NOFS|__GFP_COMP|__GFP_NOMEMALLOC)");
        assertThat(r.gfp().mask()).isEqualTo(Gfp.parse("GFP_NOFS|__GFP_COMP|__GFP_NOMEMALLOC"));
        assertThat(r.kernel()).isEqualTo("6.19.0-rc5-00027-g40fd0acc45d0");
        assertThat(r.context()).isEqualTo(Context.TASK);
        assertThat(r.nodemask()).isEqualTo("(null)");
        assertThat(r.cpuset()).isEqualTo("/");
        assertThat(r.memsAllowed()).isEqualTo("0");
        assertThat(r.pageSize()).isEqualTo(4096);
        assertThat(r.problems()).isEmpty();
        assertThat(r.zones()).extracting(PrintedZone::name).containsExactly("DMA", "DMA32", "Normal");
        PrintedZone normal = zone(r, "Normal");
        assertThat(normal.free()).isEqualTo(19848);
        assertThat(normal.min()).isEqualTo(20077);
        assertThat(normal.boost()).isEqualTo(7168);
        assertThat(normal.reservedHighatomic()).isEqualTo(512);
        assertThat(normal.freeHighatomic()).isEqualTo(8);
        assertThat(normal.freePcp()).isEqualTo(529);
        assertThat(normal.lowmemReserve()).containsExactly(0, 0, 0, 0, 0);
        assertThat(normal.freeByOrder()).containsExactly(1024, 534, 409, 1301, 154, 39, 14, 1, 2, 1, 0);
        assertThat(normal.typesByOrder()).startsWith("UMEH", "UEH", "UME");
        PrintedZone dma32 = zone(r, "DMA32");
        assertThat(dma32.free()).isEqualTo(13046);
        assertThat(dma32.min()).isEqualTo(3965);
        assertThat(dma32.lowmemReserve()).containsExactly(0, 0, 9127, 9127, 9127);
        assertThat(dma32.managed()).isEqualTo(732854);
        assertThat(zone(r, "DMA").freeByOrder()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2);
    }

    @Test
    void theLinux619ReportAsDmesgPrintsIt() throws IOException {
        FailureReport r = only(sample("linux-6.19-kswapd0-order0-GFP_NOFS.log"));
        assertThat(r.line()).isEqualTo(1);
        assertLinux619(r);
    }

    @Test
    void theSameReportAsJournalctlPrintsIt() throws IOException {
        assertLinux619(only(resource("linux-6.19-journalctl.txt")));
    }

    @Test
    void theSameReportWithDmesgHumanTimestamps() throws IOException {
        assertLinux619(only(resource("linux-6.19-dmesg-H.txt")));
    }

    @Test
    void theSameReportWithEveryContinuationPieceAMessageOfItsOwn() throws IOException {
        assertLinux619(only(resource("linux-6.19-journal-pieces.txt")));
    }

    @Test
    void aMailWrappedReportOfLinux54WithItsIrqContext() throws IOException {
        FailureReport r = only(sample("linux-5.4.30-kworker-order0-GFP_ATOMIC.log"));
        assertThat(r.task()).isEqualTo("kworker/3:6");
        assertThat(r.mode()).isEqualTo("0xa20(GFP_ATOMIC)");
        assertThat(r.gfp().mask()).isEqualTo(Gfp.GFP_ATOMIC | Gfp.ATOMIC_LEGACY);
        assertThat(r.gfp().text()).isEqualTo("0xa20(GFP_ATOMIC)");
        assertThat(r.kernel()).isEqualTo("5.4.30");
        assertThat(r.context()).isEqualTo(Context.HARDIRQ);
        assertThat(r.problems()).isEmpty();
        PrintedZone dma32 = zone(r, "DMA32");
        assertThat(dma32.free()).isEqualTo(13810);
        assertThat(dma32.min()).isEqualTo(3649);
        assertThat(dma32.high()).isEqualTo(5473);
        assertThat(dma32.freePcp()).isEqualTo(892);
        assertThat(dma32.lowmemReserve()).containsExactly(0, 0, 12485, 12485, 12485);
        assertThat(dma32.freeByOrder()).containsExactly(22, 18, 0, 13, 17, 18, 14, 5, 24, 10, 0);
        assertThat(zone(r, "Normal").freeByOrder()).containsExactly(94, 47, 60, 38, 30, 21, 37, 28, 0, 0, 0);
        assertThat(zone(r, "DMA").freeByOrder()).containsExactly(1, 0, 0, 1, 2, 1, 1, 0, 1, 1, 3);
    }

    @Test
    void aLinux26ReportWithPerCpuListsAndANamelessMask() throws IOException {
        FailureReport r = only(sample("linux-2.6.28-ksoftirqd-order1-nameless-mask.log"));
        assertThat(r.task()).isEqualTo("ksoftirqd/3");
        assertThat(r.order()).isEqualTo(1);
        assertThat(r.mode()).isEqualTo("0x20");
        assertThat(r.kernel()).isEqualTo("2.6.28.10-v3500-1");
        assertThat(r.context()).isEqualTo(Context.HARDIRQ);
        assertThat(r.gfp().known()).isFalse();
        assertThat(r.gfp().why()).isEqualTo("mode 0x20 is printed without flag names by Linux 2.6, whose flag bits"
                + " differ from today's");
        assertThat(r.nodemask()).isNull();
        assertThat(r.zones()).extracting(PrintedZone::name).containsExactly("DMA", "DMA32");
        PrintedZone dma32 = zone(r, "DMA32");
        assertThat(dma32.free()).isEqualTo(532);
        assertThat(dma32.min()).isEqualTo(1428);
        assertThat(dma32.managed()).isEqualTo(513023); // present: 2.6.28 prints no managed
        assertThat(dma32.freePcp()).isEqualTo(174 + 172 + 145 + 183);
        assertThat(zone(r, "DMA").lowmemReserve()).containsExactly(0, 2003, 2003, 2003);
        assertThat(zone(r, "DMA").freePcp()).isZero();
    }

    @Test
    void aReportWithoutNodePrefixesAndTheHighAtomicLetters() throws IOException {
        FailureReport r = only(sample("linux-4.19-binder-order0-GFP_ATOMIC-highatomic.log"));
        assertThat(r.task()).isEqualTo("Binder:9343_3");
        assertThat(r.mode()).isEqualTo("0x480020(GFP_ATOMIC)");
        assertThat(r.kernel()).isNull();
        assertThat(r.gfp().mask()).isEqualTo(Gfp.GFP_ATOMIC); // no version: 6.12's meaning
        PrintedZone normal = zone(r, "Normal");
        assertThat(normal.node()).isZero();
        assertThat(normal.free()).isEqualTo(2727);
        assertThat(normal.lowmemReserve()).containsExactly(0, 0);
        assertThat(normal.typesByOrder()).startsWith("H", "H", "H", "H", "H", "");
        assertThat(normal.freeCma()).isEqualTo(178);
    }

    @Test
    void aDamagedPasteWithAStampInsideTheZoneLine() throws IOException {
        // literal \x0a for newlines, "d irty", "333768k           B", and "[ 4738.329607] lowmem_reserve[]"
        // printed into the middle of the zone line
        FailureReport r = only(resource("linux-4.14-kswapd0-damaged-paste.txt"));
        assertThat(r.mode()).isEqualTo("0x140000a(GFP_NOIO|__GFP_HIGHMEM|__GFP_MOVABLE)");
        assertThat(r.kernel()).isEqualTo("4.14.113-18770262-userdebug");
        assertThat(r.cpuset()).isEqualTo("/");
        assertThat(r.memsAllowed()).isEqualTo("0");
        assertThat(r.gfp().mask()).isEqualTo(Gfp.GFP_NOIO | Gfp.HIGHMEM | Gfp.MOVABLE);
        PrintedZone normal = zone(r, "Normal");
        assertThat(normal.free()).isEqualTo(3510);
        assertThat(normal.reservedHighatomic()).isEqualTo(8192);
        assertThat(normal.lowmemReserve()).containsExactly(0, 0);
        assertThat(normal.freeByOrder()).containsExactly(860, 453, 180, 26, 34, 6, 2, 0, 0, 0, 0);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aReportCutDownToItsBuddyLineIsReadWithWhatItLacks() throws IOException {
        FailureReport r = only(resource("swapper-order2-buddy-line-only.txt"));
        assertThat(r.task()).isEqualTo("swapper/3");
        assertThat(r.order()).isEqualTo(2);
        assertThat(r.zones()).isEmpty();
        assertThat(r.problems()).containsExactly(
                "the report prints free blocks of Normal but no zone line with its watermarks");
    }

    @Test
    void everyReportOfALogIsFoundAndOneWithoutVersionTakesTheLogs() throws IOException {
        String one = Files.readString(sample("linux-6.19-kswapd0-order0-GFP_NOFS.log"));
        String noVersion = one.replace("Not tainted 6.19.0-rc5-00027-g40fd0acc45d0", "Not tainted");
        String log = "[    0.000000] Linux version 6.19.0-rc5 (gcc 14) #435\n" + one + noVersion;
        List<FailureReport> reports = KernelLogs.read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
        assertThat(reports).extracting(FailureReport::line).containsExactly(2L, 117L);
        assertThat(reports.get(1).kernel()).isEqualTo("6.19.0-rc5");
        assertThat(reports.get(1).zones()).hasSize(3);
        Path file = Files.createTempFile("two-reports", ".log");
        try {
            Files.writeString(file, log);
            assertThat(KernelLogs.countReports(file)).isEqualTo(2);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void unitsBecomePagesOfTheSizeOrderZerosBlocksImply() throws IOException {
        // the 4.19 report's zone as an arm64 kernel with 64 KiB pages would print it
        String log = "x: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL)\n"
                + "Node 0 Normal free:131072kB min:65536kB low:98304kB high:131072kB managed:4194304kB\n"
                + "lowmem_reserve[]: 0 0\n"
                + "Node 0 Normal: 2*64kB (U) 1*128kB (M) 0*256kB = 256kB\n";
        FailureReport r = KernelLogs.read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(r.pageSize()).isEqualTo(65536);
        PrintedZone z = r.zones().get(0);
        assertThat(z.free()).isEqualTo(2048);
        assertThat(z.min()).isEqualTo(1024);
        assertThat(z.managed()).isEqualTo(65536);
        assertThat(z.freeByOrder()).containsExactly(2, 1, 0);
    }

    @Test
    void absurdNumbersAreReadWithoutOverflow() throws IOException {
        String log = "x: page allocation failure: order:99, mode:0xcc0(GFP_KERNEL)\n"
                + "Node 0 Normal free:99999999999999999999kB min:1kB low:2kB high:3kB\n"
                + "lowmem_reserve[]: 0 99999999999999999999\n"
                + "Node 0 Normal: 99999999999999999999*4kB = 4kB\n";
        FailureReport r = KernelLogs.read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(r.order()).isEqualTo(99);
        assertThat(r.problems()).containsExactly("Normal prints no free:");
        assertThat(r.zones().get(0).lowmemReserve()).containsExactly(0, ZoneLines.LARGEST);
        assertThat(r.zones().get(0).freeByOrder()).containsExactly(ZoneLines.LARGEST);
    }

    @Test
    void logPrefixesAreStrippedInEveryForm() {
        assertThat(Prefixes.strip("[  104.032925] kswapd0: x")).isEqualTo(new Prefixes.Message("kswapd0: x", true));
        assertThat(Prefixes.strip("Feb  9 08:09:39 prod-server kernel: Mem-Info:").text()).isEqualTo("Mem-Info:");
        assertThat(Prefixes.strip("2026-02-22T21:36:58.123456+00:00 debian kernel: Mem-Info:").text())
                .isEqualTo("Mem-Info:");
        assertThat(Prefixes.strip("kern  :warn  : [  104.032925] Mem-Info:").text()).isEqualTo("Mem-Info:");
        assertThat(Prefixes.strip("<4>[  104.032925] Mem-Info:").text()).isEqualTo("Mem-Info:");
        assertThat(Prefixes.strip("[Sun Feb 22 21:36:58 2026] Mem-Info:").text()).isEqualTo("Mem-Info:");
        assertThat(Prefixes.strip("[  659.118049][ T3124] CPU: 2 PID: 3124").text()).isEqualTo("CPU: 2 PID: 3124");
        assertThat(Prefixes.strip("[4: binder:569_5:27109] binder:569_5: page").text()).isEqualTo("binder:569_5: page");
        assertThat(Prefixes.strip("[  104.03] debian kernel: Mem-Info:").text()).isEqualTo("Mem-Info:");
        assertThat(Prefixes.strip(" [<ffffffff8028cb0e>] __alloc_pages_internal"))
                .isEqualTo(new Prefixes.Message(" [<ffffffff8028cb0e>] __alloc_pages_internal", false));
    }

    @Test
    void headersOfEveryEra() {
        Headers.Header old = Headers.parse("swapper: page allocation failure. order:1, mode:0x20");
        assertThat(old).isEqualTo(new Headers.Header("swapper", 1, "0x20", null, null, null, null));
        Headers.Header h = Headers.parse("binder:569_5: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC),"
                + " nodemask=(null),cpuset=/,mems_allowed=0");
        assertThat(h).isEqualTo(new Headers.Header("binder:569_5", 0, "0xa20", "GFP_ATOMIC", "(null)", "/", "0"));
        assertThat(Headers.parse("kswapd0 cpuset=/ mems_allowed=0")).isNull();
    }

    @Test
    void namesDecideTheMaskWithTheMeaningsOfTheKernel() {
        KernelVersion v419 = KernelVersion.parse("4.19.0");
        assertThat(KernelMasks.read("0x480020", "GFP_ATOMIC", v419).mask()).isEqualTo(0xa20);
        assertThat(KernelMasks.read("0x480020", "GFP_ATOMIC", v419).text()).isEqualTo("0xa20(GFP_ATOMIC)");
        assertThat(KernelMasks.read("0x800", "GFP_NOWAIT", KernelVersion.parse("6.6")).text())
                .isEqualTo("0x800(GFP_NOWAIT)");
        assertThat(KernelMasks.read("0x2800", "GFP_NOWAIT", KernelVersion.parse("6.12")).mask()).isEqualTo(0x2800);
        var coreos = KernelMasks.read("0x2084120", "GFP_ATOMIC|__GFP_COLD|__GFP_COMP", KernelVersion.parse("4.9.24"));
        assertThat(coreos.mask()).isEqualTo(Gfp.GFP_ATOMIC | Gfp.ATOMIC_LEGACY | Gfp.COMP);
        assertThat(coreos.ignored()).containsExactly("__GFP_COLD");
        // a nameless 4.4 mask in 4.4's layout: HIGH 0x20, ATOMIC 0x80000, KSWAPD_RECLAIM 0x2000000
        assertThat(KernelMasks.read("0x2080020", null, KernelVersion.parse("4.4.0")).mask()).isEqualTo(0xa20);
        assertThat(KernelMasks.read("0xcc0", null, KernelVersion.parse("5.10")).mask()).isEqualTo(Gfp.GFP_KERNEL);
        assertThat(KernelMasks.read("0x20", null, null).known()).isFalse();
        assertThat(KernelMasks.read("0x20", null, KernelVersion.parse("3.10.0-1062.el7")).known()).isFalse();
        assertThat(KernelMasks.read("0x14200ca", null, KernelVersion.parse("4.14")).known()).isFalse();
    }
}
