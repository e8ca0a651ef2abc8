package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports are deterministic: the same inputs and options give byte-identical output across runs,
 * {@code --jobs} values, default locales and time zones. The forked-JVM variant (the packaged jar
 * under {@code -Duser.language=tr -Duser.country=TR -Duser.timezone=Pacific/Kiritimati}) is in
 * {@link PackagedJarIT}.
 */
class DeterminismTest {
    record Setting(Locale locale, String zone) {
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting(new Locale("tr", "TR"), "Pacific/Kiritimati"),
            new Setting(Locale.GERMANY, "America/St_Johns"),
            new Setting(new Locale("ar", "SA"), "Asia/Kathmandu"),
            new Setting(Locale.forLanguageTag("hi-IN-u-nu-deva"), "Pacific/Chatham"));

    /** Every report the commands write, by a name that says which; files are read back whole. */
    static Map<String, String> reports(Path dir, int jobs) throws IOException {
        Path samples = Repo.root().resolve("sample-traces");
        Map<String, String> out = new LinkedHashMap<>();
        List<String> traces = List.of("rx-storm-panic.json", "fragmentation-failure.json", "double-free.json",
                "use-after-free.ndjson");
        for (String t : traces) {
            String f = samples.resolve(t).toString();
            for (String format : List.of("text", "json", "sarif", "junit")) {
                out.put("replay " + format + " " + t, Run.of("replay", "--format", format, f).out());
            }
            Path html = dir.resolve(t + ".html");
            Run.of("replay", "--html", html.toString(), "-o", dir.resolve(t + ".txt").toString(), f);
            out.put("replay --html " + t, Files.readString(html));
            out.put("replay -o " + t, Files.readString(dir.resolve(t + ".txt")));
            out.put("stats text " + t, Run.of("stats", f).out());
            out.put("stats json " + t, Run.of("stats", "--format", "json", f).out());
        }
        for (String format : List.of("text", "json", "junit", "sarif")) {
            out.put("triage " + format, Run.of("triage", "--jobs", "" + jobs, "--format", format, samples.toString())
                    .out());
        }
        Path reduced = dir.resolve("reduced.json");
        Run.of("reduce", samples.resolve("double-free.json").toString(), "-o", reduced.toString());
        out.put("reduce", Files.readString(reduced));
        Path gen = dir.resolve("gen.json");
        Run.of("gen", "steady", "--events", "3000", "-o", gen.toString());
        out.put("gen", Files.readString(gen));
        out.put("validate", Run.of("validate", samples.resolve("rx-storm-panic.json").toString()).out());
        return out;
    }

    @Test
    void byteIdenticalAcrossRunsJobsLocalesAndTimeZones(@TempDir Path dir) throws IOException {
        Map<String, String> baseline = reports(Files.createDirectory(dir.resolve("base")), 1);
        assertThat(baseline.values()).allSatisfy(v -> assertThat(v).isNotEmpty());
        assertThat(reports(Files.createDirectory(dir.resolve("again")), 1)).as("a second run").isEqualTo(baseline);
        assertThat(reports(Files.createDirectory(dir.resolve("jobs3")), 3)).as("--jobs 3").isEqualTo(baseline);
        Locale locale = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        TimeZone zone = TimeZone.getDefault();
        try {
            List<String> tried = new ArrayList<>();
            for (Setting s : SETTINGS) {
                Locale.setDefault(s.locale());
                TimeZone.setDefault(TimeZone.getTimeZone(s.zone()));
                tried.add(s.locale() + " " + s.zone());
                Map<String, String> there = reports(Files.createDirectory(dir.resolve(s.locale().toString())), 2);
                assertThat(there).as("%s, %s", s.locale(), s.zone()).isEqualTo(baseline);
            }
            assertThat(tried).hasSize(SETTINGS.size());
        } finally {
            Locale.setDefault(locale);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
            TimeZone.setDefault(zone);
        }
    }
}
