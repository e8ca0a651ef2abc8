package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayHtmlTest {
    @TempDir
    Path dir;

    @Test
    void htmlIsWrittenBesideTheUsualReportAndIsByteIdenticalOnEveryRun() throws Exception {
        String trace = Repo.examples().resolve("rx-storm-panic.json").toString();
        Path a = dir.resolve("a.html");
        Path b = Files.createDirectory(dir.resolve("sub")).resolve("b.html");
        Run first = Run.of("replay", "--html", a.toString(), trace);
        Run second = Run.of("replay", "--html", b.toString(), trace);
        assertThat(first.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(first.out()).contains("panic reproduced").isEqualTo(second.out());
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        String html = Files.readString(a);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("eth0: RX ring refill failed")
                .contains("id=\"timeline\"").contains("id=\"owners\"").contains("class=\"chart heat\"");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.html", "sub");
        }
    }

    @Test
    void anUnwritableHtmlPathIsOneLineAndExit3() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Run r = Run.of("replay", "--html", blocker.resolve("r.html").toString(),
                Repo.examples().resolve("clean.json").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).isEqualTo("cannot write " + blocker.resolve("r.html") + ": Not a directory\n");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
