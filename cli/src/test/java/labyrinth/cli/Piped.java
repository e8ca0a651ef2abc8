package labyrinth.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One in-process run on byte streams, as {@link Main} runs: {@code stdin} as standard input and
 * standard output kept as bytes (a binary trace written with {@code -o -} survives).
 */
record Piped(int exit, byte[] bytes, String err) {
    static Piped of(byte[] stdin, String... args) {
        return of(stdin, null, args);
    }

    /** @param stdinFile the file standard input is redirected from ({@code < FILE}), or null */
    static Piped of(byte[] stdin, Path stdinFile, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = Cli.create(new ByteArrayInputStream(stdin), out, new PrintWriter(err, true), stdinFile)
                .execute(args);
        return new Piped(code, out.toByteArray(), err.toString());
    }

    String out() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
