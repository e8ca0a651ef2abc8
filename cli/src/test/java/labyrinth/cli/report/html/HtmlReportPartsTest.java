package labyrinth.cli.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import labyrinth.core.Allocator;
import labyrinth.format.TraceFiles;
import labyrinth.replay.Outcome;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replays;
import labyrinth.replay.Severity;
import labyrinth.stats.MemorySeries;
import labyrinth.trace.TraceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report's parts that stay readable at any size: badge, lanes, order strips, axes, groups, snapshot. */
class HtmlReportPartsTest {
    /** 64 pages, max order 10 as on a real machine: orders 7 to 10 cannot exist in it. */
    private static final String MACHINE = "{\"labyrinth\": 1, \"machine\": {\"maxOrder\": 10, \"zones\": [{\"name\": "
            + "\"Normal\", \"startPfn\": 0, \"pages\": 64, \"watermarks\": {\"min\": 8, \"low\": 12, \"high\": 16}}]}}";

    @TempDir
    Path dir;

    private record Report(ReplayResult result, String html, Document doc) {
    }

    private Report report(String... events) throws Exception {
        return report(100_000, events);
    }

    private Report report(int maxFindings, String... events) throws Exception {
        Path file = dir.resolve("t.ndjson");
        Files.writeString(file, MACHINE + "\n" + String.join("\n", events) + "\n");
        MemorySeries t = new MemorySeries();
        ReplayResult r;
        try (TraceSource src = TraceFiles.open(file, "t.ndjson")) {
            r = Replays.run(src, null, Severity.ERROR, Allocator.DEFAULT_MAX_PAGES, maxFindings, t);
        }
        String html = HtmlReport.render(r, t, "test");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        return new Report(r, html, doc);
    }

    private static List<Element> all(Document doc, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    /**
     * Events 0 and 1 take 48 pages (order 5 at pfn 0, order 4 at pfn 32), then {@code n} order-4
     * GFP_ATOMIC requests fail, then the 48 pages are freed: warnings, no error.
     */
    private static List<String> failures(int n) {
        List<String> events = new ArrayList<>();
        events.add("{\"op\": \"alloc\", \"owner\": \"hog\", \"site\": \"grab+0x1\", \"order\": 5}");
        events.add("{\"op\": \"alloc\", \"owner\": \"hog\", \"site\": \"grab+0x1\", \"order\": 4}");
        for (int i = 0; i < n; i++) {
            events.add("{\"op\": \"alloc\", \"owner\": \"eth0-rx\", \"site\": \"rx_refill+0x4c\", \"gfp\": \"GFP_ATOMIC\","
                    + " \"order\": 4, \"pfn\": null}");
        }
        events.add("{\"op\": \"free\", \"owner\": \"hog\", \"pfn\": 0}");
        events.add("{\"op\": \"free\", \"owner\": \"hog\", \"pfn\": 32}");
        return events;
    }

    @Test
    void theBadgeTellsTheWorstSeverityNeverCleanOverFailures() throws Exception {
        Report warned = report(failures(1234).toArray(String[]::new));
        assertThat(warned.result().outcome().label()).as("only errors fail by default").isEqualTo("clean");
        assertThat(all(warned.doc(), "//p[starts-with(@class, 'badge')]").get(0).getTextContent())
                .isEqualTo("1,234 warnings");
        assertThat(all(warned.doc(), "//p[@class='badge badge-warning']")).hasSize(1);
        Report clean = report("{\"op\": \"alloc\", \"owner\": \"a\", \"pfn\": 0}", "{\"op\": \"free\", \"owner\": \"a\", \"pfn\": 0}");
        assertThat(all(clean.doc(), "//p[@class='badge badge-clean']").get(0).getTextContent()).isEqualTo("clean");
        Report error = report("{\"op\": \"free\", \"owner\": \"a\", \"pfn\": 3}");
        assertThat(all(error.doc(), "//p[@class='badge badge-error']").get(0).getTextContent()).isEqualTo("1 error");
    }

    @Test
    void manyFindingsOfAKindBecomeADensityStripWithCountsAsHoverText() throws Exception {
        Report rep = report(failures(5000).toArray(String[]::new));
        List<Element> strips = all(rep.doc(), "//g[@class='density kind-alloc-failure']");
        assertThat(strips).hasSize(1);
        List<Element> cells = all(rep.doc(), "//g[@class='density kind-alloc-failure']/rect");
        assertThat(cells.size()).isBetween(2, FindingLanes.COLUMNS);
        long total = 0;
        for (Element c : cells) {
            total += Long.parseLong(c.getAttribute("data-count"));
            assertThat(c.getAttribute("class")).isEqualTo("cell sev-warning");
            assertThat(c.getElementsByTagName("title").item(0).getTextContent()).matches("[0-9,]+ alloc-failure findings?, events .*");
        }
        assertThat(total).isEqualTo(5000);
        // no marker one by one for them, and no wall of lines: the primary failure alone is drawn down the chart
        assertThat(all(rep.doc(), "//a[contains(@class, 'kind-alloc-failure') and starts-with(@class, 'marker')]")).isEmpty();
        assertThat(all(rep.doc(), "//line[@class='key-line']")).hasSize(1);
        assertThat(all(rep.doc(), "//a[@id='mark-primary']").get(0).getAttribute("data-event")).isEqualTo("2");
    }

    @Test
    void findingsPastMaxFindingsStillCountInTheBadgeAndTheStrip() throws Exception {
        // alloc-failures are all kept whatever --max-findings says: the findings it drops are the others
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            events.add("{\"op\": \"free\", \"owner\": \"x\", \"site\": \"bad_free+0x9\", \"pfn\": 63}");
        }
        Report rep = report(100, events.toArray(String[]::new));
        assertThat(rep.result().findings()).hasSize(100);
        assertThat(all(rep.doc(), "//p[@class='badge badge-error']").get(0).getTextContent()).isEqualTo("5,000 errors");
        long total = 0;
        List<Element> cells = all(rep.doc(), "//g[@class='density kind-invalid-free']/rect");
        for (Element c : cells) {
            total += Long.parseLong(c.getAttribute("data-count"));
        }
        assertThat(total).isEqualTo(5000);
        // the frees run from event 0 to 4999: the strip covers the chart, not the first hundred events
        assertThat(Double.parseDouble(cells.get(cells.size() - 1).getAttribute("x"))).isGreaterThan(1000);
        assertThat(rep.html()).contains("4,900 more findings not kept (--max-findings)");
    }

    @Test
    void aReplayThatIsNotCleanWithoutFindingsShowsItsOutcomeNotAGreenBadge() throws Exception {
        Path file = dir.resolve("cut.json");
        Files.writeString(file, "{\"labyrinth\": 1, \"scope\": \"complete\", \"machine\": {\"pages\": 64},"
                + " \"events\": [{\"op\": \"alloc\", \"owner\": \"a\", \"order\": 0},"
                + " {\"op\": \"free\", \"owner\": \"a\", \"pfn\": 0}, {\"op\": \"fr");
        MemorySeries t = new MemorySeries();
        ReplayResult r;
        try (TraceSource src = TraceFiles.open(file, "cut.json")) {
            r = Replays.run(src, null, Severity.ERROR, Allocator.DEFAULT_MAX_PAGES, 100, false, t);
        }
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.findings()).isEmpty();
        String html = HtmlReport.render(r, t, "test");
        assertThat(html).doesNotContain("badge-clean").contains("<p class=\"badge badge-warning\">truncated</p>");
    }

    @Test
    void findingsGroupByKindAndSignatureWithCountsAndFilters() throws Exception {
        List<String> events = failures(300);
        events.add("{\"op\": \"free\", \"owner\": \"x\", \"site\": \"bad_free+0x9\", \"pfn\": 63}");
        events.add("{\"op\": \"free\", \"owner\": \"x\", \"site\": \"bad_free+0x9\", \"pfn\": 62}");
        // events 0-1 take memory, 2-301 fail, 302-303 free, 304-305 free what is not allocated
        Report rep = report(events.toArray(String[]::new));
        List<Element> groups = all(rep.doc(), "//details[starts-with(@class, 'group')]");
        // errors first: invalid-free x@bad_free+0x9 (2), then alloc-failure eth0-rx@rx_refill+0x4c (300), ...
        assertThat(groups.get(0).getAttribute("class")).isEqualTo("group sev-error kind-invalid-free");
        assertThat(groups.get(0).getElementsByTagName("summary").item(0).getTextContent())
                .isEqualTo("error invalid-free x@bad_free+0x9 2 findings first at event 304");
        Element failures = all(rep.doc(), "//details[contains(@class, 'kind-alloc-failure')]").get(0);
        assertThat(failures.getElementsByTagName("summary").item(0).getTextContent())
                .contains("eth0-rx@rx_refill+0x4c 300 findings");
        assertThat(all(rep.doc(), "//details[contains(@class, 'kind-alloc-failure')]//tbody/tr"))
                .as("the first five, and a line for the rest").hasSize(FindingGroups.FIRST + 1);
        assertThat(rep.html()).contains("and 295 more");
        // the filters: a box per severity and per kind, each with the rule that hides what it unticks
        assertThat(all(rep.doc(), "//input[@class='filter']")).extracting(e -> e.getAttribute("id"))
                .contains("show-sev-error", "show-sev-warning", "show-kind-alloc-failure", "show-kind-invalid-free");
        assertThat(rep.html()).contains("#show-sev-warning:not(:checked) ~ .groups .sev-warning { display: none; }")
                .contains("#show-kind-invalid-free:not(:checked) ~ .groups .kind-invalid-free { display: none; }")
                .doesNotContain("<script");
    }

    @Test
    void orderStripsShowFreePagesInBlocksOfAtLeastEachOrderAndOnlyOrdersTheZoneCanHold() throws Exception {
        Report rep = report("{\"op\": \"alloc\", \"owner\": \"a\", \"pfn\": 0}");
        List<Element> cells = all(rep.doc(), "//svg[contains(@class, 'heat')]/rect");
        // 64 pages: orders 0 to 6, never 7 to 10
        assertThat(cells).extracting(e -> e.getAttribute("data-order")).containsOnly("0", "1", "2", "3", "4", "5", "6");
        // a healthy start: after the alloc of pfn 0, 63 free pages, 32 of them in the order-5 block at 32, none of order 6
        for (Element c : cells) {
            int k = Integer.parseInt(c.getAttribute("data-order"));
            long expected = k == 0 ? 63 : k <= 5 ? 64 - (1L << k) : 0;
            assertThat(Long.parseLong(c.getAttribute("data-pages"))).as("order %d", k).isEqualTo(expected);
        }
        assertThat(all(rep.doc(), "//svg[contains(@class, 'heat')]/rect[@fill='" + FragmentationChart.NONE_COLOR + "']"))
                .as("red only where nothing of order 6 is free").extracting(e -> e.getAttribute("data-order"))
                .containsOnly("6");
    }

    @Test
    void ticksFallOnRoundNumbersAndTimestampsGetATimeAxis() throws Exception {
        List<String> events = new ArrayList<>();
        // 5,034 events from seq 3, a millisecond apart: not a round number in sight
        for (int i = 0; i < 2517; i++) {
            events.add("{\"seq\": " + (2 * i + 3) + ", \"t\": " + (1_000_000_000L + 2 * i * 1_000_000L)
                    + ", \"op\": \"alloc\", \"owner\": \"a\", \"pfn\": 0}");
            events.add("{\"seq\": " + (2 * i + 4) + ", \"t\": " + (1_000_000_000L + (2 * i + 1) * 1_000_000L)
                    + ", \"op\": \"free\", \"owner\": \"a\", \"pfn\": 0}");
        }
        Report rep = report(events.toArray(String[]::new));
        List<Element> ticks = all(rep.doc(), "//svg[@id='timeline']//text[@class='tick' and @text-anchor='middle']");
        List<String> labels = ticks.stream().map(Element::getTextContent).toList();
        assertThat(labels).as(labels.toString()).contains("0 s", "1 s", "5 s", "1,000", "5,000");
        for (String l : labels) {
            if (!l.contains(" ")) {
                assertThat(Long.parseLong(l.replace(",", "")) % 500).as("event tick %s", l).isZero();
            }
        }
        assertThat(rep.html()).contains("time since the first event");
    }

    @Test
    void hoverColumnsGiveTheFreePagesAndStayBounded() throws Exception {
        Report rep = report(failures(3).toArray(String[]::new));
        List<Element> cols = all(rep.doc(), "//g[@class='hover']/rect");
        assertThat(cols).hasSizeLessThanOrEqualTo(HoverColumns.COLUMNS).isNotEmpty();
        assertThat(cols.get(0).getAttribute("id")).isEqualTo("col-0");
        assertThat(cols.get(0).getElementsByTagName("title").item(0).getTextContent()).isEqualTo("event 0: Normal 32 free pages");
    }

    @Test
    void theSnapshotOfThePrimaryFailureShowsZonesBuddyinfoOwnersAndSites() throws Exception {
        List<String> events = failures(1);
        events.add(2, "{\"op\": \"alloc\", \"owner\": \"small\", \"site\": \"s+0x1\", \"order\": 1}");
        events.add(3, "{\"op\": \"alloc\", \"owner\": \"hog\", \"site\": \"other+0x2\", \"order\": 2,"
                + " \"gfp\": \"GFP_ATOMIC\"}");
        events.add("{\"op\": \"free\", \"owner\": \"small\", \"pfn\": 48}");
        events.add("{\"op\": \"free\", \"owner\": \"hog\", \"pfn\": 52}");
        Report rep = report(events.toArray(String[]::new));
        Element s = all(rep.doc(), "//section[@id='exhaustion']").get(0);
        String text = s.getTextContent();
        assertThat(text).contains("Memory at the primary failure").contains("Event 4 (line 6): order-4")
                .contains("by eth0-rx at rx_refill+0x4c failed (");
        // 48 + 2 + 4 pages taken: 10 free, at or below the low watermark of 12
        assertThat(all(rep.doc(), "//section[@id='exhaustion']//table[@class='zones']/tbody/tr/td")).extracting(Element::getTextContent)
                .containsExactly("Normal", "64", "10", "8", "12", "16");
        // the zone's name, then orders 0 to 6: a 64-page zone has no block of order 7 to 10
        assertThat(all(rep.doc(), "//section[@id='exhaustion']//table[@class='buddy']/tbody/tr/td")).hasSize(8);
        List<String> owners = all(rep.doc(), "(//section[@id='exhaustion']//table[@class='owners'])[1]//td[1]").stream()
                .map(Element::getTextContent).toList();
        assertThat(owners).containsExactly("hog", "small");
        List<String> sites = all(rep.doc(), "(//section[@id='exhaustion']//table[@class='owners'])[2]//td[1]").stream()
                .map(Element::getTextContent).toList();
        assertThat(sites).containsExactly("hog at grab+0x1", "hog at other+0x2", "small at s+0x1");
    }
}
