package labyrinth.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * Fuzz target: the Labyrinth trace reader (plain or gzip, document or JSON Lines) on any bytes.
 * The only acceptable failure is a {@link TraceException}; anything else thrown is a finding.
 *
 * <p>Under plain JUnit ({@code mvn verify}) Jazzer runs every file under
 * {@code src/test/resources/labyrinth/format/TraceReaderFuzzTestInputs/readTrace/} as a regression
 * input; {@code JAZZER_FUZZ=1} fuzzes (see docs/hardening.md).
 */
class TraceReaderFuzzTest {
    /** Small limits keep one input cheap; the limits themselves are part of what is fuzzed. */
    static final ReaderLimits LIMITS = ReaderLimits.defaults().withMaxDocumentLength(1 << 20)
            .withMaxStringLength(1 << 16);

    @FuzzTest(maxDuration = "10m")
    void readTrace(byte[] data) {
        try (TraceSource source = TraceFiles.open(new ByteArrayInputStream(data), "fuzz.json", LIMITS)) {
            while (source.next() != null) {
                // read to the end or the first error
            }
            source.truncation();
            source.warnings();
        } catch (TraceException expected) {
            // malformed input, reported as such
        } catch (IOException e) {
            throw new UncheckedIOException("closing a byte array cannot fail", e);
        }
    }
}
