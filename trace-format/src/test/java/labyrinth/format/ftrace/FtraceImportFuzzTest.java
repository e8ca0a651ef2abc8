package labyrinth.format.ftrace;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import labyrinth.trace.TraceException;

/**
 * Fuzz target: the kernel trace importer on any bytes, lenient and strict, with the machine given
 * and with the machine guessed from the highest pfn (the pre-scan). Only {@link TraceException} is
 * acceptable; anything else thrown is a finding. Regression inputs: {@code FtraceImportFuzzTestInputs/}.
 */
class FtraceImportFuzzTest {
    private static Path file;

    @FuzzTest(maxDuration = "10m")
    void importFtrace(byte[] data) throws IOException {
        boolean strict = data.length > 0 && (data[0] & 1) == 1;
        try (FtraceReader r = FtraceReader.open("fuzz.txt", new ByteArrayInputStream(data),
                FtraceOptions.defaults().withMemory(1L << 30).withStrict(strict))) {
            drain(r);
        } catch (TraceException expected) {
            // malformed input, reported as such
        }
        // the machine guessed from the pfns seen: the pre-scan reads a file
        if (file == null) {
            file = Files.createTempFile("fuzz-ftrace", ".txt");
            file.toFile().deleteOnExit();
        }
        Files.write(file, data);
        try (FtraceReader r = FtraceReader.open(file, "fuzz.txt", FtraceOptions.defaults().withStrict(strict))) {
            drain(r);
        } catch (TraceException expected) {
            // malformed input, reported as such
        }
    }

    private static void drain(FtraceReader r) throws TraceException {
        while (r.next() != null) {
            // read to the end or the first error
        }
        r.report();
        r.warnings();
    }
}
