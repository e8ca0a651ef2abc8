package labyrinth.trace;

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

    @Test
    void findsASpellingByItsCharactersAsIdFindsItsString() {
        for (long seed : Seeds.range(0, 20)) {
            SplittableRandom r = new SplittableRandom(seed);
            Interner interner = new Interner();
            Map<String, Integer> ref = new HashMap<>();
            int steps = 1 + r.nextInt(3000);
            for (int step = 0; step < steps; step++) {
                String s = spelling(r, steps);
                // the spelling sits inside a larger buffer, as in the parser's
                String pad = "x".repeat(r.nextInt(4));
                char[] buffer = (pad + s + "\"}").toCharArray();
                assertThat(Interner.hash(buffer, pad.length(), s.length())).isEqualTo(s.hashCode());
                Integer want = ref.get(s);
                assertThat(interner.find(buffer, pad.length(), s.length()))
                        .as("seed %d step %d %s", seed, step, s).isEqualTo(want == null ? -1 : want);
                if (want == null && r.nextBoolean()) {
                    ref.put(s, ref.size());
                    assertThat(interner.id(s)).isEqualTo(ref.get(s));
                }
            }
            for (Map.Entry<String, Integer> e : ref.entrySet()) {
                char[] c = e.getKey().toCharArray();
                assertThat(interner.find(c, 0, c.length)).isEqualTo(e.getValue());
                assertThat(interner.name(e.getValue())).isSameAs(interner.name(interner.id(e.getKey())));
            }
        }
    }

    /** Short and long, shared prefixes, colliding hash codes, characters beyond Latin-1, the empty one. */
    private static String spelling(SplittableRandom r, int steps) {
        return switch (r.nextInt(5)) {
            case 0 -> collider(r);
            case 1 -> "do_anonymous_page+0x" + Integer.toHexString(r.nextInt(1 + steps / 4)) + "/0x5e0";
            case 2 -> "pid:" + r.nextInt(1 + steps / 4) + "/gr\u00fc\u00dfe-\u4e16";
            case 3 -> r.nextInt(20) == 0 ? "" : "o" + r.nextInt(1 + steps / 4);
            default -> "GFP_KERNEL|__GFP_ZERO".substring(0, r.nextInt(22));
        };
    }

    private static String collider(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            sb.append(r.nextBoolean() ? "Aa" : "BB");
        }
        return sb.toString();
    }
}
