package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void goodTracesPrintOkWithTheirEventCountsAndExitZero() throws Exception {
        String doc = file("a.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": [{\"op\": \"mark\"}]}");
        String stream = file("b.ndjson", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}}\n{\"op\": \"mark\"}\n{\"op\": \"mark\"}\n");
        Run r = run("validate", doc, stream);
        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo("OK " + doc + " (1 event)\nOK " + stream + " (2 events)\n");
        assertThat(r.err).isEmpty();
    }

    @Test
    void truncatedTraceIsValidAndSaysWhereItEnds() throws Exception {
        String cut = file("cut.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": [{\"seq\": 7, \"op\": \"mark\"}, {\"op\": \"ma");
        Run r = run("validate", cut);
        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo("OK " + cut + " (1 event, truncated after event 7 (byte 89))\n");
    }

    @Test
    void badAndMissingFilesAreOneLineEachAndExitThreeAfterCheckingAll() throws Exception {
        String bad = file("bad.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": [\n{\"op\": \"malloc\"}]}");
        String good = file("good.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 8}, \"events\": []}");
        String missing = dir.resolve("missing.json").toString();
        Run r = run("validate", bad, missing, good);
        assertThat(r.exit).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.out).isEqualTo("OK " + good + " (0 events)\n");
        assertThat(r.err).isEqualTo(bad + ":2:8: event 0: \"op\" must be one of alloc, free, access, transfer, panic,"
                + " mark, found \"malloc\"\n" + missing + ": cannot read: no such file\n");
    }

    @Test
    void unsupportedVersionIsExitThree() throws Exception {
        String v2 = file("v2.json", "{\"labyrinth\": 2, \"machine\": {\"pages\": 8}, \"events\": []}");
        Run r = run("validate", v2);
        assertThat(r.exit).isEqualTo(3);
        assertThat(r.err).isEqualTo(v2 + ":1:15: \"labyrinth\" must be 1 (the only format version this labyrinth"
                + " reads), found 2\n");
    }

    @Test
    void debugAddsTheStackTraceAndOnlyThen() throws Exception {
        String bad = file("bad.json", "nope");
        Run plain = run("validate", bad);
        assertThat(plain.err).isEqualTo(bad + ":1:1: expected a Labyrinth trace (JSON object) or kernel trace text, found \"nope\"\n");
        Run debug = run("validate", "--debug", bad);
        assertThat(debug.exit).isEqualTo(3);
        assertThat(debug.err).startsWith(plain.err).contains("\tat labyrinth.");
    }

    @Test
    void aMachineReplayWouldRefuseIsNotOk() throws Exception {
        String huge = file("huge.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 1099511627776}, \"events\": []}");
        Run r = run("validate", huge);
        assertThat(r.exit).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.out).isEmpty();
        Run replay = run("replay", huge);
        assertThat(replay.exit).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err).as("the same refusal as replay's").isEqualTo(replay.err).isEqualTo(huge
                + ": machine has 1099511627776 pages, more than the limit of 67108864 pages (raise it with --max-pages)\n");
    }

    @Test
    void maxPagesAppliesToTheSpanAsInReplayAndCanBeRaised() throws Exception {
        String high = file("high.json", "{\"labyrinth\": 1, \"machine\": {\"zones\": [{\"name\": \"Normal\","
                + " \"startPfn\": 4096, \"pages\": 64}]}, \"events\": []}");
        Run r = run("validate", "--max-pages", "1024", high);
        assertThat(r.exit).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err).isEqualTo(high + ": machine spans 4160 page frames (pfn 0 to its end), more than the limit"
                + " of 1024 pages (raise it with --max-pages)\n");
        assertThat(run("validate", "--max-pages", "4160", high).exit).isZero();
    }

    @Test
    void noFilesIsAUsageError() {
        Run r = run("validate");
        assertThat(r.exit).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).startsWith("missing required parameter: 'TRACE'\n");
    }
}
