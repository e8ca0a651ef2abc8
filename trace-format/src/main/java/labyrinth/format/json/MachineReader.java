package labyrinth.format.json;

import static labyrinth.format.json.JsonTokens.duplicate;
import static labyrinth.format.json.JsonTokens.quoteKey;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import labyrinth.core.KernelVersion;
import labyrinth.core.Machine;
import labyrinth.core.Watermarks;
import labyrinth.core.ZoneKind;
import labyrinth.core.ZoneSpec;
import labyrinth.format.Quoting;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceRules;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the header's {@code machine} object (TRACE-FORMAT.md): page size, max order, pages or
 * zones (with their watermarks and lowmem reserves) and the recording kernel's settings. Each value
 * is checked where it stands; how zones follow each other is {@link TraceRules#zone}'s to say.
 * Not thread-safe: used once per header.
 */
final class MachineReader {
    private final JsonTokens t;
    private final JsonParser p;

    MachineReader(JsonTokens tokens) {
        this.t = tokens;
        this.p = tokens.p;
    }

    /** The machine whose object starts at the current token. */
    Machine machine() throws TraceException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw t.fail("\"machine\" must be an object, found " + t.found());
        }
        long line = t.line();
        int col = t.column();
        int pageSize = Machine.DEFAULT_PAGE_SIZE;
        int maxOrder = Machine.DEFAULT_MAX_ORDER;
        long directMapBase = Machine.DEFAULT_DIRECT_MAP_BASE;
        long minFreeKbytes = Machine.COMPUTED;
        int scaleFactor = Machine.DEFAULT_WATERMARK_SCALE_FACTOR;
        boolean thp = true;
        KernelVersion kernel = KernelVersion.DEFAULT;
        long pages = -1;
        List<ZoneSpec> zones = null;
        int seenKeys = 0;
        for (JsonToken k = t.token(); k != JsonToken.END_OBJECT; k = t.token()) {
            String key = p.currentName();
            t.token();
            int bit = switch (key) {
                case "pageSize" -> 1;
                case "maxOrder" -> 2;
                case "pages" -> 4;
                case "zones" -> 8;
                case "directMapBase" -> 16;
                case "minFreeKbytes" -> 32;
                case "watermarkScaleFactor" -> 64;
                case "transparentHugepages" -> 128;
                case "kernel" -> 256;
                default -> 0;
            };
            if ((seenKeys & bit) != 0) {
                throw t.fail(duplicate(key));
            }
            seenKeys |= bit;
            switch (key) {
                case "pageSize" -> {
                    long v = p.currentToken() == JsonToken.VALUE_NUMBER_INT && t.isLong() ? p.getLongValue() : -1;
                    if (v < 512 || v > 65536 || Long.bitCount(v) != 1) {
                        throw t.fail("\"pageSize\" must be a power of two from 512 to 65536, found " + t.found());
                    }
                    pageSize = (int) v;
                }
                case "maxOrder" -> maxOrder = (int) t.integer(key, 0, Machine.MAX_MAX_ORDER);
                case "pages" -> {
                    if (zones != null) {
                        throw t.fail(pagesAndZones());
                    }
                    pages = t.integer(key, 1, TraceRules.MAX_PAGES);
                }
                case "zones" -> {
                    if (pages >= 0) {
                        throw t.fail(pagesAndZones());
                    }
                    zones = zones();
                }
                case "directMapBase" -> directMapBase = t.hex(key);
                // vm.min_free_kbytes is an int sysctl
                case "minFreeKbytes" -> minFreeKbytes = t.integer(key, 0, Integer.MAX_VALUE);
                case "watermarkScaleFactor" -> scaleFactor = (int) t.integer(key, 1, Machine.MAX_WATERMARK_SCALE_FACTOR);
                case "transparentHugepages" -> thp = bool(key);
                case "kernel" -> kernel = kernelVersion(key);
                default -> t.skip();
            }
        }
        if (pages < 0 && zones == null) {
            throw t.failAt(line, col, "\"machine\" must have \"pages\" or \"zones\", found neither");
        }
        if (zones == null) {
            zones = List.of(new ZoneSpec(ZoneKind.NORMAL, 0, pages));
        }
        try {
            return new Machine(pageSize, maxOrder, zones, directMapBase, minFreeKbytes, scaleFactor, thp, kernel);
        } catch (IllegalArgumentException e) {
            // every rule Machine checks was checked above with a location; this is a safety net
            throw t.failAt(line, col, "\"machine\" is invalid: " + e.getMessage());
        }
    }

    private static String pagesAndZones() {
        return "\"machine\" must have only one of \"pages\" and \"zones\", found both";
    }

    private List<ZoneSpec> zones() throws TraceException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw t.fail("\"zones\" must be an array of zones, found " + t.found());
        }
        long arrayLine = t.line();
        int arrayCol = t.column();
        List<ZoneSpec> zones = new ArrayList<>();
        for (JsonToken k = t.token(); k != JsonToken.END_ARRAY; k = t.token()) {
            zones.add(zone(zones));
        }
        if (zones.isEmpty()) {
            throw t.failAt(arrayLine, arrayCol, "\"zones\" must have at least one zone, found none");
        }
        return zones;
    }

    /** The zone whose object starts at the current token, after {@code before}. */
    private ZoneSpec zone(List<ZoneSpec> before) throws TraceException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw t.fail("a zone must be an object, found " + t.found());
        }
        long zoneLine = t.line();
        int zoneCol = t.column();
        ZoneKind kind = null;
        long nameLine = 0;
        int nameCol = 0;
        long start = -1;
        long startLine = 0;
        int startCol = 0;
        long pages = -1;
        Watermarks wm = null;
        boolean wmSeen = false;
        Map<ZoneKind, Long> reserve = null;
        List<long[]> reserveKeyLocs = new ArrayList<>();
        List<ZoneKind> reserveKinds = new ArrayList<>();
        for (JsonToken k = t.token(); k != JsonToken.END_OBJECT; k = t.token()) {
            String key = p.currentName();
            t.token();
            switch (key) {
                case "name" -> {
                    if (kind != null) {
                        throw t.fail(duplicate(key));
                    }
                    kind = p.currentToken() == JsonToken.VALUE_STRING ? ZoneKind.byLabel(p.getString()) : null;
                    if (kind == null) {
                        throw t.fail("\"name\" must be one of DMA, DMA32, Normal, found " + t.found());
                    }
                    nameLine = t.line();
                    nameCol = t.column();
                }
                case "startPfn" -> {
                    if (start >= 0) {
                        throw t.fail(duplicate(key));
                    }
                    startLine = t.line();
                    startCol = t.column();
                    start = t.integer(key, 0, TraceRules.MAX_PAGES);
                }
                case "pages" -> {
                    if (pages >= 0) {
                        throw t.fail(duplicate(key));
                    }
                    pages = t.integer(key, 1, TraceRules.MAX_PAGES);
                }
                case "watermarks" -> {
                    if (wmSeen) {
                        throw t.fail(duplicate(key));
                    }
                    wmSeen = true;
                    wm = watermarks();
                }
                case "lowmemReserve" -> {
                    if (reserve != null) {
                        throw t.fail(duplicate(key));
                    }
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw t.fail("\"lowmemReserve\" must be an object keyed by zone names, found " + t.found());
                    }
                    reserve = new EnumMap<>(ZoneKind.class);
                    for (JsonToken r = t.token(); r != JsonToken.END_OBJECT; r = t.token()) {
                        String zoneName = p.currentName();
                        ZoneKind higher = ZoneKind.byLabel(zoneName);
                        if (higher == null) {
                            throw t.fail("\"lowmemReserve\" keys must be DMA32 or Normal, found "
                                    + Quoting.quote(zoneName, 40));
                        }
                        if (reserve.containsKey(higher)) {
                            throw t.fail(duplicate(zoneName));
                        }
                        reserveKeyLocs.add(new long[] {t.line(), t.column()});
                        reserveKinds.add(higher);
                        t.token();
                        reserve.put(higher, t.integer(zoneName, 0, TraceRules.MAX_PAGES));
                    }
                }
                default -> t.skip();
            }
        }
        if (kind == null) {
            throw t.failAt(zoneLine, zoneCol, "a zone must have \"name\", found none");
        }
        if (start < 0) {
            throw t.failAt(zoneLine, zoneCol, "a zone must have \"startPfn\", found none");
        }
        if (pages < 0) {
            throw t.failAt(zoneLine, zoneCol, "a zone must have \"pages\", found none");
        }
        for (int i = 0; i < reserveKinds.size(); i++) {
            if (reserveKinds.get(i).ordinal() <= kind.ordinal()) {
                long[] loc = reserveKeyLocs.get(i);
                throw t.failAt(loc[0], (int) loc[1], "\"lowmemReserve\" keys must name a zone above "
                        + kind.label() + ", found \"" + reserveKinds.get(i).label() + "\"");
            }
        }
        long nl = nameLine;
        int nc = nameCol;
        long sl = startLine;
        int sc = startCol;
        TraceRules.zone(before, kind, start, pages, d -> t.failAt(nl, nc, d), d -> t.failAt(sl, sc, d));
        return new ZoneSpec(kind, start, pages, wm, reserve);
    }

    private Watermarks watermarks() throws TraceException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw t.fail("\"watermarks\" must be an object with \"min\", \"low\" and \"high\", found " + t.found());
        }
        long line = t.line();
        int col = t.column();
        long min = -1;
        long low = -1;
        long high = -1;
        for (JsonToken k = t.token(); k != JsonToken.END_OBJECT; k = t.token()) {
            String key = p.currentName();
            t.token();
            switch (key) {
                case "min" -> {
                    if (min >= 0) {
                        throw t.fail(duplicate(key));
                    }
                    min = t.integer(key, 0, TraceRules.MAX_PAGES);
                    if (low >= 0 && min > low) {
                        throw t.fail("\"min\" must be at most \"low\" (" + low + "), found " + min);
                    }
                }
                case "low" -> {
                    if (low >= 0) {
                        throw t.fail(duplicate(key));
                    }
                    low = t.integer(key, 0, TraceRules.MAX_PAGES);
                    if (min >= 0 && low < min) {
                        throw t.fail("\"low\" must be at least \"min\" (" + min + "), found " + low);
                    }
                    if (high >= 0 && low > high) {
                        throw t.fail("\"low\" must be at most \"high\" (" + high + "), found " + low);
                    }
                }
                case "high" -> {
                    if (high >= 0) {
                        throw t.fail(duplicate(key));
                    }
                    high = t.integer(key, 0, TraceRules.MAX_PAGES);
                    if (low >= 0 && high < low) {
                        throw t.fail("\"high\" must be at least \"low\" (" + low + "), found " + high);
                    }
                    if (min >= 0 && high < min) {
                        throw t.fail("\"high\" must be at least \"min\" (" + min + "), found " + high);
                    }
                }
                default -> t.skip();
            }
        }
        String missing = min < 0 ? "min" : low < 0 ? "low" : high < 0 ? "high" : null;
        if (missing != null) {
            throw t.failAt(line, col, "\"watermarks\" must have \"min\", \"low\" and \"high\", found no \"" + missing + "\"");
        }
        return new Watermarks(min, low, high);
    }

    private boolean bool(String key) throws TraceException {
        JsonToken k = p.currentToken();
        if (k != JsonToken.VALUE_TRUE && k != JsonToken.VALUE_FALSE) {
            throw t.fail(quoteKey(key) + " must be true or false, found " + t.found());
        }
        return k == JsonToken.VALUE_TRUE;
    }

    private KernelVersion kernelVersion(String key) throws TraceException {
        String text = t.string(key);
        try {
            return KernelVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw t.fail(quoteKey(key) + " must be a Linux version starting with major.minor (\"6.6\", "
                    + "\"5.15.0-91-generic\"), found " + t.found());
        }
    }
}
