package labyrinth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two Jackson peers of run.sh read the same tokens; only ValuePass decodes their values. */
class JacksonPassesTest {
    @TempDir
    Path dir;

    @Test
    void theValuePassDecodesEveryNameStringAndNumberTheFloorOnlyCounts() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.json"), "{\"ab\":\"xyz\",\"n\":40,\"f\":2.5,\"ok\":true}");

        long[] values = ValuePass.pass(trace);

        // start, 4 names, 4 values, end
        assertThat(TokenSkim.pass(trace)).isEqualTo(10);
        assertThat(values[0]).isEqualTo(10);
        // names 2 + 1 + 1 + 2 characters, "xyz" 3, 40, 2.5 as 2, true counts nothing
        assertThat(values[1]).isEqualTo(6 + 3 + 40 + 2);
    }

    @Test
    void jsonLinesAreOneStreamOfTokens() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.ndjson"), "{\"a\":1}\n{\"a\":2}\n");

        assertThat(TokenSkim.pass(trace)).isEqualTo(8);
        assertThat(ValuePass.pass(trace)).containsExactly(8, 1 + 1 + 1 + 2);
    }
}
