package labyrinth.cli.repl;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import labyrinth.replay.FindingKind;
import labyrinth.trace.CommonFields;
import labyrinth.trace.Context;
import labyrinth.trace.Event;
import labyrinth.trace.Op;

/**
 * A trace's events in a compact fixed-width binary form in a temporary file, memory-mapped once
 * written, so that a REPL can replay any stretch of a trace of millions of events without holding
 * {@link Event} objects on the heap. Strings (owners, sites, fn, labels...) are interned into one
 * table; pfns are already resolved.
 *
 * <p>Besides the event, each record holds what the first replay learnt about it: the extent it
 * acted on ({@code extHead}, {@code extOrder}: an alloc's resulting block, a freed or transferred
 * block, an accessed page) and the kinds of the findings it produced, so that breakpoints and page
 * histories are answered by scanning records, without replaying.
 *
 * <p>Record layout (72 bytes, little-endian): number, time, pfn (panic: cause; mark: lost), gfp, extHead
 * (longs at 0..39); line, column, owner, site, str (fn, to, message or label), extra (gfp text
 * and stack) (ints at 40..63); kinds mask (short at 64); extOrder (byte at 66); cpu (short at
 * 68); op | ctx << 3 | seqGiven << 6 | write << 7 (byte at 70); order (byte at 71).
 *
 * <p>Written once by {@link #append} then {@link #seal}ed; read-only after. Not thread-safe.
 */
final class EventStore implements Closeable {
    static final int RECORD = 72;
    private static final int SEGMENT_SHIFT = 24;
    private static final long SEGMENT_MASK = (1L << SEGMENT_SHIFT) - 1;
    private static final Op[] OPS = Op.values();
    private static final Context[] CTXS = Context.values();

    static {
        if (FindingKind.values().length > 16) {
            throw new AssertionError("finding kinds no longer fit the record's 16-bit mask");
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer out = ByteBuffer.allocateDirect(RECORD << 14).order(ByteOrder.LITTLE_ENDIAN);
    private final Map<String, Integer> stringIds = new HashMap<>();
    private final List<String> strings = new ArrayList<>();
    private final Map<Extra, Integer> extraIds = new HashMap<>();
    private final List<Extra> extras = new ArrayList<>();
    private long count;
    private MappedByteBuffer[] segments;

    /** The text an alloc kept unparsed and the call stack: rare, so interned together. */
    private record Extra(String gfpUnparsed, List<String> stack) {
    }

    EventStore() throws IOException {
        file = Files.createTempFile("labyrinth-repl-", ".events");
        file.toFile().deleteOnExit();
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Adds one event with what its replay learnt. */
    void append(Event e, long extHead, int extOrder, int kinds) {
        if (segments != null) {
            throw new IllegalStateException("the store is sealed");
        }
        if (out.remaining() < RECORD) {
            flush();
        }
        CommonFields c = e.common();
        long pfn = 0;
        long gfp = 0;
        int order = -1;
        int str = -1;
        boolean write = false;
        String gfpUnparsed = null;
        if (e instanceof Event.Alloc a) {
            pfn = a.pfn();
            gfp = a.gfp();
            order = a.order();
            str = intern(a.fn());
            gfpUnparsed = a.gfpUnparsed();
        } else if (e instanceof Event.Free f) {
            pfn = f.pfn();
            order = f.order();
        } else if (e instanceof Event.Access a) {
            pfn = a.pfn();
            write = a.write();
        } else if (e instanceof Event.Transfer t) {
            pfn = t.pfn();
            str = intern(t.to());
        } else if (e instanceof Event.Panic p) {
            pfn = p.cause();
            str = intern(p.message());
        } else if (e instanceof Event.Mark m) {
            pfn = m.lost();
            str = intern(m.label());
        }
        int extra = -1;
        if (gfpUnparsed != null || !c.stack().isEmpty()) {
            Extra x = new Extra(gfpUnparsed, c.stack());
            extra = extraIds.computeIfAbsent(x, k -> {
                extras.add(k);
                return extras.size() - 1;
            });
        }
        out.putLong(c.number()).putLong(c.time()).putLong(pfn).putLong(gfp).putLong(extHead);
        out.putInt(clamp(c.line())).putInt(c.column()).putInt(intern(c.owner())).putInt(intern(c.site()))
                .putInt(str).putInt(extra);
        out.putShort((short) kinds).put((byte) extOrder).put((byte) 0);
        out.putShort((short) Math.max(-1, Math.min(c.cpu(), Short.MAX_VALUE)));
        out.put((byte) (e.op().ordinal() | c.ctx().ordinal() << 3 | (c.seqGiven() ? 1 << 6 : 0) | (write ? 1 << 7 : 0)));
        out.put((byte) order);
        count++;
    }

    private static int clamp(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    private int intern(String s) {
        if (s == null) {
            return -1;
        }
        Integer id = stringIds.get(s);
        if (id == null) {
            id = strings.size();
            stringIds.put(s, id);
            strings.add(s);
        }
        return id;
    }

    private void flush() {
        out.flip();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the REPL's event store " + file, e);
        }
        out.clear();
    }

    /** Ends writing and maps the records for reading. */
    void seal() throws IOException {
        flush();
        long segs = (count + SEGMENT_MASK) >>> SEGMENT_SHIFT;
        segments = new MappedByteBuffer[(int) segs];
        for (int s = 0; s < segs; s++) {
            long first = (long) s << SEGMENT_SHIFT;
            long n = Math.min(count - first, 1L << SEGMENT_SHIFT);
            segments[s] = channel.map(FileChannel.MapMode.READ_ONLY, first * RECORD, n * RECORD);
            segments[s].order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    long size() {
        return count;
    }

    private ByteBuffer seg(long i) {
        return segments[(int) (i >>> SEGMENT_SHIFT)];
    }

    private static int at(long i, int offset) {
        return (int) (i & SEGMENT_MASK) * RECORD + offset;
    }

    long number(long i) {
        return seg(i).getLong(at(i, 0));
    }

    long pfn(long i) {
        return seg(i).getLong(at(i, 16));
    }

    long extHead(long i) {
        return seg(i).getLong(at(i, 32));
    }

    int extOrder(long i) {
        return seg(i).get(at(i, 66));
    }

    int line(long i) {
        return seg(i).getInt(at(i, 40));
    }

    int owner(long i) {
        return seg(i).getInt(at(i, 48));
    }

    /** fn, transfer target, panic message or mark label. */
    int str(long i) {
        return seg(i).getInt(at(i, 56));
    }

    int kinds(long i) {
        return seg(i).getShort(at(i, 64)) & 0xffff;
    }

    Op op(long i) {
        return OPS[seg(i).get(at(i, 70)) & 7];
    }

    /** The interned id of {@code s}, or -1 when no event carries it. */
    int stringId(String s) {
        Integer id = s == null ? null : stringIds.get(s);
        return id == null ? -1 : id;
    }

    String string(int id) {
        return id < 0 ? null : strings.get(id);
    }

    /** Decodes event {@code i} (0-based position). */
    Event event(long i) {
        ByteBuffer b = seg(i);
        int o = at(i, 0);
        long number = b.getLong(o);
        long time = b.getLong(o + 8);
        long pfn = b.getLong(o + 16);
        long gfp = b.getLong(o + 24);
        int line = b.getInt(o + 40);
        int column = b.getInt(o + 44);
        String owner = string(b.getInt(o + 48));
        String site = string(b.getInt(o + 52));
        String str = string(b.getInt(o + 56));
        int extra = b.getInt(o + 60);
        int cpu = b.getShort(o + 68);
        int packed = b.get(o + 70) & 0xff;
        int order = b.get(o + 71);
        Extra x = extra < 0 ? null : extras.get(extra);
        CommonFields c = new CommonFields(number, (packed & 1 << 6) != 0, line, column, time, cpu, CTXS[(packed >>> 3) & 7],
                owner, site, x == null ? null : x.stack());
        return switch (OPS[packed & 7]) {
            case ALLOC -> new Event.Alloc(c, order, gfp, str, pfn, x == null ? null : x.gfpUnparsed());
            case FREE -> new Event.Free(c, pfn, order);
            case ACCESS -> new Event.Access(c, pfn, (packed & 1 << 7) != 0);
            case TRANSFER -> new Event.Transfer(c, pfn, str);
            case PANIC -> new Event.Panic(c, str, pfn);
            case MARK -> new Event.Mark(c, str, pfn);
        };
    }

    @Override
    public void close() throws IOException {
        if (segments != null) {
            Arrays.fill(segments, null);
        }
        channel.close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // still mapped on some platforms; deleteOnExit takes it
        }
    }
}
