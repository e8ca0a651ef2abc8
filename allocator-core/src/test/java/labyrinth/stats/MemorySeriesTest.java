package labyrinth.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.core.Machine;
import labyrinth.replay.Replayer;
import labyrinth.replay.Mode;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.Op;
import labyrinth.trace.Scope;
import org.junit.jupiter.api.Test;

class MemorySeriesTest {
    private static CommonFields at(long n, String owner, String site) {
        return new CommonFields(n, false, 0, 0, CommonFields.NO_TIME, -1, Context.TASK, owner, site, List.of());
    }

    private static Replayer replayer(MemorySeries rec, TraceStats stats, Machine machine) {
        return new Replayer(new Header(Scope.COMPLETE, machine), Mode.SIMULATE, 1L << 20, f -> {
            stats.onFinding(f);
            rec.onFinding(f);
        });
    }

    private static void apply(Replayer r, MemorySeries rec, TraceStats stats, Event e) {
        if (r.apply(e)) {
            rec.afterEvent(r.view(), e);
            stats.afterEvent(r.view(), e);
        }
    }

    @Test
    void recordsFreePagesBlocksOwnersAndTheAtomicFloor() {
        MemorySeries rec = new MemorySeries(8);
        TraceStats stats = new TraceStats();
        Replayer r = replayer(rec, stats, Machine.ofPages(256));
        apply(r, rec, stats, new Event.Alloc(at(0, "a", "s1"), 2, Gfp.GFP_KERNEL, null, Event.UNRECORDED, null));
        apply(r, rec, stats, new Event.Alloc(at(1, "b", "s2"), 0, Gfp.GFP_ATOMIC, null, Event.UNRECORDED, null));
        apply(r, rec, stats, new Event.Free(at(2, "a", null), 0, Event.ABSENT));

        MinMaxBuckets b = rec.buckets();
        assertThat(b.size()).isEqualTo(3);
        assertThat(rec.zoneCount()).isEqualTo(1);
        assertThat(rec.zonePages(0)).isEqualTo(256);
        // 256 pages: default watermarks 32/40/48, atomic floor 32 - 16 - 4 = 12 (ALLOCATOR-MODEL.md)
        assertThat(rec.watermarks(0).min()).isEqualTo(32);
        assertThat(rec.atomicFloor(0)).isEqualTo(12);
        int free = rec.freeSeries(0);
        assertThat(b.last(free, 0)).isEqualTo(252);
        assertThat(b.last(free, 1)).isEqualTo(251);
        assertThat(b.last(free, 2)).isEqualTo(255);
        assertThat(b.last(rec.totalFreeSeries(), 1)).isEqualTo(251);
        assertThat(b.last(rec.usedSeries(), 1)).isEqualTo(5);
        assertThat(rec.ownerNames()).containsExactly("a", "b");
        assertThat(b.last(rec.ownerSeries(0), 1)).isEqualTo(4);
        assertThat(b.last(rec.ownerSeries(0), 2)).isZero();
        assertThat(b.last(rec.ownerSeries(1), 0)).isZero();
        assertThat(b.last(rec.ownerSeries(1), 2)).isEqualTo(1);
        // the one order-8 block was split by the first alloc; free blocks still add up to the free pages
        assertThat(b.last(rec.orderSeries(0, 8), 0)).isZero();
        long pages = 0;
        for (int k = 0; k <= rec.maxOrder(); k++) {
            pages += b.last(rec.orderSeries(0, k), 1) << k;
        }
        assertThat(pages).isEqualTo(251);

        assertThat(stats.events()).isEqualTo(3);
        assertThat(stats.count(Op.ALLOC)).isEqualTo(2);
        assertThat(stats.count(Op.FREE)).isEqualTo(1);
        assertThat(stats.owners().top(5, String::compareTo))
                .containsExactly(new BoundedCounter.Entry<>("a", 2), new BoundedCounter.Entry<>("b", 1));
        assertThat(stats.allocsOfOrder(2)).isEqualTo(1);
        assertThat(stats.gfps().top(5, Long::compare)).hasSize(2);
    }

    @Test
    void failuresAreCountedByReason() {
        MemorySeries rec = new MemorySeries();
        TraceStats stats = new TraceStats();
        Replayer r = replayer(rec, stats, Machine.ofPages(256));
        long n = 0;
        // GFP_ATOMIC drains 256 pages to the floor of 12: 244 succeed, the next fails on the watermark
        for (int i = 0; i < 245; i++) {
            apply(r, rec, stats, new Event.Alloc(at(n++, "rx", null), 0, Gfp.GFP_ATOMIC, null,
                    Event.UNRECORDED, null));
        }
        assertThat(stats.failuresByReason()).containsExactly(java.util.Map.entry("watermark", 1L));
        MinMaxBuckets b = rec.buckets();
        long min = Long.MAX_VALUE;
        for (int i = 0; i < b.size(); i++) {
            min = Math.min(min, b.min(rec.freeSeries(0), i));
        }
        assertThat(min).isEqualTo(12);
    }

    @Test
    void ownersBeyondTheCapAreNotTrackedOneByOne() {
        MemorySeries rec = new MemorySeries(16);
        TraceStats stats = new TraceStats();
        Replayer r = replayer(rec, stats, Machine.ofPages(1024));
        for (int i = 0; i < MemorySeries.MAX_OWNERS + 5; i++) {
            apply(r, rec, stats, new Event.Alloc(at(i, "owner-" + i, null), 0, Gfp.GFP_KERNEL, null,
                    Event.UNRECORDED, null));
        }
        assertThat(rec.ownerNames()).hasSize(MemorySeries.MAX_OWNERS);
        assertThat(rec.untrackedOwners()).isEqualTo(5);
        assertThat(rec.buckets().size()).isLessThanOrEqualTo(16);
    }
}
