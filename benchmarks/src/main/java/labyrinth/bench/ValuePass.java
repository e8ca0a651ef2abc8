package labyrinth.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The peer of issue 21's JSON target: a Jackson streaming pass over a JSON trace (document or JSON
 * Lines) that reads every token and decodes its value, as any reader that checks the values must:
 * every field name and string value as a String, every number as a long (or a double when it has
 * a fraction). {@link TokenSkim} is the bare floor beside it, which skips string contents and
 * never converts a number. Prints the token count and a checksum of the values so the JIT cannot
 * drop the work.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar labyrinth.bench.ValuePass TRACE}.
 */
public final class ValuePass {
    private ValuePass() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        long[] result = pass(Path.of(args[0]));
        System.out.printf("%d tokens in %.3f s (checksum %d)%n", result[0], (System.nanoTime() - start) / 1e9,
                result[1]);
    }

    /** One pass: the number of tokens, and a checksum of every decoded value. */
    static long[] pass(Path trace) throws Exception {
        long tokens = 0;
        long sum = 0;
        JsonFactory factory = JsonFactory.builder().build();
        try (InputStream in = Files.newInputStream(trace);
             JsonParser p = factory.createParser(ObjectReadContext.empty(), in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                tokens++;
                sum += switch (t) {
                    case PROPERTY_NAME -> p.currentName().length();
                    case VALUE_STRING -> p.getString().length();
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> (long) p.getDoubleValue();
                    default -> 0;
                };
            }
        }
        return new long[] {tokens, sum};
    }
}
