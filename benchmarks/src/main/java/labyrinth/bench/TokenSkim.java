package labyrinth.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The floor of the throughput target: a plain Jackson streaming pass over a JSON trace (document
 * or JSON Lines) that reads every token and builds nothing. Prints the token count so the JIT
 * cannot drop the loop.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar labyrinth.bench.TokenSkim TRACE}.
 */
public final class TokenSkim {
    private TokenSkim() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        long tokens = pass(Path.of(args[0]));
        System.out.printf("%d tokens in %.3f s%n", tokens, (System.nanoTime() - start) / 1e9);
    }

    /** One pass: the number of tokens. */
    static long pass(Path trace) throws Exception {
        long tokens = 0;
        JsonFactory factory = JsonFactory.builder().build();
        try (InputStream in = Files.newInputStream(trace);
             JsonParser p = factory.createParser(ObjectReadContext.empty(), in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                tokens++;
            }
        }
        return tokens;
    }
}
