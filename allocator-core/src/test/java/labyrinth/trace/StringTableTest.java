package labyrinth.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringTableTest {
    @Test
    void internGivesOneIdPerSpellingInTheOrderFirstSeen() {
        StringTable t = new StringTable();
        assertThat(t.intern("eth0-rx")).isZero();
        assertThat(t.intern(new String("eth0-rx"))).isZero();
        assertThat(t.intern("kswapd0")).isEqualTo(1);
        assertThat(t.intern(null)).isEqualTo(-1);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.get(1)).isEqualTo("kswapd0");
    }

    @Test
    void internFindsTheFirstOfStringsAddedTwiceAndKeepsAddingAfterwards() {
        StringTable t = new StringTable();
        t.add("a");
        t.add("b");
        t.add("a"); // a binary trace may define a spelling twice: the first id stands for it
        assertThat(t.intern("a")).isZero();
        assertThat(t.intern("b")).isEqualTo(1);
        assertThat(t.add("c")).isEqualTo(3);
        assertThat(t.add("a")).isEqualTo(4);
        assertThat(t.intern("c")).isEqualTo(3);
        assertThat(t.intern("a")).isZero();
        assertThat(t.intern("d")).isEqualTo(5);
        assertThat(t.size()).isEqualTo(6);
    }

    @Test
    void manySpellingsKeepTheirIds() {
        StringTable t = new StringTable();
        for (int i = 0; i < 10_000; i++) {
            assertThat(t.intern("owner-" + i)).isEqualTo(i);
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(t.intern("owner-" + i)).isEqualTo(i);
            assertThat(t.get(i)).isEqualTo("owner-" + i);
        }
    }
}
