package labyrinth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import labyrinth.testing.Seeds;
import org.junit.jupiter.api.Test;

/** The ledger against a plain model of blocks and freed pages. */
class LedgerTest {

    record Block(int order, int owner, int site, boolean exclusive, long event, long line, int column) {
    }

    record Freed(long by, long line, int column, long alloc, int owner) {
    }

    @Test
    void fieldsKeepTheirFullRangeAndDefaults() {
        Ledger l = new Ledger(1L << 20, 10);
        assertThat(l.isHead(5)).isFalse();
        assertThat(l.order(5)).isEqualTo(Ledger.NOT_HEAD);
        assertThat(l.freedBy(5)).isEqualTo(-1);
        assertThat(l.freedBy(-1)).isEqualTo(-1);
        l.allocate(1024, 10, -1, Integer.MAX_VALUE, true, Long.MAX_VALUE - 1, 3_000_000_000L, 7);
        assertThat(l.order(1024)).isEqualTo(10);
        assertThat(l.owner(1024)).isEqualTo(-1);
        assertThat(l.site(1024)).isEqualTo(Integer.MAX_VALUE);
        assertThat(l.exclusive(1024)).isTrue();
        assertThat(l.allocEvent(1024)).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(l.allocLine(1024)).as("clamped").isEqualTo(Integer.MAX_VALUE);
        assertThat(l.allocColumn(1024)).isEqualTo(7);
        assertThat(l.headOf(2047)).isEqualTo(1024);
        l.transfer(1024, 4);
        assertThat(l.owner(1024)).isEqualTo(4);
        assertThat(l.site(1024)).as("a transfer keeps the site").isEqualTo(Integer.MAX_VALUE);
        assertThat(l.ownerPages(4)).isEqualTo(1024);
        l.release(1024, 0, 1, 2);
        assertThat(l.freedBy(2047)).as("event 0 is a real freeing event").isEqualTo(0);
        assertThat(l.freedOwner(2047)).isEqualTo(4);
        assertThat(l.freedAlloc(1500)).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(l.freedAllocLine(1500)).as("the freed block's allocation keeps its line").isEqualTo(Integer.MAX_VALUE);
        assertThat(l.freedAllocColumn(2047)).isEqualTo(7);
        assertThat(l.isHead(1024)).isFalse();
        assertThat(l.livePages()).isZero();
    }

    @Test
    void agreesWithAPlainModelUnderRandomAllocationsFreesAndCopies() {
        for (long seed : Seeds.range(0, 30)) {
            SplittableRandom r = new SplittableRandom(seed);
            int maxOrder = 1 + r.nextInt(10);
            long pages = (1L << maxOrder) * (1 + r.nextInt(64)) + r.nextInt(3000);
            Ledger ledger = new Ledger(pages, maxOrder);
            TreeMap<Long, Block> live = new TreeMap<>();
            Map<Long, Freed> freed = new HashMap<>();
            for (int step = 0; step < 3000; step++) {
                int order = r.nextInt(maxOrder + 1);
                long head = r.nextLong(pages) & -(1L << order);
                boolean fits = head + (1L << order) <= pages && overlapping(live, head, order) == null;
                if (r.nextInt(3) > 0 && fits) {
                    Block b = new Block(order, r.nextInt(-1, 50), r.nextInt(-1, 50), r.nextBoolean(), step,
                            r.nextInt(1 << 20), r.nextInt(1 << 10));
                    live.put(head, b);
                    ledger.allocate(head, order, b.owner, b.site, b.exclusive, b.event, b.line, b.column);
                } else if (!live.isEmpty() && r.nextBoolean()) {
                    Long h = live.ceilingKey(r.nextLong(pages));
                    h = h == null ? live.firstKey() : h;
                    Block b = live.remove(h);
                    if (r.nextInt(4) == 0) {
                        int to = r.nextInt(50);
                        ledger.transfer(h, to);
                        b = new Block(b.order, to, b.site, b.exclusive, b.event, b.line, b.column);
                    }
                    ledger.release(h, step, step + 1, step + 2);
                    for (long p = h; p < h + (1L << b.order); p++) {
                        freed.put(p, new Freed(step, step + 1, step + 2, b.event, b.owner));
                    }
                } else if (!fits) {
                    long p = r.nextLong(pages);
                    if (ledger.headOf(p) < 0) {
                        ledger.markFreedUnknown(p, step, 9, 9, Ledger.NOT_HEAD);
                        freed.put(p, new Freed(step, 9, 9, -1, -1));
                    }
                }
                if (step % 500 == 0) {
                    ledger = ledger.copy();
                }
            }
            long livePages = 0;
            for (long p = 0; p < pages; p++) {
                Map.Entry<Long, Block> e = overlapping(live, p, 0);
                String at = "seed " + seed + " pfn " + p;
                assertThat(ledger.headOf(p)).as(at).isEqualTo(e == null ? -1 : e.getKey());
                Freed f = freed.get(p);
                assertThat(ledger.freedBy(p)).as(at).isEqualTo(f == null ? -1 : f.by);
                if (f != null) {
                    assertThat(new Freed(ledger.freedBy(p), ledger.freedLine(p), ledger.freedColumn(p),
                            ledger.freedAlloc(p), ledger.freedOwner(p))).as(at).isEqualTo(f);
                }
            }
            for (Map.Entry<Long, Block> e : live.entrySet()) {
                long h = e.getKey();
                Block b = e.getValue();
                assertThat(new Block(ledger.order(h), ledger.owner(h), ledger.site(h), ledger.exclusive(h),
                        ledger.allocEvent(h), ledger.allocLine(h), ledger.allocColumn(h))).isEqualTo(b);
                livePages += 1L << b.order;
            }
            assertThat(ledger.livePages()).as("seed %d", seed).isEqualTo(livePages);
            long[] visited = {0};
            ledger.forEachLive((head, order) -> {
                assertThat(live.get(head)).isNotNull();
                visited[0]++;
            });
            assertThat(visited[0]).isEqualTo(live.size());
        }
    }

    /** The live block overlapping [pfn, pfn + 2^order), or null. */
    private static Map.Entry<Long, Block> overlapping(TreeMap<Long, Block> live, long pfn, int order) {
        Map.Entry<Long, Block> below = live.floorEntry(pfn + (1L << order) - 1);
        return below != null && below.getKey() + (1L << below.getValue().order) > pfn ? below : null;
    }
}
