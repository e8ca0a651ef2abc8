package labyrinth.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o FILE}, for the commands that write a report ({@code replay}, {@code stats},
 * {@code triage}, {@code whatif}): the report goes to standard output, or atomically to the file.
 * Mixed in with {@code @Mixin}; how each command words it is in {@code Options.properties}.
 */
final class ReportOutput {
    /** Writes a report to {@code out}. */
    interface Render {
        void to(Writer out) throws IOException;
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", descriptionKey = "output",
            description = "write the report to FILE (atomically) instead of standard output (also: -)")
    Path file;

    /** Whether the report goes to a file, not standard output (no colours then, but for the terminal's). */
    boolean toFile() {
        return file != null && !Stdio.isDash(file);
    }

    /** Writes the report: to standard output, or to the file, replaced only when the whole report is written. */
    void write(Render render) throws IOException {
        if (!toFile()) {
            PrintWriter out = spec.commandLine().getOut();
            render.to(out);
            out.flush();
            return;
        }
        AtomicFiles.write(file, stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            render.to(w);
            w.flush();
        });
    }
}
