package labyrinth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import labyrinth.core.Invariants.Block;
import labyrinth.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Random alloc/free/claim sequences on random machines (1-3 zones, odd sizes and starts, maxOrder
 * 0..10), checked after every step against {@link Invariants} and against a naive oracle that
 * keeps one boolean per page and derives the free blocks from the free set alone. Watermarks and
 * lowmem reserves are zero so the oracle decides by blocks; the policy has its own tests. Every
 * assertion names its seed: rerun one with {@code -Dlabyrinth.seed=N}.
 */
class RandomizedAllocatorTest {
    private static final ZoneKind[] KINDS = ZoneKind.values();
    private static final long[] MODIFIERS = {0, 0, 0, Gfp.DMA32, Gfp.DMA};

    private static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    static Machine randomMachine(RandomGenerator r) {
        List<ZoneSpec> zones = new ArrayList<>();
        long pfn = r.nextBoolean() ? 0 : r.nextLong(40);
        int mask = 1 + r.nextInt(7);
        for (ZoneKind kind : KINDS) {
            if ((mask & (1 << kind.ordinal())) == 0) {
                continue;
            }
            long pages = r.nextInt(4) == 0 ? 1 + r.nextLong(20) : 1 + r.nextLong(1200);
            Map<ZoneKind, Long> noReserve = new EnumMap<>(ZoneKind.class);
            for (int j = kind.ordinal() + 1; j < KINDS.length; j++) {
                noReserve.put(KINDS[j], 0L);
            }
            zones.add(new ZoneSpec(kind, pfn, pages, new Watermarks(0, 0, 0), noReserve));
            pfn += pages + (r.nextBoolean() ? 0 : r.nextLong(40));
        }
        return new Machine(Machine.DEFAULT_PAGE_SIZE, r.nextInt(11), zones, Machine.DEFAULT_DIRECT_MAP_BASE);
    }

    /** One boolean per page; blocks and decisions derived from the free set by the model's rules. */
    static final class Oracle {
        final Machine machine;
        final boolean[] free;

        Oracle(Machine machine) {
            this.machine = machine;
            free = new boolean[(int) machine.endPfn()];
            for (ZoneSpec z : machine.zones()) {
                for (long p = z.startPfn(); p < z.endPfn(); p++) {
                    free[(int) p] = true;
                }
            }
        }

        boolean allFree(long pfn, int order) {
            for (long p = pfn; p < pfn + (1L << order); p++) {
                if (!free[(int) p]) {
                    return false;
                }
            }
            return true;
        }

        void set(long pfn, int order, boolean value) {
            for (long p = pfn; p < pfn + (1L << order); p++) {
                free[(int) p] = value;
            }
        }

        /** Maximal free aligned blocks inside the zone, left to right: the fully merged state. */
        List<Block> blocks(ZoneSpec z) {
            List<Block> out = new ArrayList<>();
            long p = z.startPfn();
            while (p < z.endPfn()) {
                if (!free[(int) p]) {
                    p++;
                    continue;
                }
                int k = 0;
                while (k < machine.maxOrder() && p % (1L << (k + 1)) == 0 && p + (1L << (k + 1)) <= z.endPfn()
                        && allFree(p, k + 1)) {
                    k++;
                }
                out.add(new Block(p, k));
                p += 1L << k;
            }
            return out;
        }

        List<Block> blocks() {
            List<Block> all = new ArrayList<>();
            for (ZoneSpec z : machine.zones()) {
                all.addAll(blocks(z));
            }
            return all;
        }

        long allocate(int order, long gfp) {
            int highest = Gfp.highestZone(gfp).ordinal();
            boolean anyZone = false;
            boolean fragmented = false;
            List<ZoneSpec> zones = machine.zones();
            for (int zi = zones.size() - 1; zi >= 0; zi--) {
                ZoneSpec z = zones.get(zi);
                if (z.kind().ordinal() > highest) {
                    continue;
                }
                anyZone = true;
                Block best = null;
                long freePages = 0;
                for (Block b : blocks(z)) {
                    freePages += 1L << b.order();
                    if (b.order() >= order && (best == null || b.order() < best.order())) {
                        best = b; // blocks come left to right, so the first of an order is the lowest
                    }
                }
                if (best != null) {
                    set(best.pfn(), order, false);
                    return best.pfn();
                }
                fragmented |= freePages >= 1L << order;
            }
            if (!anyZone) {
                return FailureReason.NO_ZONE.code();
            }
            return fragmented ? FailureReason.FRAGMENTATION.code() : FailureReason.WATERMARK.code();
        }

        boolean claim(long pfn, int order) {
            if (order < 0 || order > machine.maxOrder() || pfn < 0 || pfn % (1L << order) != 0) {
                return false;
            }
            for (ZoneSpec z : machine.zones()) {
                if (pfn >= z.startPfn() && pfn + (1L << order) <= z.endPfn() && allFree(pfn, order)) {
                    set(pfn, order, false);
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void randomSequencesKeepInvariantsMatchTheOracleAndFreeBackToTheCarving() {
        for (long seed : Seeds.range(1, 1200)) {
            RandomGenerator r = random(seed);
            Machine machine = randomMachine(r);
            Allocator a = new Allocator(machine);
            Oracle oracle = new Oracle(machine);
            List<Block> held = new ArrayList<>();
            int steps = 50 + r.nextInt(400);
            for (int step = 0; step < steps; step++) {
                String where = "seed " + seed + " step " + step + " on " + machine;
                int op = r.nextInt(10);
                if (op < 5) {
                    int order = r.nextInt(4) == 0 ? r.nextInt(machine.maxOrder() + 1) : Math.min(r.nextInt(3), machine.maxOrder());
                    long gfp = Gfp.GFP_KERNEL | MODIFIERS[r.nextInt(MODIFIERS.length)];
                    long got = a.allocate(order, gfp);
                    assertThat(got).as(where + ": allocate order %d %s", order, Gfp.format(gfp))
                            .isEqualTo(oracle.allocate(order, gfp));
                    if (got >= 0) {
                        held.add(new Block(got, order));
                        assertThat(a.zoneOf(got)).as(where).isEqualTo(a.lastZone());
                    }
                } else if (op < 8 && !held.isEmpty()) {
                    Block b = held.remove(r.nextInt(held.size()));
                    a.free(b.pfn(), b.order());
                    oracle.set(b.pfn(), b.order(), true);
                } else {
                    int order = r.nextInt(machine.maxOrder() + 2) - (r.nextInt(20) == 0 ? 1 : 0);
                    long pfn = r.nextLong(machine.endPfn() + 8);
                    if (r.nextBoolean() && order >= 0) {
                        pfn &= -(1L << order); // mostly aligned, so claims often succeed
                    }
                    boolean ok = a.claim(pfn, order);
                    assertThat(ok).as(where + ": claim order %d at %d", order, pfn).isEqualTo(oracle.claim(pfn, order));
                    if (ok) {
                        held.add(new Block(pfn, order));
                    }
                }
                checkAgainst(a, oracle, where);
            }
            for (Block b : held) {
                a.free(b.pfn(), b.order());
                oracle.set(b.pfn(), b.order(), true);
            }
            String where = "seed " + seed + " after freeing everything on " + machine;
            checkAgainst(a, oracle, where);
            try {
                Invariants.checkInitialCarving(a);
            } catch (IllegalStateException e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
            assertThat(a.freePages()).as(where).isEqualTo(machine.totalPages());
        }
    }

    private static void checkAgainst(Allocator a, Oracle oracle, String where) {
        try {
            Invariants.check(a);
        } catch (IllegalStateException e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        }
        assertThat(Invariants.freeBlocks(a)).as(where + ": free blocks").isEqualTo(oracle.blocks());
    }

    @Test
    void theNextAllocationDependsOnlyOnTheFreePagesNotOnHistory() {
        for (long seed : Seeds.range(1, 1000)) {
            RandomGenerator r = random(seed);
            Machine machine = randomMachine(r);
            Allocator a = new Allocator(machine);
            for (int i = 0, n = r.nextInt(300); i < n; i++) {
                int order = Math.min(r.nextInt(4), machine.maxOrder());
                long got = a.allocate(order, Gfp.GFP_KERNEL);
                if (got >= 0 && r.nextInt(3) == 0) {
                    a.free(got, order);
                }
            }
            // b reaches the same free pages by another history: allocate and free junk, then claim
            // a's allocated pages one by one in random order
            Allocator b = new Allocator(machine);
            long junk = b.allocate(Math.min(2, machine.maxOrder()), Gfp.GFP_KERNEL);
            List<Long> used = new ArrayList<>();
            for (long p = 0; p < machine.endPfn(); p++) {
                if (a.zoneOf(p) >= 0 && !a.isFree(p)) {
                    used.add(p);
                }
            }
            java.util.Collections.shuffle(used, new java.util.Random(seed));
            if (junk >= 0) {
                b.free(junk, Math.min(2, machine.maxOrder()));
            }
            for (long p : used) {
                assertThat(b.claim(p, 0)).as("seed %d: claim %d", seed, p).isTrue();
            }
            String where = "seed " + seed + " on " + machine;
            assertThat(Invariants.freeBlocks(b)).as(where).isEqualTo(Invariants.freeBlocks(a));
            for (int i = 0; i < 100; i++) {
                int order = r.nextInt(machine.maxOrder() + 1);
                long gfp = Gfp.GFP_KERNEL | MODIFIERS[r.nextInt(MODIFIERS.length)];
                assertThat(b.allocate(order, gfp)).as(where + " request %d", i).isEqualTo(a.allocate(order, gfp));
            }
        }
    }
}
