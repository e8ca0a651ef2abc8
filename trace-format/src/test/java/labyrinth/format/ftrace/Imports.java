package labyrinth.format.ftrace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;

/** Test helpers: where the real traces and the fixtures are, and reading a whole import. */
final class Imports {
    private Imports() {
    }

    /** The real kernel captures, test resources in {@code real-traces/} (provenance in its README). */
    static Path realTraces() {
        return resource("/real-traces");
    }

    static Path fixture(String name) {
        return resource("/ftrace/" + name);
    }

    private static Path resource(String name) {
        URL url = Imports.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("expected the test resource " + name + ", found nothing");
        }
        try {
            return Path.of(url.toURI());
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
