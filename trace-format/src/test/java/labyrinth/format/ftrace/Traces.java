package labyrinth.format.ftrace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;

/** Test helpers: where the shared real traces and the fixtures are, and reading a whole import. */
final class Traces {
    private Traces() {
    }

    /** {@code ../shared/real-traces} beside the repository (the folder holding {@code mvnw}). */
    static Path realTraces() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        Path shared = dir.resolveSibling("shared").resolve("real-traces");
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("expected the shared real traces at " + shared);
        }
        return shared;
    }

    static Path fixture(String name) {
        try {
            return Path.of(Traces.class.getResource("/ftrace/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All events of an import, and its report. */
    record Import(List<Event> events, ImportReport report, FtraceReader reader) {
        Event.Alloc alloc(int i) {
            return (Event.Alloc) events.get(i);
        }

        Event.Free free(int i) {
            return (Event.Free) events.get(i);
        }
    }

    static Import read(Path file, FtraceOptions options) throws TraceException {
        try (FtraceReader r = FtraceReader.open(file, options)) {
            List<Event> events = new ArrayList<>();
            for (Event e; (e = r.next()) != null; ) {
                events.add(e);
            }
            return new Import(events, r.report(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Import read(Path file) throws TraceException {
        return read(file, FtraceOptions.defaults());
    }
}
