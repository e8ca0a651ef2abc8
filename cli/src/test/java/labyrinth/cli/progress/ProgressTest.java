package labyrinth.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import labyrinth.core.Machine;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.ListSource;
import labyrinth.trace.Scope;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text);

    @TempDir
    Path dir;

    private Progress bar(String task, long total) {
        return Progress.start(err, now::get, 80, task, total, -1);
    }

    private void at(long millis) {
        now.set(1_000 * MS + millis * MS);
    }

    /** What was written, without the autowrap switches around each draw. */
    private String drawn() {
        return text.toString().replace(Progress.WRAP_OFF, "").replace(Progress.WRAP_ON, "");
    }

    /** The lines drawn so far, without their {@code \r} and trailing blanks. */
    private List<String> draws() {
        List<String> out = new ArrayList<>();
        for (String part : drawn().split("\r")) {
            if (!part.isBlank()) {
                out.add(part.stripTrailing());
            }
        }
        return out;
    }

    @Test
    void drawsAtMostOnceIn200MillisecondsAndNotBeforeTheFirst200() {
        Progress p = bar("replaying t.json", 1000);
        p.add(10, 100);
        at(100);
        p.tick();
        assertThat(drawn()).as("a run this short shows nothing").isEmpty();
        at(200);
        p.tick();
        at(300);
        p.add(10, 100);
        p.tick();
        at(399);
        p.tick();
        at(400);
        p.tick();
        assertThat(draws()).containsExactly(
                "replaying t.json  10% 100 B/1000 B  50 events/s  ETA 0:01",
                "replaying t.json  20% 200 B/1000 B  50 events/s  ETA 0:01");
    }

    @Test
    void closingBlanksTheLineOutAndNothingIsDrawnAfter() {
        Progress p = bar("replaying t.json", 1000);
        at(500);
        p.add(1, 1000);
        p.tick();
        String line = "replaying t.json  100% 1000 B/1000 B  2 events/s  ETA 0:00";
        p.close();
        at(5000);
        p.tick();
        p.close();
        assertThat(drawn()).isEqualTo("\r" + line + "\r" + " ".repeat(line.length()) + "\r");
    }

    @Test
    void aBarNeverDrawnLeavesNothingToBlankOut() {
        Progress p = bar("replaying t.json", 1000);
        p.add(1, 1000);
        p.tick();
        p.close();
        assertThat(drawn()).isEmpty();
    }

    @Test
    void aShorterLineCoversWhatIsLeftOfTheLonger() {
        Progress p = bar("triage", -1);
        at(1000);
        p.add(1_000_000, 10 << 20);
        p.tick();
        String first = "triage  10 MiB  1.0 M events/s  0:01 elapsed";
        at(10_000);
        p.tries(1, 5); // a reduction's line, and a shorter one
        String second = "triage  1 try  5 events left  0:10 elapsed";
        assertThat(drawn()).isEqualTo("\r" + first + "\r" + second
                + " ".repeat(first.length() - second.length()));
    }

    @Test
    void autowrapIsOffWhileTheBarIsDrawnSoANarrowedTerminalClipsItInsteadOfScrolling() {
        Progress p = Progress.start(err, now::get, 30, "replaying t.json", 1000, -1);
        at(1000);
        p.tick();
        p.close();
        assertThat(text.toString()).isEqualTo("\u001b[?7l\rreplaying t.json  0% 0 B/1000\u001b[?7h"
                + "\u001b[?7l\r" + " ".repeat(29) + "\r\u001b[?7h");
    }

    @Test
    void aLineIsCutToOneLessThanTheTerminalWidthSoItNeverWraps() {
        Progress p = Progress.start(err, now::get, 30, "replaying a-very-long-trace-name.json", 1000, -1);
        at(1000);
        p.tick();
        assertThat(drawn()).isEqualTo("\r" + "replaying a-very-long-trace-name.json".substring(0, 29));
    }

    @Test
    void aCountedSourceReportsEveryBatchAndAtTheEnd() throws Exception {
        Progress p = bar("replaying t.json", -1);
        TraceSource counted = p.count(new ListSource("t", header(), events(10_000)));
        assertThat(counted).isNotInstanceOf(ListSource.class);
        int read = 0;
        long step = 0;
        while (counted.next() != null) {
            read++;
            at(step += 100);
            assertThat(p.snapshot().events()).isEqualTo(read / ProgressSource.BATCH * ProgressSource.BATCH);
        }
        assertThat(p.snapshot().events()).isEqualTo(10_000);
        assertThat(p.snapshot().bytes()).as("a list has no bytes: bytesRead -1 adds none").isZero();
        assertThat(draws()).hasSize(3);
        assertThat(draws().get(2)).startsWith("replaying t.json  0 B  10 events/s");
        counted.close();
        assertThat(p.snapshot().events()).isEqualTo(10_000);
    }

    @Test
    void closingATraceCountsItsWholeFileAndTheTraceAsDone() throws Exception {
        Path a = Files.write(dir.resolve("a.json"), new byte[700]);
        Path b = Files.write(dir.resolve("b.json"), new byte[300]);
        Progress p = Progress.start(err, now::get, 80, "triage", 1000, 3);
        try (Progress.Trace t = p.trace(a); TraceSource s = t.count(new ListSource("a", header(), events(5)))) {
            while (s.next() != null) {
                // read it all
            }
        }
        assertThat(p.snapshot().bytes()).isEqualTo(700);
        assertThat(p.snapshot().events()).isEqualTo(5);
        p.trace(b).close(); // b could not be opened
        p.trace(dir.resolve("missing.json")).close(); // nor could this
        assertThat(p.snapshot().bytes()).isEqualTo(1000);
        assertThat(p.snapshot().tracesDone()).isEqualTo(3);
        at(1000);
        p.tick();
        assertThat(draws()).containsExactly("triage  3/3 traces  100% 1000 B/1000 B  5 events/s  ETA 0:00");
    }

    @Test
    void messagesGoAboveTheBarWhichWaitsForTheEndOfTheirLine() {
        Progress p = bar("reducing t.json", -1);
        p.tries(0, 50);
        at(1000);
        p.tries(1, 40);
        String bar = "reducing t.json  1 try  40 events left  0:01 elapsed";
        PrintWriter above = p.writer();
        above.print("reduce: owners: ");
        at(2000);
        p.tries(2, 30);
        above.println("30 events left");
        at(3000);
        p.tries(3, 20);
        p.close();
        String later = "reducing t.json  3 tries  20 events left  0:03 elapsed";
        assertThat(drawn()).isEqualTo("\r" + bar + "\r" + " ".repeat(bar.length()) + "\r"
                + "reduce: owners: 30 events left" + System.lineSeparator()
                + "\r" + later + "\r" + " ".repeat(later.length()) + "\r");
    }

    @Test
    void offCostsNothingAndDrawsNothing() throws Exception {
        ListSource source = new ListSource("t", header(), events(3));
        assertThat(Progress.OFF.live()).isFalse();
        assertThat(Progress.OFF.count(source)).isSameAs(source);
        assertThat(Progress.OFF.trace(dir.resolve("x")).count(source)).isSameAs(source);
        Progress.OFF.tries(1, 2);
        Progress.OFF.close();
        assertThatThrownBy(Progress.OFF::writer).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void workersOnSeveralThreadsAddUpExactly() throws Exception {
        Progress p = Progress.start(err, now::get, 80, "triage", -1, 4);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(new Thread(() -> {
                try (TraceSource s = p.count(new ListSource("t", header(), events(50_000)))) {
                    while (s.next() != null) {
                        now.addAndGet(MS);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        p.close();
        assertThat(p.snapshot().events()).isEqualTo(200_000);
        assertThat(drawn()).endsWith("\r").doesNotContain("\n");
    }

    private static Header header() {
        return new Header(Scope.COMPLETE, Machine.ofPages(64));
    }

    private static List<Event> events(int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Event.Mark(CommonFields.at(i), "m"));
        }
        return out;
    }
}
