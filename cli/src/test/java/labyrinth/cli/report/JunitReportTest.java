package labyrinth.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.replay.Severity;
import labyrinth.testing.TraceBuilder;
import org.junit.jupiter.api.Test;

/**
 * JUnit XML basics: a test case per trace, a failing trace's failure holding its finding lines, an
 * unreadable trace an error. The schema is checked by ReportSchemaTest, the whole document by the golden.
 */
class JunitReportTest {
    private static String junit(List<TraceRun> runs) {
        StringWriter sw = new StringWriter();
        try (PrintWriter out = new PrintWriter(sw)) {
            JunitReport.write(runs, Severity.ERROR, SarifReportTest.settings(runs), out);
        }
        return sw.toString();
    }

    @Test
    void eachTraceIsATestCaseThatFailsWithItsFindings() {
        TraceRun clean = new TraceRun("clean.json",
                TraceBuilder.complete(64).alloc("a", 0, Gfp.GFP_KERNEL).free("a", 0).run(), null, null, 0);
        TraceRun bad = new TraceRun("bad.json", TextReportTest.doubleFree(), null, null, 1);
        TraceRun unreadable = new TraceRun("broken.json", null, "broken.json:1:1: expected an object", null, 3);
        String xml = junit(List.of(clean, bad, unreadable));
        assertThat(xml.split("<testcase ", -1)).hasSize(4);
        assertThat(xml).contains("<testcase name=\"clean.json\" classname=\"labyrinth.triage\" file=\"").doesNotContain("clean.json\" line=");
        String failure = xml.substring(xml.indexOf("<failure "), xml.indexOf("</failure>"));
        assertThat(failure).contains(TextReport.findingLine("bad.json", TextReportTest.doubleFree().findings().get(0)));
        assertThat(xml).contains("<error ").contains("expected an object");
        assertThat(xml).contains("tests=\"3\" failures=\"1\" errors=\"1\"");
    }
}
