package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The commands and files that the README and docs/ show run on a plain clone: what they name is in it. */
class DocsPathsTest {
    /** A path into the repository's test data or samples, as the pages write it. */
    private static final Pattern DATA = Pattern.compile(
            "(?:sample-traces|cli/src/test/resources|trace-format/src/test/resources)/[\\w./-]*\\w");
    /** A relative path that starts by going up ("cli/.../X" is an abbreviation, not a path). */
    private static final Pattern UP = Pattern.compile("(?<![\\w./])(?:\\.\\./)+[\\w.-][\\w./-]*");

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Repo.root().resolve("README.md")));
        try (Stream<Path> docs = Files.list(Repo.root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyTestDataOrSamplePathThePagesNameExists() throws IOException {
        List<String> named = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = DATA.matcher(Files.readString(page));
            while (m.find()) {
                named.add(m.group());
                assertThat(Repo.root().resolve(m.group())).as("%s names %s", page.getFileName(), m.group()).exists();
            }
        }
        assertThat(named).contains("sample-traces/lkml-2010-01-13-li-hong-mm_page_free_direct.txt",
                "cli/src/test/resources/examples/watermarks.json");
    }

    @Test
    void noPageNamesAFileOutsideTheRepository() throws IOException {
        Path root = Repo.root().toAbsolutePath().normalize();
        for (Path page : pages()) {
            Matcher m = UP.matcher(Files.readString(page));
            while (m.find()) {
                assertThat(page.toAbsolutePath().getParent().resolve(m.group()).normalize())
                        .as("%s names %s", page.getFileName(), m.group()).startsWithRaw(root);
            }
        }
    }
}
