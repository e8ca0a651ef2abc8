package labyrinth.format.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCacheTest {
    @Test
    void givesTheSameStringForTheSameTextOnAnotherLine() {
        TextCache cache = new TextCache();
        String first = cache.get("  bash-1977  [000]", 2, 11);
        String again = cache.get("bash-1977 [001]", 0, 9);
        assertThat(first).isEqualTo("bash-1977").isSameAs(again);
        assertThat(cache.get("bash-1978", 0, 9)).isEqualTo("bash-1978");
        assertThat(cache.get("xx", 1, 1)).isEmpty();
    }

    @Test
    void copiesLongStretchesAndNeverMixesUpTexts() {
        TextCache cache = new TextCache();
        String longText = "k".repeat(100);
        assertThat(cache.get(longText, 0, 100)).isEqualTo(longText);
        for (int i = 0; i < 5000; i++) { // far more texts than slots: collisions replace, never confuse
            String s = "task-" + i;
            assertThat(cache.get(" " + s + " ", 1, s.length() + 1)).isEqualTo(s);
        }
    }
}
