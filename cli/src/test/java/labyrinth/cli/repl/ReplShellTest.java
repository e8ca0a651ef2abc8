package labyrinth.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.testing.TraceBuilder;
import org.jline.reader.Candidate;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JLine loop on a scripted terminal: keystrokes in, screen out. */
class ReplShellTest {
    @TempDir
    Path tmp;

    private static TraceBuilder small() {
        return TraceBuilder.complete(64).mark("boot").alloc("nvme0q1", 2, Gfp.GFP_KERNEL).alloc("eth0-rx", 0, Gfp.GFP_ATOMIC)
                .transfer("eth0-rx", 4, "tcp").free("tcp", 4).free("tcp", 4);
    }

    private static ReplSession open(TraceBuilder t) throws Exception {
        return ReplSession.open(t.source(), new SeekableReplay.Options(null, 1L << 20, 32L << 20, 4, 1024, 1000));
    }

    /** Types {@code keys} into a dumb terminal running the loop; returns the screen. */
    private String type(ReplSession session, String keys, Path history) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // an xterm, not a dumb terminal: JLine only completes and recalls history on a capable one
        try (Terminal t = new ExternalTerminal("test", "xterm", new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                screen, StandardCharsets.UTF_8)) {
            t.setSize(new Size(200, 50));
            // keys arrive before the first prompt: echoed by the terminal's pump thread, they would land
            // in the middle of the banner, wherever that thread got to; the line reader draws them itself
            t.echo(false);
            assertThat(ReplShell.interactive(session, t, history, false)).isZero();
        }
        return plain(screen.toString(StandardCharsets.UTF_8));
    }

    /** The screen without escape sequences and carriage returns. */
    private static String plain(String s) {
        return s.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001b[()][A-Z0-9]", "")
                .replaceAll("\u001b[=>]", "").replace("\r", "");
    }

    @Test
    void runsCommandsTypedAtThePrompt() throws Exception {
        try (ReplSession s = open(small())) {
            String screen = type(s, "step 2\npage 3\nfoo\ngoto mark boot; top\nquit\nstep\n", tmp.resolve("h"));
            assertThat(screen).contains("(labyrinth) ")
                    .contains("after event 1 (line 2), 2 of 6 events applied")
                    .contains("pfn 3 (0xffff888000003000), zone Normal: allocated\n  block pfn 0-3, order 2 (4 pages)")
                    .contains("error: unknown command 'foo'")
                    .contains("after event 0 (line 1), 1 of 6 events applied")
                    .contains("no owner holds pages")
                    // nothing after quit runs
                    .doesNotContain("after event 2");
        }
    }

    @Test
    void endOfInputLeavesAndHistoryPersists() throws Exception {
        Path history = tmp.resolve("history");
        try (ReplSession s = open(small())) {
            type(s, "step\nzones\n", history);
        }
        assertThat(Files.readString(history)).contains("step").contains("zones");
        try (ReplSession s = open(small())) {
            // Ctrl-P (previous history) recalls the last line of the earlier session
            assertThat(type(s, "\u0010\n", history)).contains("zone         pages      free");
        }
    }

    @Test
    void tabCompletesCommandsOwnersAndKinds() throws Exception {
        try (ReplSession s = open(small())) {
            String screen = type(s, "reverse-c\t\nbr fai\t\ngoto end\nowner nvm\t\nfindings double\t\n", null);
            assertThat(screen).contains("already at the start of the trace")
                    .contains("breakpoint 1: failure")
                    .contains("nvme0q1 holds 4 pages in 1 block")
                    .contains("test.json:6:1: error: double-free");
        }
    }

    @Test
    void completerOffersCandidatesForTheWordUnderTheCursor() throws Exception {
        try (ReplSession s = open(small());
             Terminal t = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            var reader = LineReaderBuilder.builder().terminal(t).build();
            DefaultParser parser = new DefaultParser();
            assertThat(candidates(s, reader, parser, "break owner ")).containsExactly("eth0-rx", "nvme0q1", "tcp");
            assertThat(candidates(s, reader, parser, "step; goto mark ")).containsExactly("boot");
            assertThat(candidates(s, reader, parser, "zones ")).containsExactly("Normal");
            assertThat(candidates(s, reader, parser, "br kind ")).contains("alloc-failure", "leak");
            assertThat(candidates(s, reader, parser, "")).contains("continue", "c", "reverse-continue", "rc");
        }
    }

    private static List<String> candidates(ReplSession s, org.jline.reader.LineReader reader, DefaultParser parser,
                                           String line) {
        List<Candidate> list = new ArrayList<>();
        ReplShell.completer(s).complete(reader, parser.parse(line, line.length()), list);
        List<String> values = new ArrayList<>();
        for (Candidate c : list) {
            values.add(c.value());
        }
        return values;
    }

    @Test
    void ctrlCStopsContinueWithoutLeaving() throws Exception {
        TraceBuilder t = TraceBuilder.complete(64);
        for (int i = 0; i < 100_000; i++) {
            t.alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0);
        }
        try (ReplSession s = open(t)) {
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            try (Terminal term = new DumbTerminal("test", "dumb",
                    new ByteArrayInputStream("break event 999999999\ncontinue\nwhere\nquit\n".getBytes(StandardCharsets.UTF_8)),
                    screen, StandardCharsets.UTF_8)) {
                int[] raised = {0};
                // the search calls this every 65536 events: the first call is the user's Ctrl-C
                s.onSearchProgress(() -> {
                    if (raised[0]++ == 0) {
                        term.raise(Terminal.Signal.INT);
                    }
                });
                ReplShell.interactive(s, term, null, false);
            }
            String out = screen.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("interrupted\nafter event 65534 (line 65535), 65535 of 200000 events applied");
            // the session goes on: 'where' after the interrupt shows the same place
            assertThat(out.indexOf("after event 65534", out.indexOf("interrupted") + 40)).isPositive();
        }
    }

    @Test
    void batchEchoesEachCommandAndFailsWhenOneDid() throws Exception {
        try (ReplSession s = open(small())) {
            StringWriter out = new StringWriter();
            int code = ReplShell.batch(s, new BufferedReader(new StringReader("goto 2; page 0x4\nbogus 1\ntop\n")),
                    new PrintWriter(out));
            assertThat(code).isEqualTo(1);
            assertThat(out.toString()).startsWith("> goto 2\nafter event 2 (line 3)")
                    .contains("> page 0x4\npfn 4 (0xffff888000004000), zone Normal: allocated")
                    .contains("> bogus 1\nerror: unknown command 'bogus'")
                    .endsWith("> top\n        4 pages  nvme0q1\n        1 page   eth0-rx\n")
                    .doesNotContain("(labyrinth)");
        }
        try (ReplSession s = open(small())) {
            assertThat(ReplShell.batch(s, new BufferedReader(new StringReader("step\nquit\nbogus\n")),
                    new PrintWriter(new StringWriter()))).isZero();
        }
    }
    @Test
    void opensWithAOneLineBanner() throws Exception {
        try (ReplSession s = open(small())) {
            // (the terminal may echo the typed keys before the reader takes it over)
            assertThat(type(s, "quit\n", null)).contains(
                    "test.json: 6 events, 64 pages (Normal), outcome findings; 'help' for commands\n(labyrinth) ");
        }
    }

    @Test
    void gdbNamesWorkAtThePromptAndAnEmptyLineRepeatsTheLastMovement() throws Exception {
        try (ReplSession s = open(small())) {
            String screen = type(s, "b 3\nn\n\n\nrs 2\n\ninfo breakpoints\n\nc\n\nquit\n", null);
            assertThat(screen).contains("breakpoint 1: event 3")
                    .contains("(labyrinth) n\nafter event 0 (line 1), 1 of 6")
                    .contains("(labyrinth) \nafter event 1 (line 2), 2 of 6")
                    .contains("(labyrinth) \nafter event 2 (line 3), 3 of 6")
                    // rs 2 and its repeat: back to the start
                    .contains("(labyrinth) rs 2\nafter event 0 (line 1), 1 of 6")
                    .contains("(labyrinth) \nat the start, before event 0 (line 1); 0 of 6 events applied");
            // info is no movement: the empty line after it repeats 'rs 2' (already at the start), then c stops at 3
            assertThat(screen).contains("Num  Type         Enb  Hits  What\n1    breakpoint   y       0  event 3")
                    .contains("(labyrinth) c\nbreakpoint 1: event 3\nafter event 3 (line 4), 4 of 6")
                    // the empty line after c continues to the end
                    .contains("(labyrinth) \nreached the end of the trace\nafter event 5 (line 6), 6 of 6 events applied");
        }
    }

    @Test
    void deleteWithoutANumberAsksFirst() throws Exception {
        try (ReplSession s = open(small())) {
            String screen = type(s, "b failure\ndelete\nn\ninfo breakpoints\ndelete\ny\ninfo breakpoints\nquit\n", null);
            assertThat(screen).contains("Delete all breakpoints? (y or n) n\nkept the breakpoints\n")
                    .contains("Delete all breakpoints? (y or n) y\ndeleted all breakpoints\n")
                    .contains("no breakpoints or watchpoints");
        }
    }

    @Test
    void historyLivesInHomeFromTheEnvironment() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path file = ReplShell.historyFile(java.util.Map.of("HOME", home.toString()));
        assertThat(file).isEqualTo(home.resolve(".labyrinth_history"));
        assertThat(ReplShell.historyFile(java.util.Map.of())).as("no HOME, no history").isNull();
        try (ReplSession s = open(small())) {
            type(s, "next 2\nzones\n", file);
        }
        assertThat(Files.readString(file)).contains("next 2").contains("zones");
        try (ReplSession s = open(small())) {
            assertThat(type(s, "\u0010\n", file)).contains("zone         pages      free");
        }
    }

    @Test
    void aHomeThatCannotBeWrittenWarnsOnceAndTheSessionGoesOn() throws Exception {
        // a regular file where the home folder should be: even root cannot write under it
        Path notADir = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path file = ReplShell.historyFile(java.util.Map.of("HOME", notADir.resolve("home").toString()));
        try (ReplSession s = open(small())) {
            String screen = type(s, "step\nzones\nstep\nquit\n", file);
            assertThat(screen).contains("after event 1 (line 2)").contains("zone         pages")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(screen.split("warning: cannot keep the history", -1)).as(screen).hasSize(2);
            assertThat(screen).contains("warning: cannot keep the history in " + file + " (");
        }
        assertThat(notADir.getParent().resolve("?")).doesNotExist();
    }

    @Test
    void tabCompletesAMarkLabelQuotedAndGotoAcceptsIt() throws Exception {
        TraceBuilder t = TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).mark("eth0: link up, ring full")
                .alloc("b", 0, Gfp.GFP_KERNEL);
        try (ReplSession s = open(t)) {
            String screen = type(s, "goto mark eth\t\nquit\n", null);
            // the screen shows the typed 'eth', then the completion drawn over it
            assertThat(screen).contains("\"eth0: link up, ring full\" \nafter event 1 (line 2), 2 of 3 events applied");
            // a quote already opened is completed and closed, not doubled
            String quoted = type(s, "goto mark \"eth0: li\t\nquit\n", null);
            assertThat(quoted).contains("after event 1 (line 2), 2 of 3 events applied").doesNotContain("error");
        }
    }
}
