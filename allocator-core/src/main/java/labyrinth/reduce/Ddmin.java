package labyrinth.reduce;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller and Hildebrandt's ddmin, complement form): removes chunks of a list while
 * {@code test} still holds, halving the chunk size when no chunk can go, until no single element
 * can be removed. The result is 1-minimal: removing any one remaining element makes {@code test}
 * false. After a successful removal the pass goes on at the same position instead of starting
 * over, which saves most tries on long inputs. Stateless.
 */
public final class Ddmin {
    private Ddmin() {
    }

    /**
     * @param items a list for which {@code test} holds (not checked)
     * @return a 1-minimal sublist, in the original order
     */
    public static <T> List<T> minimize(List<T> items, Predicate<List<T>> test) {
        List<T> current = List.copyOf(items);
        int chunk = Math.max(1, current.size() / 2);
        while (!current.isEmpty()) {
            boolean removed = false;
            int start = 0;
            while (start < current.size()) {
                int end = Math.min(current.size(), start + chunk);
                List<T> candidate = without(current, start, end);
                if (test.test(candidate)) {
                    current = candidate;
                    removed = true;
                } else {
                    start = end;
                }
            }
            if (chunk == 1 && !removed) {
                break;
            }
            chunk = removed ? Math.min(chunk, Math.max(1, current.size() / 2)) : Math.max(1, chunk / 2);
        }
        return current;
    }

    private static <T> List<T> without(List<T> list, int from, int to) {
        List<T> out = new ArrayList<>(list.size() - (to - from));
        out.addAll(list.subList(0, from));
        out.addAll(list.subList(to, list.size()));
        return out;
    }
}
