package labyrinth.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The entry point; the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CommandLine cl = Cli.create(System.in, System.out, err, Stdio.redirectedFrom());
        int code = cl.execute(args);
        cl.getOut().flush();
        System.out.flush();
        err.flush();
        System.exit(code);
    }
}
