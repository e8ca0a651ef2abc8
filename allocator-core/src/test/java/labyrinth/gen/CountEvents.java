package labyrinth.gen;

/** Run in a child JVM by {@link StreamingTest}: generates a scenario into a counting consumer. */
public final class CountEvents {
    private CountEvents() {
    }

    public static void main(String[] args) {
        Scenario s = Scenarios.byName(args[0]).orElseThrow();
        long n = Long.parseLong(args[1]);
        long[] count = {0, -1};
        s.generate(1, n, e -> {
            count[0]++;
            count[1] = e.number();
        });
        System.out.println(count[0] + " events, last seq " + count[1]);
    }
}
