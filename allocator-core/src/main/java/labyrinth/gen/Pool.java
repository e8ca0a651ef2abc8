package labyrinth.gen;

import java.util.Arrays;

/**
 * The generator's mirror of the replay's ownership ledger: which blocks are live, who holds them,
 * and which pages some free has touched. Generators pick the targets of their events here, so a
 * deliberate bug (a double free, a use after free) is chosen from pages in exactly the state the
 * replay will see.
 *
 * <p>Notation as in the replay's ledger: a live block is found at its head pfn, where
 * {@code order[head] >= 0}; any page {@code p} of it by trying the heads {@code p & -(2^o)} for
 * o = 0..maxOrder. Live heads are also kept in a dense array ({@code heads}, with each head's
 * index in {@code slot}) so a random live block is one draw away.
 *
 * <p>Invariants: live blocks never overlap; {@code heads[0..count)} are exactly the live heads;
 * {@code livePages} is the sum of their sizes; {@code leaky} counts live blocks flagged LEAKY.
 *
 * <p>Not thread-safe: one per generation.
 */
final class Pool {
    static final int EXCLUSIVE = 1;
    /** A block the scenario means to leak: generators do not free it on purpose. */
    static final int LEAKY = 2;

    private final int maxOrder;
    private final byte[] order;
    private final byte[] flags;
    private final int[] owner;
    private final int[] slot;
    private final boolean[] freed;
    private int[] heads = new int[64];
    private int count;
    private int leaky;
    private long livePages;

    Pool(long endPfn, int maxOrder) {
        int n = Math.toIntExact(endPfn);
        this.maxOrder = maxOrder;
        order = new byte[n];
        Arrays.fill(order, (byte) -1);
        flags = new byte[n];
        owner = new int[n];
        slot = new int[n];
        freed = new boolean[n];
    }

    int endPfn() {
        return order.length;
    }

    /** @return the head of the live block holding {@code pfn}, or -1 */
    long headOf(long pfn) {
        if (pfn < 0 || pfn >= order.length) {
            return -1;
        }
        for (int o = 0; o <= maxOrder; o++) {
            long head = pfn & -(1L << o);
            if (order[(int) head] == o) {
                return head;
            }
        }
        return -1;
    }

    boolean isHead(long pfn) {
        return pfn >= 0 && pfn < order.length && order[(int) pfn] >= 0;
    }

    /** Whether a free inside the trace has touched {@code pfn} (the ledger's {@code freedBy >= 0}). */
    boolean everFreed(long pfn) {
        return freed[(int) pfn];
    }

    int order(long head) {
        return order[(int) head];
    }

    int owner(long head) {
        return owner[(int) head];
    }

    boolean exclusive(long head) {
        return (flags[(int) head] & EXCLUSIVE) != 0;
    }

    boolean leaky(long head) {
        return (flags[(int) head] & LEAKY) != 0;
    }

    /** Live blocks. */
    int count() {
        return count;
    }

    /** Live blocks not flagged LEAKY: the ones a scenario still has to free. */
    int freeable() {
        return count - leaky;
    }

    long livePages() {
        return livePages;
    }

    /** The {@code i}-th live head, {@code 0 <= i < count()}, in no meaningful order. */
    long head(int i) {
        return heads[i];
    }

    void add(long head, int ord, int ownerId, int flagBits) {
        int h = (int) head;
        order[h] = (byte) ord;
        flags[h] = (byte) flagBits;
        owner[h] = ownerId;
        if (count == heads.length) {
            heads = Arrays.copyOf(heads, count * 2);
        }
        slot[h] = count;
        heads[count++] = h;
        livePages += 1L << ord;
        if ((flagBits & LEAKY) != 0) {
            leaky++;
        }
    }

    void release(long head) {
        int h = (int) head;
        int ord = order[h];
        int s = slot[h];
        int last = heads[--count];
        heads[s] = last;
        slot[last] = s;
        Arrays.fill(freed, h, h + (1 << ord), true);
        livePages -= 1L << ord;
        if ((flags[h] & LEAKY) != 0) {
            leaky--;
        }
        order[h] = -1;
        flags[h] = 0;
    }

    void setOwner(long head, int ownerId) {
        owner[(int) head] = ownerId;
    }
}
