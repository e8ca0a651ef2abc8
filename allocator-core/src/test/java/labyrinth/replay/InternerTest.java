package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import labyrinth.testing.Seeds;
import org.junit.jupiter.api.Test;

class InternerTest {

    @Test
    void givesDenseIdsInFirstSeenOrderAndMinusOneForNull() {
        Interner i = new Interner();
        assertThat(i.id(null)).isEqualTo(-1);
        assertThat(i.id("napi")).isEqualTo(0);
        assertThat(i.id("ext4")).isEqualTo(1);
        assertThat(i.id(new String("napi"))).as("equal, not identical").isEqualTo(0);
        assertThat(i.idIfKnown("slab")).isEqualTo(-1);
        assertThat(i.idIfKnown(null)).isEqualTo(-1);
        assertThat(i.name(1)).isEqualTo("ext4");
        assertThat(i.name(-1)).isNull();
        assertThat(i.size()).isEqualTo(2);
    }

    @Test
    void agreesWithAHashMapAcrossGrowthCollisionsAndCopies() {
        for (long seed : Seeds.range(0, 20)) {
            SplittableRandom r = new SplittableRandom(seed);
            Interner interner = new Interner();
            Map<String, Integer> ref = new HashMap<>();
            List<String> names = new ArrayList<>();
            Interner copy = null;
            Map<String, Integer> copyRef = null;
            int steps = 1 + r.nextInt(5000);
            for (int step = 0; step < steps; step++) {
                // "Aa" and "BB" share a hash code, so strings built of them collide wholesale
                String s = r.nextInt(3) == 0 ? collider(r) : "owner-" + r.nextInt(1 + steps / 3);
                Integer want = ref.computeIfAbsent(s, k -> ref.size());
                if (want == names.size()) {
                    names.add(s);
                }
                assertThat(r.nextBoolean() ? interner.id(s) : interner.id(new String(s)))
                        .as("seed %d step %d %s", seed, step, s).isEqualTo(want);
                if (step == steps / 2) {
                    copy = interner.copy();
                    copyRef = new HashMap<>(ref);
                }
            }
            for (int id = 0; id < names.size(); id++) {
                assertThat(interner.name(id)).isEqualTo(names.get(id));
                assertThat(interner.idIfKnown(names.get(id))).isEqualTo(id);
            }
            assertThat(interner.size()).as("seed %d", seed).isEqualTo(ref.size());
            if (copy != null) {
                assertThat(copy.size()).as("a copy does not see later names").isEqualTo(copyRef.size());
                for (Map.Entry<String, Integer> e : copyRef.entrySet()) {
                    assertThat(copy.idIfKnown(e.getKey())).isEqualTo(e.getValue());
                }
            }
        }
    }

    private static String collider(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            sb.append(r.nextBoolean() ? "Aa" : "BB");
        }
        return sb.toString();
    }
}
