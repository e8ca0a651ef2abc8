package labyrinth.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import labyrinth.format.ReaderLimits;
import labyrinth.format.TraceFiles;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;

/** A trace cut at every byte offset yields the complete events before the cut, never an exception after the header. */
class TruncationTest {
    static final String HEADER = "{\"labyrinth\": 1, \"machine\": {\"pages\": 64}, \"meta\": {\"host\": \"\u00e9dge\", \"n\": -1.5}";
    static final List<String> EVENTS = List.of(
            "{\"seq\": 1, \"op\": \"alloc\", \"owner\": \"\u00e9\\\"x\", \"pfn\": null}",
            "{\"seq\": 2, \"t\": 10, \"op\": \"alloc\", \"gfp\": \"GFP_ATOMIC\", \"pfn\": 8, \"order\": 1}",
            "{\"seq\": 3, \"op\": \"free\", \"pfn\": 8, \"future\": [true, false, null, -1.5e3, {\"a\": \"\\u00e9\"}]}",
            "{\"seq\": 40, \"op\": \"access\", \"addr\": \"0xffff888000002000\", \"mode\": \"read\"}",
            "{\"seq\": 41, \"op\": \"mark\", \"label\": \"\\u00e9 \u2603 end\"}");

    static String document() {
        return HEADER + ",\n\"events\": [\n" + String.join(",\n", EVENTS) + "\n]}\n";
    }

    static String stream() {
        return HEADER + "}\n" + String.join("\n", EVENTS) + "\n\n";
    }

    @Test
    void documentCutAnywhere() throws Exception {
        byte[] full = document().getBytes(StandardCharsets.UTF_8);
        int headerDone = indexOf(full, "\"events\": [") + "\"events\": [".length();
        int headerCut = indexOf(full, "\"events\"");
        int end = lastIndexOf(full, "}") + 1;
        checkEveryCut(full, headerCut, headerDone, end);
    }

    @Test
    void streamCutAnywhere() throws Exception {
        byte[] full = stream().getBytes(StandardCharsets.UTF_8);
        int headerDone = indexOf(full, "}\n") + 1;
        checkEveryCut(full, headerDone, headerDone, -1);
    }

    @Test
    void gzipCutAnywhere() throws Exception {
        for (String text : List.of(document(), stream())) {
            byte[] gz = TraceIo.gzip(text.getBytes(StandardCharsets.UTF_8));
            List<Event> all = read(gz).events;
            for (int cut = 0; cut <= gz.length; cut++) {
                Result r;
                try {
                    r = read(Arrays.copyOf(gz, cut));
                } catch (TraceException e) {
                    assertThat(e.getMessage()).as("cut at " + cut).matches(
                            "t:(\\d+:\\d+: )?(expected the rest of the header|expected a Labyrinth trace).*");
                    continue;
                }
                assertThat(r.events).as("cut at " + cut).isEqualTo(all.subList(0, Math.min(all.size(), r.events.size())));
                if (cut < gz.length) {
                    assertThat(r.truncation).as("cut at " + cut).isNotNull();
                    assertThat(r.truncation.eventsRead()).isEqualTo(r.events.size());
                } else {
                    assertThat(r.truncation).isNull();
                    assertThat(r.events).hasSize(EVENTS.size());
                }
            }
        }
    }

    /**
     * @param headerCut cuts before this offset must fail as a cut header
     * @param headerDone cuts from here on must never fail
     * @param end cuts from here on are not truncated (document); -1 for a stream
     */
    private static void checkEveryCut(byte[] full, int headerCut, int headerDone, int end) throws Exception {
        List<Event> all = read(full).events;
        assertThat(all).hasSize(EVENTS.size());
        List<Integer> eventEnds = new ArrayList<>();
        int from = headerDone;
        for (String e : EVENTS) {
            int at = indexOf(full, e, from) + e.getBytes(StandardCharsets.UTF_8).length;
            eventEnds.add(at);
            from = at;
        }
        for (int cut = 0; cut <= full.length; cut++) {
            byte[] prefix = Arrays.copyOf(full, cut);
            Result r;
            try {
                r = read(prefix);
            } catch (TraceException e) {
                assertThat(cut).as("cut at " + cut + " failed: " + e.getMessage()).isLessThan(headerDone);
                continue;
            }
            assertThat(cut).as("cut at " + cut + " inside the header was accepted").isGreaterThanOrEqualTo(headerCut);
            int complete = 0;
            while (complete < eventEnds.size() && eventEnds.get(complete) <= cut) {
                complete++;
            }
            assertThat(r.events).as("cut at " + cut).isEqualTo(all.subList(0, complete));
            boolean wholeDocument = end >= 0 && cut >= end;
            boolean streamAtLineEnd = end < 0 && new String(full, complete == 0 ? headerDone : eventEnds.get(complete - 1),
                    cut - (complete == 0 ? headerDone : eventEnds.get(complete - 1)), StandardCharsets.UTF_8).isBlank();
            if (wholeDocument || streamAtLineEnd) {
                assertThat(r.truncation).as("cut at " + cut).isNull();
            } else {
                assertThat(r.truncation).as("cut at " + cut).isEqualTo(new TraceSource.Truncation(
                        complete == 0 ? -1 : all.get(complete - 1).number(), complete, cut));
            }
        }
    }

    record Result(List<Event> events, TraceSource.Truncation truncation) {
    }

    private static Result read(byte[] bytes) throws Exception {
        try (TraceSource src = TraceFiles.open(new ByteArrayInputStream(bytes), "t", ReaderLimits.defaults())) {
            List<Event> events = TraceIo.drain(src);
            return new Result(events, src.truncation());
        }
    }

    private static int indexOf(byte[] hay, String needle) {
        return indexOf(hay, needle, 0);
    }

    private static int indexOf(byte[] hay, String needle, int from) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = from; i <= hay.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + needle);
    }

    private static int lastIndexOf(byte[] hay, String needle) {
        int found = -1;
        for (int i = 0; ; i = found + 1) {
            try {
                found = indexOf(hay, needle, i);
            } catch (AssertionError e) {
                return found;
            }
        }
    }
}
