package labyrinth.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the buddy invariants of ALLOCATOR-MODEL.md on an {@link Allocator}: per zone free +
 * allocated = pages (allocated being pages - free, so free must lie in {@code [0, pages]}); the
 * free count equals the blocks in the bitmaps; the bitmaps' summary levels match their bits; every
 * free block lies in its zone; no two free blocks overlap; no free block has a free buddy of the
 * same order below {@code maxOrder}. Cost is linear in the bitmap size, so tests call it after
 * every step and the REPL on demand.
 *
 * <p>Stateless; reads the allocator, which is not thread-safe.
 */
public final class Invariants {
    /** A free block: {@code 2^order} pages from {@code pfn}. */
    public record Block(long pfn, int order) {
        @Override
        public String toString() {
            return "order-" + order + "@" + pfn;
        }
    }

    private Invariants() {
    }

    /** @throws IllegalStateException naming the zone, block and rule when an invariant is broken */
    public static void check(Allocator a) {
        for (int z = 0; z < a.zoneCount(); z++) {
            checkZone(a.zone(z));
        }
    }

    private static void checkZone(BuddyZone zone) {
        String name = "zone " + zone.kind.label() + ": ";
        long sum = 0;
        int mask = 0;
        for (int k = 0; k <= zone.maxOrder; k++) {
            FreeBitmap bits = zone.bitmap(k);
            String broken = bits.inconsistency();
            if (broken != null) {
                fail(name + "order-" + k + " bitmap: " + broken);
            }
            long blocks = bits.cardinality();
            if (blocks != zone.count(k)) {
                fail(name + "order " + k + " counts " + zone.count(k) + " free blocks but its bitmap holds " + blocks);
            }
            if (blocks > 0) {
                mask |= 1 << k;
            }
            sum += blocks << k;
            for (long i = bits.next(0); i >= 0; i = bits.next(i + 1)) {
                checkBlock(zone, name, zone.pfnOf(i, k), k);
            }
        }
        if (mask != zone.nonEmptyMask()) {
            fail(name + "non-empty order mask is " + Integer.toBinaryString(zone.nonEmptyMask())
                    + " but the bitmaps give " + Integer.toBinaryString(mask));
        }
        if (sum != zone.free()) {
            fail(name + "free count is " + zone.free() + " but the free blocks hold " + sum + " pages");
        }
        if (zone.free() < 0 || zone.free() > zone.pages()) {
            fail(name + "free " + zone.free() + " + allocated " + (zone.pages() - zone.free())
                    + " must be " + zone.pages() + " with both >= 0");
        }
    }

    private static void checkBlock(BuddyZone zone, String name, long pfn, int k) {
        if (!zone.fits(pfn, k)) {
            fail(name + "free block order-" + k + "@" + pfn + " sticks out of the zone [" + zone.start + ", "
                    + zone.end + ")");
        }
        // aligned blocks either nest or are disjoint, so an overlap shows as a larger free block
        // containing this one
        for (int up = k + 1; up <= zone.maxOrder; up++) {
            long base = pfn & -(1L << up);
            if (zone.fits(base, up) && zone.isFreeBlock(base, up)) {
                fail(name + "free block order-" + k + "@" + pfn + " overlaps free block order-" + up + "@" + base);
            }
        }
        long buddy = pfn ^ (1L << k);
        if (k < zone.maxOrder && zone.fits(buddy, k) && zone.isFreeBlock(buddy, k)) {
            fail(name + "free block order-" + k + "@" + pfn + " has a free buddy order-" + k + "@" + buddy
                    + " that should have been merged");
        }
    }

    private static void fail(String message) {
        throw new IllegalStateException(message);
    }

    /** The free blocks of every zone, by ascending pfn. */
    public static List<Block> freeBlocks(Allocator a) {
        List<Block> blocks = new ArrayList<>();
        for (int z = 0; z < a.zoneCount(); z++) {
            BuddyZone zone = a.zone(z);
            List<Block> zoneBlocks = new ArrayList<>();
            for (int k = 0; k <= zone.maxOrder; k++) {
                FreeBitmap bits = zone.bitmap(k);
                for (long i = bits.next(0); i >= 0; i = bits.next(i + 1)) {
                    zoneBlocks.add(new Block(zone.pfnOf(i, k), k));
                }
            }
            zoneBlocks.sort((x, y) -> Long.compare(x.pfn(), y.pfn()));
            blocks.addAll(zoneBlocks);
        }
        return blocks;
    }

    /**
     * The blocks every zone starts with, worked out here from the rule of ALLOCATOR-MODEL.md (at
     * each pfn the largest aligned order {@code <= maxOrder} that ends inside the zone) rather than
     * read from an allocator, so comparing the two tests the allocator's carving.
     */
    public static List<Block> initialCarving(Machine machine) {
        List<Block> blocks = new ArrayList<>();
        for (ZoneSpec zone : machine.zones()) {
            long pfn = zone.startPfn();
            while (pfn < zone.endPfn()) {
                int k = 0;
                while (k < machine.maxOrder() && pfn % (1L << (k + 1)) == 0 && pfn + (1L << (k + 1)) <= zone.endPfn()) {
                    k++;
                }
                blocks.add(new Block(pfn, k));
                pfn += 1L << k;
            }
        }
        return blocks;
    }

    /** @throws IllegalStateException when the free blocks differ from the machine's initial carving */
    public static void checkInitialCarving(Allocator a) {
        List<Block> now = freeBlocks(a);
        List<Block> initial = initialCarving(a.machine());
        if (!now.equals(initial)) {
            int i = 0;
            while (i < now.size() && i < initial.size() && now.get(i).equals(initial.get(i))) {
                i++;
            }
            fail("free blocks differ from the initial carving at block " + i + ": found "
                    + (i < now.size() ? now.get(i) : "nothing") + ", carving has "
                    + (i < initial.size() ? initial.get(i) : "nothing") + " (" + now.size() + " vs "
                    + initial.size() + " blocks)");
        }
    }
}
