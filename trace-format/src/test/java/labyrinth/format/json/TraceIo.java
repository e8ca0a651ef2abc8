package labyrinth.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import labyrinth.format.TraceFiles;
import labyrinth.trace.Event;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/** Files and bytes for the codec tests: where the examples and sample traces are, writing, reading back. */
public final class TraceIo {
    private TraceIo() {
    }

    /** The clone's root: the nearest folder upwards from the working directory that holds {@code mvnw}. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a folder holding mvnw above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    /** The worked examples of the contracts: one copy in the repository, the cli's test resources. */
    public static Path examples() {
        Path dir = repoRoot().resolve("cli/src/test/resources/examples");
        assertThat(dir).as("the worked examples in the repository").isDirectory();
        return dir;
    }

    public static List<Path> exampleTraces() throws IOException {
        try (var s = Files.list(examples())) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("expected.json"))
                    .sorted().toList();
        }
    }

    public static List<Path> sampleTraces() throws IOException {
        Path dir = repoRoot().resolve("sample-traces");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    public static Path write(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static List<Event> readAll(Path file) throws TraceException, IOException {
        try (TraceSource src = TraceFiles.open(file, file.getFileName().toString())) {
            return drain(src);
        }
    }

    public static List<Event> drain(TraceSource src) throws TraceException {
        List<Event> events = new ArrayList<>();
        for (Event e = src.next(); e != null; e = src.next()) {
            events.add(e);
        }
        return events;
    }

    public static List<Event> unlocated(List<Event> events) {
        return events.stream().map(e -> e.located(0, 0)).toList();
    }
}
