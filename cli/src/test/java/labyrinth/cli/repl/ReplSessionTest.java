package labyrinth.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import labyrinth.core.Allocator;
import labyrinth.core.Gfp;
import labyrinth.format.TraceFiles;
import labyrinth.replay.Mode;
import labyrinth.testing.TraceBuilder;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplSessionTest {
    /** A worked example of the contracts, from the test resources' {@code examples/}. */
    private static Path example(String name) throws URISyntaxException {
        URL url = ReplSessionTest.class.getResource("/examples/" + name);
        if (url == null) {
            throw new IllegalStateException("expected the test resource examples/" + name + ", found nothing");
        }
        return Path.of(url.toURI());
    }

    private ReplSession session;
    private boolean lastFailed;

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    private void openExample(String name) throws Exception {
        try (TraceSource src = TraceFiles.open(example(name), name)) {
            session = ReplSession.open(src, null, Allocator.DEFAULT_MAX_PAGES);
        }
    }

    private void open(TraceBuilder t) throws Exception {
        session = ReplSession.open(t.source(), new SeekableReplay.Options(null, 1L << 20, 32L << 20, 4, 1024, 1000));
    }

    /** Runs {@code ;}-separated commands; remembers whether any failed. */
    private String run(String commands) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        lastFailed = false;
        for (String c : ReplSession.split(commands)) {
            lastFailed |= session.execute(c, out) == ReplSession.Result.FAILED;
        }
        out.flush();
        return sw.toString();
    }

    @Test
    void checkpointsStayWithinTheirCountAndSpreadAcrossTheTrace() throws Exception {
        TraceBuilder t = TraceBuilder.random(java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(5), 3000, 256);
        session = ReplSession.open(t.source(), new SeekableReplay.Options(null, 1L << 20, 1L << 30, 4, 6, 1000));
        assertThat(session.timeline().checkpointCount()).as("a large budget, a count of 6").isEqualTo(6);
        assertThat(session.timeline().spacing()).as("about size / count apart").isBetween(3000L / 6, 3000L / 3);
    }

    @Test
    void opensBeforeTheFirstEvent() throws Exception {
        openExample("ownership.json");
        assertThat(run("where")).isEqualTo("at the start, before event 0 (line 7); 0 of 15 events applied\n");
    }

    @Test
    void stepAppliesEventsAndPrintsThemInShortForm() throws Exception {
        openExample("ownership.json");
        assertThat(run("step")).isEqualTo("""
                after event 0 (line 7), 1 of 15 events applied
                  #0 alloc eth0-rx order-0 GFP_ATOMIC|__GFP_EXCLUSIVE hardirq -> pfn 0 at rx_refill+0x4c
                """);
        assertThat(run("s 2")).isEqualTo("""
                after event 2 (line 20), 3 of 15 events applied
                  #2 write dma-engine pfn 0
                  error: exclusive-violation: write of pfn 0 by dma-engine, but the exclusive order-0 block at pfn 0 belongs to eth0-rx
                """);
        assertThat(run("n")).startsWith("after event 3 (line 26), 4 of 15 events applied\n  #3 read eth0-rx pfn 0\n");
        assertThat(run("next 2")).startsWith("after event 5 ");
        assertThat(run("step 0x10")).startsWith("after event 14 (line 84), 15 of 15 events applied (the end)");
    }

    @Test
    void printShowsTheCurrentEventShortOrRaw() throws Exception {
        openExample("ownership.json");
        assertThat(run("print")).isEqualTo("at the start: no event applied yet\n");
        assertThat(run("goto 0; print json")).endsWith("""
                {"ctx": "hardirq", "owner": "eth0-rx", "op": "alloc", "fn": "labyrinth_void_alloc_page_gfp_atomic_exclusive", "site": "rx_refill+0x4c", "order": 0, "gfp": "GFP_ATOMIC|__GFP_EXCLUSIVE"}
                """);
        assertThat(run("goto 7; print")).endsWith("#7 free kworker pfn 4 order-2  [order-mismatch, foreign-free]\n");
        session.setJson(true);
        assertThat(run("where")).contains("  {\"owner\": \"kworker\", \"op\": \"free\", \"pfn\": 4, \"order\": 1}\n");
        assertThat(run("print yaml")).isEqualTo("error: print takes nothing or json, found 'yaml'\n");
    }

    @Test
    void listShowsTheEventsAroundThePosition() throws Exception {
        openExample("ownership.json");
        assertThat(run("list")).startsWith("=> at the start\n   #0 alloc eth0-rx").hasLineCount(11);
        assertThat(run("goto 7; list")).endsWith("""
                   #3 read eth0-rx pfn 0
                   #4 write blk-mq pfn 5
                   #5 transfer pfn 4 (order-2 block at 4) blk-mq -> blk-mq  [foreign-transfer]
                   #6 free nvme0q1 pfn 5  [invalid-free]
                => #7 free kworker pfn 4 order-2  [order-mismatch, foreign-free]
                   #8 free kworker pfn 4  [double-free]
                   #9 write blk-mq pfn 6  [use-after-free]
                   #10 alloc kworker order-0 GFP_KERNEL atomic -> pfn 1  [sleep-in-atomic]
                   #11 free tcp pfn 0  [foreign-free]
                   #12 free kworker pfn 1
                """);
        assertThat(run("list 14")).endsWith("   #14 free pfn NULL\n").hasLineCount(10);
        assertThat(run("list 99")).isEqualTo("error: no event 99 in the trace (events 0 to 14)\n");
    }

    @Test
    void backAndGotoMoveBothWays() throws Exception {
        openExample("ownership.json");
        assertThat(run("goto 8; back; back 2")).contains("after event 5 (line 37), 6 of 15");
        assertThat(run("rs; reverse-step 2")).contains("after event 2 (line 20), 3 of 15");
        assertThat(run("back 100")).startsWith("at the start");
        // b is break, as in gdb: it no longer steps back
        assertThat(run("goto 8; b 2")).endsWith("breakpoint 1: event 2\n");
        assertThat(run("where")).startsWith("after event 8 ");
        assertThat(run("goto end")).contains("15 of 15 events applied (the end)");
        assertThat(run("goto start")).startsWith("at the start");
        assertThat(run("goto 0xb")).startsWith("after event 11 ");
    }

    @Test
    void pageShowsTheBlockAndItsHistory() throws Exception {
        openExample("ownership.json");
        assertThat(run("goto 3; page 0")).isEqualTo("""
                after event 3 (line 26), 4 of 15 events applied
                  #3 read eth0-rx pfn 0
                pfn 0 (0xffff888000000000), zone Normal: allocated
                  block pfn 0, order 0 (1 page)
                  owner eth0-rx, exclusive
                  allocated at event 0 (line 7) at rx_refill+0x4c
                  history (3 events up to here):
                    event 0 (line 7): alloc order-0 GFP_ATOMIC|__GFP_EXCLUSIVE by eth0-rx at rx_refill+0x4c -> pfn 0
                    event 2 (line 20): write pfn 0 by dma-engine  [exclusive-violation]
                    event 3 (line 26): read pfn 0 by eth0-rx
                """);
        // an address in the direct map names the same page as its pfn
        assertThat(run("page 0xffff888000005000")).startsWith("pfn 5 (0xffff888000005000), zone Normal: allocated\n"
                + "  block pfn 4-7, order 2 (4 pages)\n  owner nvme0q1, shared\n");
        assertThat(run("goto 9; page 4")).contains("""
                pfn 4 (0xffff888000004000), zone Normal: free
                  last freed at event 7 (line 48), from the block allocated at event 1 by blk-mq
                """).contains("event 8 (line 54): free pfn 4 by kworker  [double-free]");
        assertThat(run("page 1024")).isEqualTo("error: pfn 1024 is outside the machine's memory (pfn 0 to 1023)\n");
        assertThat(lastFailed).isTrue();
    }

    @Test
    void ownerShowsBlocksBySite() throws Exception {
        openExample("ownership.json");
        assertThat(run("goto 1; owner nvme0q1")).endsWith("""
                nvme0q1 holds 4 pages in 1 block
                  nvme_queue_rq+0x1a0: 4 pages in 1 block
                    pfn 4 order 2, allocated at event 1
                """);
        assertThat(run("goto 5; owner nvme0q1")).endsWith("nvme0q1 holds no pages\n");
        assertThat(run("owner nvme0")).isEqualTo("error: no event names owner 'nvme0' (did you mean 'nvme0q1'?)\n");
    }

    @Test
    void zonesBuddyAndTop() throws Exception {
        openExample("ownership.json");
        run("goto 1");
        assertThat(run("zones")).isEqualTo("""
                zone         pages      free       min       low      high
                Normal        1024      1019        64        80        96
                """);
        assertThat(run("buddy")).isEqualTo(
                "Node 0, zone   Normal      1      1      0      1      1      1      1      1      1      1      0\n");
        assertThat(run("top")).isEqualTo("        4 pages  nvme0q1\n        1 page   eth0-rx\n");
        assertThat(run("top 1")).isEqualTo("        4 pages  nvme0q1\n");
        assertThat(run("zones Nromal")).isEqualTo("error: no zone 'Nromal' (did you mean 'Normal'?); zones: Normal\n");
        assertThat(run("goto start; top")).endsWith("no owner holds pages\n");
    }

    @Test
    void findingsSoFarFilteredByKind() throws Exception {
        openExample("ownership.json");
        assertThat(run("findings")).as("at the start, how many the trace has")
                .isEqualTo("no findings up to here; the trace has 10, the first at event 2\n");
        assertThat(run("findings leak")).isEqualTo("no leak findings up to here; the trace has none\n");
        assertThat(run("goto 7; findings")).contains("ownership.json:20:3: error: exclusive-violation")
                .contains("ownership.json:48:3: error: order-mismatch").doesNotContain("double-free");
        assertThat(run("findings foreign-free")).isEqualTo("""
                ownership.json:48:3: warning: foreign-free: free of the order-2 block at pfn 4 by kworker, but it belongs to blk-mq
                  note: allocated at event 1, line 14, at nvme_queue_rq+0x1a0 (held by blk-mq)
                """);
        assertThat(run("findings leek")).startsWith("error: unknown finding kind 'leek' (did you mean 'leak'?)");
    }

    @Test
    void breakpointsStopContinueBothWays() throws Exception {
        openExample("ownership.json");
        assertThat(run("break violation")).isEqualTo("breakpoint 1: violation\n");
        assertThat(run("c")).startsWith("breakpoint 1: violation\nafter event 2 (line 20)");
        assertThat(run("delete 1; br kind double-free; continue")).contains("after event 8 ");
        assertThat(run("br owner tcp; br pfn 0x1; breaks")).endsWith("""
                Num  Type         Enb  Hits  What
                2    breakpoint   y       1  kind double-free
                3    breakpoint   y       0  owner tcp
                4    breakpoint   y       0  pfn 1 (0x1)
                """);
        assertThat(run("c")).startsWith("breakpoint 4: pfn 1 (0x1)\nafter event 10 ");
        assertThat(run("c")).startsWith("breakpoint 3: owner tcp\nafter event 11 ");
        assertThat(run("rc")).startsWith("breakpoint 4: pfn 1 (0x1)\nafter event 10 ");
        assertThat(run("rc")).startsWith("breakpoint 2: kind double-free\nafter event 8 ");
        assertThat(run("delete; rc")).startsWith("deleted all breakpoints\nreached the start of the trace\nat the start");
        assertThat(run("rc")).isEqualTo("already at the start of the trace\n");
        assertThat(run("c")).startsWith("reached the end of the trace\nafter event 14 ");
        assertThat(run("br event 3; br failure; br pressure; br panic; rc")).contains("after event 3 ");
        assertThat(run("delete 42")).startsWith("error: no breakpoint 42");
        assertThat(run("break sometimes")).startsWith("error: unknown breakpoint 'sometimes'");
    }

    @Test
    void marksAndPanicAndPressure() throws Exception {
        TraceBuilder t = TraceBuilder.complete(64).mark("phase 1").alloc("a", 5, Gfp.GFP_KERNEL).mark("phase 2: flap")
                .alloc("b", 4, Gfp.GFP_ATOMIC).alloc("c", 4, Gfp.GFP_ATOMIC).panic("out of pages");
        open(t);
        assertThat(run("goto mark phase 2: flap")).startsWith("after event 2 (line 3)");
        assertThat(run("goto mark \"phase 1\"")).startsWith("after event 0 (line 1)");
        assertThat(run("goto mark phase 3")).startsWith("error: no mark 'phase 3' (did you mean 'phase 1'?)");
        assertThat(run("break pressure; c")).contains("breakpoint 1: pressure");
        assertThat(run("delete; break failure; c")).contains("breakpoint 2: failure").contains("alloc-failure");
        assertThat(run("delete; break panic; c")).contains("breakpoint 3: panic\nafter event 5 (line 6)")
                .contains("error: panic reproduced: \"out of pages\" (trigger: event 4)");
    }

    @Test
    void badCommandsFailWithAHint() throws Exception {
        openExample("ownership.json");
        assertThat(run("stpe")).isEqualTo(
                "error: unknown command 'stpe' (did you mean 'step'?); 'help' lists the commands\n");
        assertThat(lastFailed).isTrue();
        assertThat(run("step -1")).startsWith("error: step needs a count");
        assertThat(run("goto 99")).isEqualTo("error: no event 99 in the trace (events 0 to 14)\n");
        assertThat(run("goto")).startsWith("error: goto needs");
        assertThat(run("where now")).isEqualTo("error: where takes no argument, found 'now'\n");
        assertThat(run("where")).startsWith("at the start");
        assertThat(lastFailed).isFalse();
    }

    @Test
    void helpListsCommandsAndExplainsOne() throws Exception {
        openExample("ownership.json");
        assertThat(run("help")).contains("reverse-continue", "page PFN|ADDR", "findings [KIND]");
        assertThat(run("help br")).startsWith(
                "break failure|violation|panic|pressure|event N|pfn P|owner NAME|kind KIND   (also: b, br)\n")
                .contains("  violation  an ownership or context rule was broken");
        assertThat(run("quit")).isEmpty();
    }

    @Test
    void completionOffersCommandsOwnersZonesKindsAndMarks() throws Exception {
        TraceBuilder t = TraceBuilder.complete(64).mark("boot").alloc("eth0-rx", 0, Gfp.GFP_KERNEL)
                .transfer("eth0-rx", 0, "tcp");
        open(t);
        assertThat(session.complete(java.util.List.of())).contains("step", "s", "reverse-continue", "rc", "quit");
        assertThat(session.complete(java.util.List.of("owner"))).containsExactly("eth0-rx", "tcp");
        assertThat(session.complete(java.util.List.of("br"))).contains("failure", "owner", "kind", "pfn");
        assertThat(session.complete(java.util.List.of("break", "owner"))).containsExactly("eth0-rx", "tcp");
        assertThat(session.complete(java.util.List.of("findings"))).contains("leak", "double-free");
        assertThat(session.complete(java.util.List.of("zones"))).containsExactly("Normal");
        assertThat(session.complete(java.util.List.of("goto", "mark"))).containsExactly("boot");
        assertThat(session.complete(java.util.List.of("goto"))).containsExactly("start", "end", "mark");
    }

    @Test
    void observeModeTakesRecordedResults() throws Exception {
        try (TraceSource src = TraceFiles.open(example("divergence.json"), "divergence.json")) {
            session = ReplSession.open(src, Mode.OBSERVE, Allocator.DEFAULT_MAX_PAGES);
        }
        assertThat(run("goto end; findings divergence")).endsWith("no divergence findings up to here; the trace has none\n");
    }
}
