package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report stays small however big the trace: at most 2 MB and 20,000 elements for 200k-event
 * traces with thousands of findings (the fragmentation workload fails thousands of allocations, the
 * random one has every kind), where the first report grew with every finding (10 MB, 150k elements).
 */
class HtmlReportBoundsTest {
    static final long MAX_BYTES = 2L << 20;
    static final int MAX_ELEMENTS = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"fragmentation", "random"})
    void aReportOf200kEventsIsAtMost2MbAnd20kElements(String scenario, TestReporter reporter) throws Exception {
        Path trace = dir.resolve(scenario + ".ndjson");
        Run gen = Run.of("gen", scenario, "--events", "200000", "-o", trace.toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        Path html = dir.resolve(scenario + ".html");
        Run replay = Run.of("replay", "--fail-on", "never", "--html", html.toString(), "-o",
                dir.resolve(scenario + ".txt").toString(), trace.toString());
        assertThat(replay.exit()).as(replay.err()).isZero();
        byte[] bytes = Files.readAllBytes(html);
        int elements = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes))
                .getElementsByTagName("*").getLength();
        // the figures docs/html-report.md quotes, in the test report rather than on the console
        reporter.publishEntry(scenario + " 200k", String.format("%,d bytes, %,d elements", bytes.length, elements));
        assertThat((long) bytes.length).as("bytes").isLessThanOrEqualTo(MAX_BYTES);
        assertThat(elements).as("elements").isLessThanOrEqualTo(MAX_ELEMENTS);
        assertThat(Files.readString(dir.resolve(scenario + ".txt"))).as("a trace with findings").contains("warning");
    }
}
