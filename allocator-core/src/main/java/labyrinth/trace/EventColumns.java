package labyrinth.trace;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of events as primitive columns, so that a fast reader and the replay engine pass events
 * without an object per event (issue 21): one array per field, indexed by the event's place in the
 * batch. Owner, site, an alloc's {@code fn} and a transfer's {@code to} are ids into a
 * {@link StringTable}, -1 for none.
 *
 * <p>What the columns do not carry (a panic, a mark, a stack, unparsed gfp flags) travels as the
 * {@link Event} itself in {@link #whole}; such an event still has its op and common columns.
 * {@link #event} builds the same {@code Event} a reader of objects would have produced, for the
 * events a report, a finding or the REPL shows.
 *
 * <p>Filled by one thread, then handed over whole (read-ahead): not thread-safe.
 */
public final class EventColumns {
    /** Events a batch holds. */
    public static final int CAPACITY = 1024;

    private Op[] op = new Op[CAPACITY];
    private Context[] ctx = new Context[CAPACITY];
    private boolean[] seqGiven = new boolean[CAPACITY];
    private long[] number = new long[CAPACITY];
    private long[] line = new long[CAPACITY];
    private int[] column = new int[CAPACITY];
    private long[] time = new long[CAPACITY];
    private int[] cpu = new int[CAPACITY];
    private int[] owner = new int[CAPACITY];
    private int[] site = new int[CAPACITY];
    /** Alloc and free: the order ({@link Event#ABSENT} for a free without one). */
    private int[] order = new int[CAPACITY];
    private long[] gfp = new long[CAPACITY];
    /** Alloc, free, access, transfer: the pfn, with {@link Event}'s sentinels. */
    private long[] pfn = new long[CAPACITY];
    /** Access: whether it writes. */
    private boolean[] write = new boolean[CAPACITY];
    /** Alloc: {@code fn}; transfer: {@code to}; string ids. */
    private int[] text = new int[CAPACITY];
    private Event[] whole = new Event[CAPACITY];
    /** The object an event was adapted from ({@link #add}), handed back by {@link #event} instead of a rebuilt one. */
    private Event[] origin = new Event[CAPACITY];
    private StringTable table;
    private String[] strings;
    private int size;

    /** Empties the batch; its strings come from {@code t}. */
    public void clear(StringTable t) {
        Arrays.fill(whole, 0, size, null);
        Arrays.fill(origin, 0, size, null);
        size = 0;
        table = t;
        strings = t.snapshot();
    }

    /**
     * Takes a fresh view of the string table after strings were added to it. A batch filled on one
     * thread and read on another must be sealed before it is handed over.
     */
    public void seal() {
        strings = table.snapshot();
    }

    public int size() {
        return size;
    }

    public boolean full() {
        return size == CAPACITY;
    }

    /**
     * Starts an event at the end of the batch with its common fields; the op's own fields follow
     * by {@link #alloc}, {@link #free}, {@link #access}, {@link #transfer} or {@link #whole}.
     *
     * @return its index
     */
    public int add(Op o, long num, boolean seq, long ln, int col, long t, int c, Context x, int ownerId, int siteId) {
        int i = size++;
        op[i] = o;
        number[i] = num;
        seqGiven[i] = seq;
        line[i] = ln;
        column[i] = col;
        time[i] = t;
        cpu[i] = c;
        ctx[i] = x;
        owner[i] = ownerId;
        site[i] = siteId;
        return i;
    }

    public void alloc(int i, int ord, long mask, long block, int fnId) {
        order[i] = ord;
        gfp[i] = mask;
        pfn[i] = block;
        text[i] = fnId;
    }

    public void free(int i, long block, int ord) {
        pfn[i] = block;
        order[i] = ord;
    }

    public void access(int i, long page, boolean writes) {
        pfn[i] = page;
        write[i] = writes;
    }

    public void transfer(int i, long page, int toId) {
        pfn[i] = page;
        text[i] = toId;
    }

    /** Event {@code i} is carried whole; its op-specific columns are not read. */
    public void whole(int i, Event e) {
        whole[i] = e;
    }

    /**
     * Exchanges what this batch and {@code other} hold, without copying: a read-ahead hands a
     * decoded batch to its consumer this way and gets the consumer's spent arrays back to fill.
     */
    public void swap(EventColumns other) {
        Op[] o = op;
        op = other.op;
        other.op = o;
        Context[] x = ctx;
        ctx = other.ctx;
        other.ctx = x;
        boolean[] q = seqGiven;
        seqGiven = other.seqGiven;
        other.seqGiven = q;
        q = write;
        write = other.write;
        other.write = q;
        long[] l = number;
        number = other.number;
        other.number = l;
        l = line;
        line = other.line;
        other.line = l;
        l = time;
        time = other.time;
        other.time = l;
        l = gfp;
        gfp = other.gfp;
        other.gfp = l;
        l = pfn;
        pfn = other.pfn;
        other.pfn = l;
        int[] n = column;
        column = other.column;
        other.column = n;
        n = cpu;
        cpu = other.cpu;
        other.cpu = n;
        n = owner;
        owner = other.owner;
        other.owner = n;
        n = site;
        site = other.site;
        other.site = n;
        n = order;
        order = other.order;
        other.order = n;
        n = text;
        text = other.text;
        other.text = n;
        Event[] w = whole;
        whole = other.whole;
        other.whole = w;
        w = origin;
        origin = other.origin;
        other.origin = w;
        int size0 = size;
        size = other.size;
        other.size = size0;
        StringTable t = table;
        table = other.table;
        other.table = t;
        String[] ss = strings;
        strings = other.strings;
        other.strings = ss;
    }

    /** Replaces what this batch holds with events {@code start} to the end of {@code from}, and its strings. */
    public void copy(EventColumns from, int start) {
        Arrays.fill(whole, 0, size, null);
        Arrays.fill(origin, 0, size, null);
        int n = from.size - start;
        System.arraycopy(from.op, start, op, 0, n);
        System.arraycopy(from.ctx, start, ctx, 0, n);
        System.arraycopy(from.seqGiven, start, seqGiven, 0, n);
        System.arraycopy(from.number, start, number, 0, n);
        System.arraycopy(from.line, start, line, 0, n);
        System.arraycopy(from.column, start, column, 0, n);
        System.arraycopy(from.time, start, time, 0, n);
        System.arraycopy(from.cpu, start, cpu, 0, n);
        System.arraycopy(from.owner, start, owner, 0, n);
        System.arraycopy(from.site, start, site, 0, n);
        System.arraycopy(from.order, start, order, 0, n);
        System.arraycopy(from.gfp, start, gfp, 0, n);
        System.arraycopy(from.pfn, start, pfn, 0, n);
        System.arraycopy(from.write, start, write, 0, n);
        System.arraycopy(from.text, start, text, 0, n);
        System.arraycopy(from.whole, start, whole, 0, n);
        System.arraycopy(from.origin, start, origin, 0, n);
        size = n;
        table = from.table;
        strings = from.strings;
    }

    /** Adds {@code e}, interning its strings in the batch's table: the adapter from sources of objects. */
    public void add(Event e) {
        CommonFields c = e.common();
        int i = add(e.op(), c.number(), c.seqGiven(), c.line(), c.column(), c.time(), c.cpu(), c.ctx(),
                table.intern(c.owner()), table.intern(c.site()));
        origin[i] = e;
        if (!c.stack().isEmpty()) {
            whole(i, e);
        } else if (e instanceof Event.Alloc a && a.gfpUnparsed() == null) {
            alloc(i, a.order(), a.gfp(), a.pfn(), table.intern(a.fn()));
        } else if (e instanceof Event.Free f) {
            free(i, f.pfn(), f.order());
        } else if (e instanceof Event.Access a) {
            access(i, a.pfn(), a.write());
        } else if (e instanceof Event.Transfer t) {
            transfer(i, t.pfn(), table.intern(t.to()));
        } else {
            whole(i, e);
        }
    }

    // ---- reading ----

    public Op op(int i) {
        return op[i];
    }

    public Context ctx(int i) {
        return ctx[i];
    }

    public long number(int i) {
        return number[i];
    }

    public boolean seqGiven(int i) {
        return seqGiven[i];
    }

    public long time(int i) {
        return time[i];
    }

    public int cpu(int i) {
        return cpu[i];
    }

    public long line(int i) {
        return line[i];
    }

    public int column(int i) {
        return column[i];
    }

    public int owner(int i) {
        return owner[i];
    }

    public int site(int i) {
        return site[i];
    }

    public int order(int i) {
        return order[i];
    }

    public long gfp(int i) {
        return gfp[i];
    }

    public long pfn(int i) {
        return pfn[i];
    }

    public boolean write(int i) {
        return write[i];
    }

    /** An alloc's {@code fn} or a transfer's {@code to}, as a string id. */
    public int text(int i) {
        return text[i];
    }

    /** Event {@code i} when the columns do not carry it (or it came as an object), else null. */
    public Event carried(int i) {
        return whole[i];
    }

    /** The string of id {@code id}, null for -1. */
    public String string(int id) {
        if (id < 0) {
            return null;
        }
        if (id >= strings.length) {
            seal(); // the table grew since: only the thread that filled the batch gets here
        }
        return strings[id];
    }

    /** The table the string ids point into; its identity tells one source's ids from another's. */
    public StringTable table() {
        return table;
    }

    /** Event {@code i} as an object, equal to what a reader of objects would have produced. */
    public Event event(int i) {
        if (whole[i] != null) {
            return whole[i];
        }
        if (origin[i] != null) {
            return origin[i];
        }
        CommonFields c = new CommonFields(number[i], seqGiven[i], line[i], column[i], time[i], cpu[i], ctx[i],
                string(owner[i]), string(site[i]), List.of());
        return switch (op[i]) {
            case ALLOC -> new Event.Alloc(c, order[i], gfp[i], string(text[i]), pfn[i], null);
            case FREE -> new Event.Free(c, pfn[i], order[i]);
            case ACCESS -> new Event.Access(c, pfn[i], write[i]);
            case TRANSFER -> new Event.Transfer(c, pfn[i], string(text[i]));
            case PANIC, MARK -> throw new IllegalStateException("a " + op[i].label() + " travels whole");
        };
    }
}
