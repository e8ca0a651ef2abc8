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
 * {@code --format} and {@code -o FILE}, for the commands that write a report ({@code replay},
 * {@code stats}, {@code triage}, {@code whatif}): the report goes to standard output, or atomically
 * to the file. Mixed in with {@code @Mixin} as the subclass of the formats the command takes; how
 * each command words {@code -o} is in {@code Options.properties}.
 */
abstract class ReportOutput {
    /** Writes a report to {@code out}. */
    interface Render {
        void to(Writer out) throws IOException;
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", descriptionKey = "output",
            description = "write the report to FILE (atomically) instead of standard output (also: -)")
    Path file;

    /** Set by the subclass's {@code --format}. */
    Format format;

    /** {@code stats} and {@code whatif}: text or json. */
    static final class TextOrJson extends ReportOutput {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Format.TextOrJson.class,
                completionCandidates = Format.TextOrJson.class, description = "text or json (default: ${DEFAULT-VALUE})")
        void format(Format f) {
            format = f;
        }
    }

    /** {@code replay}: the text, JSON and CI reports. */
    static final class ForReplay extends ReportOutput {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Format.ForReplay.class,
                completionCandidates = Format.ForReplay.class,
                description = "text, json, sarif (SARIF 2.1.0) or junit (JUnit XML) (default: ${DEFAULT-VALUE})")
        void format(Format f) {
            format = f;
        }
    }

    /** {@code triage}: the same, in the order its help has always listed them. */
    static final class ForTriage extends ReportOutput {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Format.ForTriage.class,
                completionCandidates = Format.ForTriage.class,
                description = "text, json, junit or sarif (default: ${DEFAULT-VALUE})")
        void format(Format f) {
            format = f;
        }
    }

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
