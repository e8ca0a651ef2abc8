package labyrinth.cli;

import labyrinth.core.Spelling;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import labyrinth.format.TraceWriter;
import labyrinth.gen.Scenario;
import labyrinth.gen.Scenarios;
import labyrinth.trace.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code labyrinth gen SCENARIO [-o OUT]}: a synthetic trace, the same for the same seed. */
@Command(
        name = "gen",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Write a synthetic trace: workloads for tests, demos and benchmarks.",
        description = {
            "Write a synthetic trace: workloads for tests, demos and benchmarks. The same scenario, "
                + "seed and size give the same trace, byte for byte. Every allocation records the result the "
                + "allocator model gives, so `labyrinth replay` of the output never diverges. Scenarios "
                + "(--list describes them): rx-storm, steady, fragmentation, random."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  labyrinth gen --list",
            "  labyrinth gen rx-storm -o rx-storm.json && labyrinth replay rx-storm.json",
            "  labyrinth gen steady --events 2000000 --seed 7 -o steady.ndjson.gz",
            "  labyrinth gen random --seed 3 --format ndjson | head"
        })
final class GenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Accepted like every command's; this command prints nothing coloured. */
    @Mixin
    ColorOption color;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "the workload; see --list")
    String scenario;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "the trace to write (atomically); standard output when absent or -. A name ending in .gz"
                    + " is compressed")
    Path output;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000",
            description = "how many events (default: ${DEFAULT-VALUE}); rx-storm ends in its panic near N")
    long events;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "json (one document), ndjson (JSON Lines) or binary; default: binary for .lbt names, "
                    + "ndjson for .ndjson/.jsonl, else json")
    TraceOutputs.Encoding format;

    @Option(names = "--list", description = "list the scenarios and exit")
    boolean list;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (Scenario s : Scenarios.all()) {
                out.printf(java.util.Locale.ROOT, "%-14s %s (--events %d or more)%n", s.name(), s.description(), s.minEvents());
            }
            out.flush();
            return ExitCode.OK;
        }
        Scenario s = scenario();
        if (events < s.minEvents()) {
            throw new ParameterException(spec.commandLine(), "--events must be at least " + s.minEvents() + " for "
                    + s.name() + ", found " + events);
        }
        int unwritable = Outputs.of(spec).output("-o", output).check(err, debug);
        if (unwritable != ExitCode.OK) {
            return unwritable;
        }
        TraceOutputs.Encoding f = TraceOutputs.encodingOf(format, output);
        Header header = s.header(seed, events);
        long[] written = {0};
        try {
            Outputs.write(spec, output, raw -> write(s, header, f, raw, output, written));
            if (output != null && !Stdio.isDash(output)) {
                err.println("generated " + written[0] + " events of " + s.name() + " (seed " + seed + ") to " + output);
            }
            return ExitCode.OK;
        } catch (IOException e) {
            return Errors.cannotWrite(err, output == null ? Path.of(Stdio.DASH) : output, e, debug);
        }
    }

    private Scenario scenario() {
        List<String> names = Scenarios.names();
        if (scenario == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing SCENARIO: give one of " + String.join(", ", names) + " (or --list)");
        }
        return Scenarios.byName(scenario).orElseThrow(() -> {
            String near = nearest(scenario, names);
            return new ParameterException(spec.commandLine(), "unknown scenario \"" + scenario + "\": expected one of "
                    + String.join(", ", names) + (near == null ? "" : "; did you mean " + near + "?"));
        });
    }

    private void write(Scenario s, Header header, TraceOutputs.Encoding f, OutputStream raw, Path target,
                       long[] written) throws IOException {
        TraceWriter w = TraceOutputs.writer(f, TraceOutputs.sink(raw, target), header);
        try {
            s.generate(seed, events, e -> {
                try {
                    w.write(e);
                    written[0]++;
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.close(); // ends the trace; the stream Outputs.write gives only flushes on close
    }

    /** The name within edit distance 2 of {@code given} (ignoring case, {@code _} for {@code -}), else one it begins, or null. */
    static String nearest(String given, List<String> names) {
        String g = given.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String best = null;
        int bestDistance = 3;
        for (String n : names) {
            int d = Spelling.distance(g, n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        if (best == null && g.length() >= 2) {
            for (String n : names) {
                if (n.startsWith(g)) {
                    return n;
                }
            }
        }
        return best;
    }

}
