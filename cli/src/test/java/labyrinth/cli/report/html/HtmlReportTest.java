package labyrinth.cli.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import labyrinth.core.Allocator;
import labyrinth.format.TraceFiles;
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

class HtmlReportTest {
    private static final String MACHINE = "{\"labyrinth\": 1, \"machine\": {\"maxOrder\": 4, \"zones\": [{\"name\": "
            + "\"Normal\", \"startPfn\": 0, \"pages\": 64, \"watermarks\": {\"min\": 8, \"low\": 12, \"high\": 16}}]}}";

    @TempDir
    Path dir;

    private record Report(ReplayResult result, MemorySeries timeline, String html, Document doc) {
    }

    private Report report(String name, String trace, int buckets) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, trace);
        MemorySeries t = new MemorySeries(buckets);
        ReplayResult r;
        try (TraceSource src = TraceFiles.open(file, name)) {
            r = Replays.run(src, null, Severity.ERROR, Allocator.DEFAULT_MAX_PAGES, 10_000, t);
        }
        String html = HtmlReport.render(r, t, "0.1.0-test");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        return new Report(r, t, html, doc);
    }

    private static String document(String... events) {
        return MACHINE.substring(0, MACHINE.length() - 1) + ", \"events\": [" + String.join(",\n", events) + "]}";
    }

    private static List<Element> all(Document doc, String xpath) throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        NodeList nodes = (NodeList) x.evaluate(xpath, doc, XPathConstants.NODESET);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static double[][] points(Element polyline) {
        String[] pairs = polyline.getAttribute("points").trim().split("\\s+");
        double[][] p = new double[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            p[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }
        return p;
    }

    private static double panelTop(Report rep) throws Exception {
        return Double.parseDouble(all(rep.doc(), "//g[@class='zone']").get(0).getAttribute("data-top"));
    }

    private static double round(double v) {
        return Double.parseDouble(Markup.num(v));
    }

    @Test
    void theFreeLinePassesThroughTheFreePagesAfterEachEvent() throws Exception {
        Report rep = report("small.json", document(
                "{\"op\": \"alloc\", \"owner\": \"a\", \"pfn\": 0}",
                "{\"op\": \"alloc\", \"owner\": \"a\", \"pfn\": 1}",
                "{\"op\": \"alloc\", \"owner\": \"b\", \"order\": 2, \"pfn\": 4}",
                "{\"op\": \"free\", \"owner\": \"a\", \"pfn\": 0}",
                "{\"op\": \"free\", \"owner\": \"b\", \"pfn\": 4}"), 1000);
        long[] free = {63, 62, 58, 59, 63};
        List<Element> lines = all(rep.doc(), "//polyline[@class='free']");
        assertThat(lines).hasSize(1);
        double[][] p = points(lines.get(0));
        assertThat(p.length).isEqualTo(free.length);
        Frame f = Frame.of(free.length);
        double top = panelTop(rep);
        for (int i = 0; i < free.length; i++) {
            assertThat(p[i][0]).as("x of event %d", i).isEqualTo(round(f.x(i)));
            assertThat(p[i][1]).as("y of event %d", i)
                    .isEqualTo(round(Frame.y(free[i], 64, top, FreePagesChart.PANEL_HEIGHT)));
        }
        assertThat(p[0][0]).isEqualTo(Frame.LEFT);
        assertThat(p[4][0]).isEqualTo(Frame.WIDTH - Frame.RIGHT);
    }

    @Test
    void watermarkLinesAndTheAtomicFloorSitAtTheirHeights() throws Exception {
        Report rep = report("wm.json", document("{\"op\": \"alloc\", \"owner\": \"a\"}"), 1000);
        Element panel = all(rep.doc(), "//g[@class='zone']").get(0);
        double top = Double.parseDouble(panel.getAttribute("data-top"));
        double height = Double.parseDouble(panel.getAttribute("data-height"));
        for (String[] wm : new String[][] {{"min", "8"}, {"low", "12"}, {"high", "16"}}) {
            List<Element> line = all(rep.doc(), "//g[@class='zone']/line[@class='wm wm-" + wm[0] + "']");
            assertThat(line).as(wm[0]).hasSize(1);
            double y = Double.parseDouble(line.get(0).getAttribute("y1"));
            // 64 pages over the panel: a page is height/64 pixels
            assertThat(y).as(wm[0]).isEqualTo(round(top + height - Integer.parseInt(wm[1]) * height / 64));
            assertThat(line.get(0).getAttribute("y2")).isEqualTo(line.get(0).getAttribute("y1"));
        }
        // GFP_ATOMIC's floor for min 8: 8 - 4 = 4, then 4 - 1 = 3
        Element floor = all(rep.doc(), "//g[@class='zone']/rect[@class='atomic-floor']").get(0);
        assertThat(floor.getAttribute("data-value")).isEqualTo("3");
        assertThat(Double.parseDouble(floor.getAttribute("y"))).isEqualTo(round(top + height - 3 * height / 64));
        assertThat(Double.parseDouble(floor.getAttribute("y")) + Double.parseDouble(floor.getAttribute("height")))
                .isCloseTo(top + height, org.assertj.core.data.Offset.offset(0.11));
    }

    @Test
    void fewFindingsKeepAMarkerEachInTheirKindsLaneLinkedToTheirGroup() throws Exception {
        Report rep = report("findings.json", document(
                "{\"op\": \"alloc\", \"owner\": \"a\", \"pfn\": 0}",
                "{\"op\": \"free\", \"owner\": \"a\", \"pfn\": 0}",
                "{\"op\": \"free\", \"owner\": \"a\", \"pfn\": 0}",
                "{\"op\": \"access\", \"owner\": \"a\", \"pfn\": 0}",
                "{\"op\": \"alloc\", \"owner\": \"leaky\", \"ctx\": \"hardirq\", \"gfp\": \"GFP_KERNEL\"}",
                "{\"op\": \"mark\", \"label\": \"end\"}"), 1000);
        int n = rep.result().findings().size();
        assertThat(n).isEqualTo(4); // double free, use after free, sleep in atomic, leak
        List<Element> markers = all(rep.doc(), "//g[@class='lanes']/a[starts-with(@class, 'marker ')]");
        assertThat(markers).hasSize(n);
        // a lane per kind: four kinds, four titles besides "key events"
        assertThat(all(rep.doc(), "//g[@class='lanes']/text[@class='lane-title']")).hasSize(5);
        Frame f = Frame.of(6);
        for (int i = 0; i < n; i++) {
            var finding = rep.result().findings().get(i);
            Element m = all(rep.doc(), "//g[@class='lanes']/a[@data-event='" + finding.event() + "' and contains(@class, 'kind-"
                    + finding.kind().label() + "')]").get(0);
            Element circle = (Element) m.getElementsByTagName("circle").item(0);
            assertThat(Double.parseDouble(circle.getAttribute("cx"))).isEqualTo(round(f.x(finding.event())));
            String group = m.getAttribute("href").substring(1);
            assertThat(all(rep.doc(), "//details[@id='" + group + "']//td/a[text()='" + finding.event() + "']"))
                    .as("the group lists the finding, linked back to the chart").hasSize(1);
            assertThat(m.getElementsByTagName("title").item(0).getTextContent())
                    .startsWith("event " + finding.event() + ": ").contains(finding.message());
        }
        // no line down the chart for ordinary findings: only the panic and the primary failure have one
        assertThat(all(rep.doc(), "//g[@class='lanes']//line[@class='key-line']")).hasSize(1);
        assertThat(all(rep.doc(), "//a[@id='mark-primary']")).hasSize(1);
        // the table links to the chart's columns, which exist
        for (Element a : all(rep.doc(), "//details//td/a")) {
            assertThat(all(rep.doc(), "//rect[@id='" + a.getAttribute("href").substring(1) + "']")).hasSize(1);
        }
    }

    @Test
    void downsamplingKeepsEveryDipAndBoundsThePoints() throws Exception {
        StringBuilder trace = new StringBuilder(MACHINE + "\n");
        long seq = 0;
        // 20 000 events of alloc/free on one page; once, 40 pages are taken and given back
        for (int i = 0; i < 10_000; i++) {
            if (i == 7_777) {
                for (int p = 1; p <= 40; p++) {
                    trace.append("{\"seq\": ").append(seq++).append(", \"op\": \"alloc\", \"owner\": \"dip\", \"pfn\": ")
                            .append(p).append("}\n");
                }
                for (int p = 1; p <= 40; p++) {
                    trace.append("{\"seq\": ").append(seq++).append(", \"op\": \"free\", \"owner\": \"dip\", \"pfn\": ")
                            .append(p).append("}\n");
                }
            }
            trace.append("{\"seq\": ").append(seq++).append(", \"op\": \"alloc\", \"owner\": \"a\", \"pfn\": 0}\n");
            trace.append("{\"seq\": ").append(seq++).append(", \"op\": \"free\", \"owner\": \"a\", \"pfn\": 0}\n");
        }
        Report rep = report("long.ndjson", trace.toString(), 1000);
        assertThat(rep.timeline().buckets().samples()).isEqualTo(seq);
        double[][] p = points(all(rep.doc(), "//polyline[@class='free']").get(0));
        assertThat(p.length).isLessThanOrEqualTo(2000);
        double lowest = Double.NEGATIVE_INFINITY;
        double highest = Double.POSITIVE_INFINITY;
        for (double[] xy : p) {
            lowest = Math.max(lowest, xy[1]);
            highest = Math.min(highest, xy[1]);
        }
        double top = panelTop(rep);
        double h = FreePagesChart.PANEL_HEIGHT;
        // the dip: 40 pages taken while "a" holds none, 24 of 64 left, in a bucket of 32 events
        assertThat(lowest).isEqualTo(round(Frame.y(24, 64, top, h)));
        assertThat(highest).isEqualTo(round(Frame.y(64, 64, top, h)));
        // x stays in order: the line never goes back in time
        for (int i = 1; i < p.length; i++) {
            assertThat(p[i][0]).isGreaterThanOrEqualTo(p[i - 1][0]);
        }
        assertThat(rep.html()).contains("lowest or highest value among 32 consecutive events");
    }

    @Test
    void traceStringsAreEscapedAndTheOutputIsSelfContainedAndStable() throws Exception {
        String evil = "<script>alert(1)</script>&\\\"x'";
        String trace = document(
                "{\"op\": \"alloc\", \"owner\": \"" + evil + "\", \"site\": \"<img src=x onerror=y>\"}",
                "{\"op\": \"panic\", \"message\": \"</title><b>boom</b>\"}");
        Report a = report("evil.json", trace, 1000);
        assertThat(a.html()).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>boom");
        assertThat(a.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x&#39;");
        assertThat(all(a.doc(), "//polygon[@class='layer']").get(0).getAttribute("data-owner"))
                .isEqualTo("<script>alert(1)</script>&\"x'");
        // nothing fetched: no scripts, links, imports or URLs but the SVG namespace
        assertThat(a.html()).doesNotContain("<link").doesNotContain("@import").doesNotContain("url(")
                .doesNotContain("src=\"");
        assertThat(a.html().replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
        Report b = report("evil.json", trace, 1000);
        assertThat(b.html()).isEqualTo(a.html());
    }

    @Test
    void theRxStormReportShowsTheDrainToTheAtomicFloorAndThePanic() throws Exception {
        Report rep = report("rx-storm-panic.json", example("rx-storm-panic.json"), 1000);
        Element floor = all(rep.doc(), "//g[@class='zone']/rect[@class='atomic-floor']").get(0);
        assertThat(floor.getAttribute("data-value")).isEqualTo("12");
        double[][] p = points(all(rep.doc(), "//polyline[@class='free']").get(0));
        double lowest = 0;
        for (double[] xy : p) {
            lowest = Math.max(lowest, xy[1]);
        }
        assertThat(lowest).isEqualTo(Double.parseDouble(floor.getAttribute("y")));
        List<Element> panic = all(rep.doc(), "//a[@id='mark-panic']");
        assertThat(panic).hasSize(1);
        assertThat(panic.get(0).getAttribute("data-event")).isEqualTo("246");
        List<Element> primary = all(rep.doc(), "//a[@id='mark-primary']");
        assertThat(primary).hasSize(1);
        assertThat(primary.get(0).getAttribute("class")).contains("kind-alloc-failure");
        assertThat(primary.get(0).getAttribute("data-event")).isEqualTo("245");
        assertThat(all(rep.doc(), "//section[@id='exhaustion']")).hasSize(1);
        assertThat(all(rep.doc(), "//section[@id='panic']")).hasSize(1);
        assertThat(all(rep.doc(), "//polyline[@class='free closeup']")).hasSize(1);
    }

    /** A worked example of the contracts, from the test resources' {@code examples/}. */
    private static String example(String name) throws IOException {
        try (InputStream in = HtmlReportTest.class.getResourceAsStream("/examples/" + name)) {
            assertThat(in).as("test resource examples/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
