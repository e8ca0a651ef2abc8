package labyrinth.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Generation streams: no scenario collects its events. Two million steady events (a 1 GiB
 * machine) are generated in a child JVM whose heap could not hold a tenth of them as objects.
 */
class StreamingTest {
    @Test
    void twoMillionSteadyEventsFitInA32MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), CountEvents.class.getName(), "steady", "2000000")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.strip()).isEqualTo("2000000 events, last seq 1999999");
    }
}
