package labyrinth.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedCounterTest {
    @Test
    void keysBeyondTheCapCountAsOverflow() {
        BoundedCounter<String> c = new BoundedCounter<>(2);
        for (String k : new String[] {"a", "b", "a", "c", "d", "b", "a"}) {
            c.add(k);
        }
        assertThat(c.distinct()).isEqualTo(2);
        assertThat(c.overflow()).isEqualTo(2);
        assertThat(c.total()).isEqualTo(7);
        assertThat(c.top(1, String::compareTo)).containsExactly(new BoundedCounter.Entry<>("a", 3));
    }

    @Test
    void tiesAreOrderedByKey() {
        BoundedCounter<String> c = new BoundedCounter<>(10);
        c.add("z");
        c.add("m");
        c.add("a");
        assertThat(c.top(10, String::compareTo)).extracting(BoundedCounter.Entry::key).containsExactly("a", "m", "z");
    }
}
