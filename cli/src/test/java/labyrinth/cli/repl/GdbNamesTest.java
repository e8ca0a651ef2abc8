package labyrinth.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.testing.TraceBuilder;
import org.junit.jupiter.api.Test;

/**
 * The names a gdb or rr user types, in batch mode as a script runs them: breakpoints and their
 * table, the movements, {@code list}, and how unknown words and nonexistent targets are answered.
 */
class GdbNamesTest {
    /** 64 pages; events 0 to 7: a mark, allocations, a failure, a free, a transfer. */
    private static TraceBuilder trace() {
        return TraceBuilder.complete(64).mark("eth0: link up, filling the RX ring").alloc("nvme0q1", 2, Gfp.GFP_KERNEL)
                .alloc("eth0-rx", 0, Gfp.GFP_ATOMIC).mark("phase 2").alloc("big", 6, Gfp.GFP_KERNEL)
                .free("nvme0q1", 0).transfer("eth0-rx", 4, "tcp").mark("phase 3");
    }

    private static ReplSession open() throws Exception {
        return ReplSession.open(trace().source(), new SeekableReplay.Options(null, 1L << 20, 32L << 20, 4, 1024, 1000));
    }

    /** The batch transcript of {@code script}; {@code exit} receives the batch's exit code. */
    private static String batch(String script, int... exit) throws Exception {
        try (ReplSession s = open()) {
            StringWriter out = new StringWriter();
            int code = ReplShell.batch(s, new BufferedReader(new StringReader(script)), new PrintWriter(out));
            if (exit.length > 0) {
                assertThat(code).as(out.toString()).isEqualTo(exit[0]);
            }
            return out.toString();
        }
    }

    @Test
    void bIsBreakAndABareNumberIsAnEvent() throws Exception {
        String out = batch("b 4\nb failure\nbreak pfn 4\nrun\nc\nc\n", 0);
        assertThat(out).contains("> b 4\nbreakpoint 1: event 4\n> b failure\nbreakpoint 2: failure\n"
                + "> break pfn 4\nbreakpoint 3: pfn 4 (0x4)\n")
                .contains("> run\nbreakpoint 3: pfn 4 (0x4)\nafter event 2 (line 3)")
                .contains("> c\nbreakpoint 1: event 4\nafter event 4 (line 5)")
                .contains("  #4 alloc big order-6 GFP_KERNEL -> failed (watermark) at site:big\n")
                .contains("> c\nbreakpoint 3: pfn 4 (0x4)\nafter event 6 (line 7)")
                .contains("  #6 transfer pfn 4 eth0-rx -> tcp\n");
    }

    @Test
    void nextStepAndReverseStepTakeCounts() throws Exception {
        String out = batch("n\nn 2\nrs\ns 3\nreverse-step 2\nback\n", 0);
        assertThat(out).contains("> n\nafter event 0 ").contains("> n 2\nafter event 2 ")
                .contains("> rs\nafter event 1 ").contains("> s 3\nafter event 4 ")
                .contains("> reverse-step 2\nafter event 2 ").contains("> back\nafter event 1 ");
    }

    @Test
    void tbreakStopsOnceThenIsGone() throws Exception {
        String out = batch("tbreak owner eth0-rx\ninfo breakpoints\nc\ninfo breakpoints\nc\n", 0);
        assertThat(out).contains("> tbreak owner eth0-rx\ntemporary breakpoint 1: owner eth0-rx\n"
                + "> info breakpoints\nNum  Type         Enb  Hits  What\n"
                + "1    tbreakpoint  y       0  owner eth0-rx\n")
                .contains("> c\ntemporary breakpoint 1: owner eth0-rx\nafter event 2 ")
                .contains("> info breakpoints\nno breakpoints or watchpoints\n")
                .contains("> c\nreached the end of the trace\n");
    }

    @Test
    void watchStopsWhereThePageChangesHandsNotWhereItIsRead() throws Exception {
        String out = batch("watch pfn 0\nc\nc\nc\n", 0);
        assertThat(out).contains("watchpoint 1: pfn 0 (0x0)\n> c\nwatchpoint 1: pfn 0 (0x0)\nafter event 1 ")
                .contains("> c\nwatchpoint 1: pfn 0 (0x0)\nafter event 5 ")
                .contains("  #5 free nvme0q1 pfn 0 order-2\n")
                .endsWith("> c\nreached the end of the trace\nafter event 7 (line 8), 8 of 8 events applied (the end)\n"
                        + "  #7 mark \"phase 3\"\n  error: leak: 1 page in 1 block allocated by tcp at site:eth0-rx never freed\n");
    }

    @Test
    void disableEnableAndDeleteEditTheTable() throws Exception {
        String out = batch("b failure\nwatch pfn 4\ndisable 1\ninfo b\nrun\nenable 1\ndelete 2\nrun\ninfo breakpoints\n"
                + "delete\ninfo breakpoints\ndisable 9\n", 1);
        assertThat(out).contains("> info b\nNum  Type         Enb  Hits  What\n"
                + "1    breakpoint   n       0  failure\n2    watchpoint   y       0  pfn 4 (0x4)\n")
                .contains("> run\nwatchpoint 2: pfn 4 (0x4)\nafter event 2 ")
                .contains("> enable 1\nenabled breakpoint 1\n> delete 2\ndeleted breakpoint 2\n")
                .contains("> run\nbreakpoint 1: failure\nafter event 4 ")
                .contains("> info breakpoints\nNum  Type         Enb  Hits  What\n1    breakpoint   y       1  failure\n")
                .contains("> delete\ndeleted all breakpoints\n> info breakpoints\nno breakpoints or watchpoints\n")
                .endsWith("> disable 9\nerror: no breakpoint 9; 'info breakpoints' lists them\n");
    }

    @Test
    void deleteWithoutANumberAsksWhereSomeoneCanAnswer() throws Exception {
        try (ReplSession s = open()) {
            StringWriter out = new StringWriter();
            PrintWriter w = new PrintWriter(out);
            s.setConfirm(q -> false);
            s.execute("b failure", w);
            s.execute("delete", w);
            s.execute("info breakpoints", w);
            assertThat(out.toString()).contains("kept the breakpoints\nNum  Type");
        }
    }

    @Test
    void breakpointsOnEventsOrPagesTheTraceDoesNotHaveAreErrors() throws Exception {
        String out = batch("b 99\nbreak event 8\ntbreak pfn 64\nwatch pfn 0x1000\nwatch page 3\nbreak pfn -1\n"
                + "info breakpoints\n", 1);
        assertThat(out).contains("> b 99\nerror: no event 99 in the trace (events 0 to 7)\n")
                .contains("> break event 8\nerror: no event 8 in the trace (events 0 to 7)\n")
                .contains("> tbreak pfn 64\nerror: pfn 64 is outside the machine's memory (pfn 0 to 63)\n")
                .contains("> watch pfn 0x1000\nerror: pfn 4096 is outside the machine's memory (pfn 0 to 63)\n")
                .contains("> watch page 3\nerror: watch needs pfn P, found 'page 3'\n")
                .contains("> break pfn -1\nerror: a page must be")
                .endsWith("> info breakpoints\nno breakpoints or watchpoints\n");
    }

    @Test
    void listShowsTenEventsAroundThePosition() throws Exception {
        String out = batch("goto 4\nlist\n", 0);
        assertThat(out).endsWith("""
                > list
                   #0 mark "eth0: link up, filling the RX ring"
                   #1 alloc nvme0q1 order-2 GFP_KERNEL -> pfn 0 at site:nvme0q1
                   #2 alloc eth0-rx order-0 GFP_ATOMIC -> pfn 4 at site:eth0-rx
                   #3 mark "phase 2"
                => #4 alloc big order-6 GFP_KERNEL -> failed (watermark) at site:big
                   #5 free nvme0q1 pfn 0 order-2
                   #6 transfer pfn 4 eth0-rx -> tcp
                   #7 mark "phase 3"
                """);
    }

    @Test
    void unknownWordsSuggestTheGdbMeaning() throws Exception {
        String out = batch("bt\nbreakpoints\nnexti\nfinish\ninfo registers\n", 1);
        assertThat(out).contains("error: unknown command 'bt' (did you mean 'where'?)")
                .contains("error: unknown command 'breakpoints' (did you mean 'info breakpoints'?)")
                .contains("error: unknown command 'nexti' (did you mean 'next'?)")
                .contains("error: unknown command 'finish' (did you mean 'continue'?)")
                .contains("error: info takes nothing or breakpoints, found 'registers'");
    }

    @Test
    void marksMatchOnAUniquePrefixAndErrorsListThemOnePerLine() throws Exception {
        String out = batch("goto mark eth0\ngoto mark phase\ngoto mark zebra\n", 1);
        assertThat(out).contains("> goto mark eth0\nafter event 0 (line 1)")
                .contains("""
                        > goto mark phase
                        error: more than one mark starts with 'phase':
                          "phase 2"
                          "phase 3"
                        """)
                .endsWith("""
                        > goto mark zebra
                        error: no mark 'zebra'; the marks:
                          "eth0: link up, filling the RX ring"
                          "phase 2"
                          "phase 3"
                        """);
    }

    @Test
    void completionOffersQuotedMarksAndNothingAfterACommandsOneArgument() throws Exception {
        try (ReplSession s = open()) {
            assertThat(s.complete(List.of("goto", "mark")))
                    .containsExactly("\"eth0: link up, filling the RX ring\"", "\"phase 2\"", "\"phase 3\"");
            assertThat(s.complete(List.of("owner", "tcp"))).isEmpty();
            assertThat(s.complete(List.of("zones", "Normal"))).isEmpty();
            assertThat(s.complete(List.of("findings", "leak"))).isEmpty();
            assertThat(s.complete(List.of("goto", "mark", "\"phase 2\""))).isEmpty();
            assertThat(s.complete(List.of("break", "owner", "tcp"))).isEmpty();
            assertThat(s.complete(List.of("help", "step"))).isEmpty();
            assertThat(s.complete(List.of("info"))).containsExactly("breakpoints");
            assertThat(s.complete(List.of())).contains("b", "break", "tbreak", "watch", "next", "n", "rs", "run",
                    "list", "info", "delete", "disable", "enable").doesNotContain("exit ");
        }
    }
}
