package labyrinth.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DdminTest {
    private static List<Integer> upTo(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    @Test
    void keepsExactlyTheElementsTheTestNeeds() {
        List<Integer> needed = List.of(3, 500, 501, 977);
        List<Integer> out = Ddmin.minimize(upTo(1000), l -> l.containsAll(needed));
        assertThat(out).containsExactlyElementsOf(needed);
    }

    @Test
    void resultIsOneMinimalForAnInteractionOfElements() {
        // holds when the sum of the chosen elements is at least 50: many minimal answers exist
        List<Integer> out = Ddmin.minimize(upTo(40), l -> l.stream().mapToInt(Integer::intValue).sum() >= 50);
        assertThat(out.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(50);
        for (int i = 0; i < out.size(); i++) {
            List<Integer> less = new ArrayList<>(out);
            less.remove(i);
            assertThat(less.stream().mapToInt(Integer::intValue).sum()).isLessThan(50);
        }
    }

    @Test
    void fewTriesForOneNeededElementInALongList() {
        AtomicInteger tries = new AtomicInteger();
        List<Integer> out = Ddmin.minimize(upTo(20_000), l -> {
            tries.incrementAndGet();
            return l.contains(12_345);
        });
        assertThat(out).containsExactly(12_345);
        assertThat(tries.get()).isLessThan(200);
    }
}
