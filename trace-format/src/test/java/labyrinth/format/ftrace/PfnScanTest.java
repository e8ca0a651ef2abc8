package labyrinth.format.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import labyrinth.format.TraceBytes;
import labyrinth.testing.Seeds;
import labyrinth.trace.TraceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte scan finds the same highest pfn and order as the full first pass, or leaves the file to it. */
class PfnScanTest {
    private static final String HEADER = "# tracer: nop\n#\n#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n";

    @TempDir
    Path dir;

    /** {scan, full pass}; the scan may be null (undecided). */
    private static long[][] both(Path file) throws IOException, TraceException {
        long[] fast = PfnScan.scan(TraceBytes.open(Files.newInputStream(file)));
        return new long[][] {fast, FtraceReader.prescan(file, file.toString(), FtraceOptions.defaults())};
    }

    private Path write(String text) throws IOException {
        Path f = Files.createTempFile(dir, "t", ".txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void agreesWithTheFullPassOnEveryRealTraceAndFixture() throws IOException, TraceException {
        List<Path> files;
        try (Stream<Path> real = Files.walk(Imports.realTraces());
             Stream<Path> fixtures = Files.walk(Imports.fixture("bare.txt").getParent())) {
            files = Stream.concat(real, fixtures).filter(p -> p.toString().endsWith(".txt")).toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path f : files) {
            long[][] r = both(f);
            if (r[0] != null) {
                assertThat(r[0]).as(f.toString()).containsExactly(r[1]);
            }
        }
    }

    @Test
    void decidesClassicLinesAsTheFullPassDoes() throws IOException, TraceException {
        Path f = write(HEADER
                + " kworker/u8:3-120   [001] d..1.   10.000001: mm_page_alloc: page=000000001 pfn=0x3f00 order=2"
                + " migratetype=0 gfp_flags=GFP_KERNEL\n"
                + "   <idle>-0     [000] ..s1.   10.000002: mm_page_free: page=00000002 pfn=0x1000 order=9\r\n"
                + "   sh-1     [000] .....   10.000003: mm_page_free_batched: page=00000002 pfn=0x5000\n"
                + "   sh-1     [000] .....   10.000004: mm_page_alloc: page=(null) pfn=0x9000000 order=3 gfp_flags=0x0\n"
                + "   sh-1     [000] .....   10.000005: mm_page_alloc: page=0x0 pfn=0x0 order=0 gfp_flags=0x0\n"
                + "   sh-1     [000] .....   10.000006: mm_page_alloc: pfn=0x9000000 order=33 gfp_flags=0x0\n"
                + "   sh-1     [000] .....   10.000007: mm_page_alloc: pfn=0x9000000 order=1\n"
                + "   sh-1     [000] .....   10.000008: mm_page_pcpu_drain: page=00000002 pfn=0x9000000 order=0\n"
                + "   sh-1     [000] .....   10.000009: sched_switch: prev_comm=mm_page next_pid=0\n"
                + "   sh-1     [000] .....   10.000010: mm_page_free: page=00000002 pfn=0x8000000 order=0");
        long[][] r = both(f);
        assertThat(r[0]).containsExactly(r[1]).containsExactly(0x5000, 9);
    }

    @Test
    void leavesOtherLayoutsAndGraphCommentsToTheFullPass() throws IOException {
        for (String line : List.of(
                "   sh-1     [000] .....   10.000001: mm_page_alloc: page=ffffea0000000010 pfn=16 order=0 gfp_flags=0x0",
                "   sh-1\t[000] .....   10.000001: mm_page_free: page=0 pfn=0x10 order=0",
                "   tâche-1     [000] .....   10.000001: mm_page_free: page=0 pfn=0x10 order=0",
                "   sh 1 [000]   10.000001:  mm_page_free: page=0 pfn=0x10 order=0",
                " 0)   sh-1   |  /* mm_page_free: page=0 pfn=0x10 order=0 */",
                " 0)   sh-1   |  /* ",
                "mm_page_free: page=0 pfn=0x10 order=0",
                "   sh-1     [000] .....   10.000001: mm_page_free: page=0x10 order=0")) {
            assertThat(PfnScan.scan(TraceBytes.open(Files.newInputStream(write(HEADER + line + "\n"))))).as(line).isNull();
        }
    }

    @Test
    void agreesOnRandomMixturesOfLines() {
        String[] tasks = {"sh-1", "<idle>-0", "kworker/u8:3-120", "a: b-2", "12-3", "CPU-4", ":x-5", "x y-6", "é-7"};
        String[] events = {"mm_page_alloc", "mm_page_free", "mm_page_free_batched", "mm_page_free_direct",
            "mm_pagevec_free", "mm_page_pcpu_drain", "kmalloc"};
        String[] pfns = {"pfn=0x1f", "pfn=0x0", "pfn=0xffffffffffffffff", "pfn=0x8000000000000001", "pfn=4096",
            "pfn=0xzz", "pfn=", "", "pfn=0x10000 pfn=0x1"};
        String[] orders = {"order=0", "order=3", "order=10", "order=21", "order=x", "order=", ""};
        String[] pages = {"page=00000000deadbeef", "page=(null)", "page=0x0", "page=", "page= (null)", ""};
        Seeds.each(1, 200, seed -> {
            Random rnd = new Random(seed);
            StringBuilder sb = new StringBuilder(HEADER);
            int lines = 1 + rnd.nextInt(30);
            for (int k = 0; k < lines; k++) {
                String fields = String.join(" ", pick(rnd, pages), pick(rnd, pfns), pick(rnd, orders),
                        rnd.nextInt(4) == 0 ? "" : "gfp_flags=GFP_KERNEL");
                String stamp = rnd.nextInt(8) == 0 ? "10" : "10.00000" + k;
                sb.append("  ").append(pick(rnd, tasks)).append("  [00").append(k % 4).append("] .....  ")
                        .append(stamp).append(": ").append(pick(rnd, events)).append(':')
                        .append(rnd.nextInt(10) == 0 ? "  " : " ").append(fields);
                if (k < lines - 1 || rnd.nextBoolean()) {
                    sb.append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
                }
            }
            long[][] r = both(write(sb.toString()));
            if (r[0] != null) {
                assertThat(r[0]).as(sb.toString()).containsExactly(r[1]);
            }
        });
    }

    private static String pick(Random rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }
}
