package labyrinth.whatif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labyrinth.replay.BlockView;
import labyrinth.replay.Finding;
import labyrinth.replay.Holding;
import labyrinth.replay.KeptFindings;
import labyrinth.replay.FindingKind;
import labyrinth.replay.Mode;
import labyrinth.replay.PanicVerdict;
import labyrinth.replay.ReplayResult;
import labyrinth.replay.Replayer;
import labyrinth.replay.Severity;
import labyrinth.trace.Event;
import labyrinth.trace.Header;
import labyrinth.trace.TraceException;
import labyrinth.trace.TraceSource;

/**
 * The counterfactual replay (CLI.md, {@code whatif}): the trace again, on the changed machine, with
 * the model deciding every allocation and no recorded result to follow.
 *
 * <p>Algorithm: the n-th allocation of the trace is the n-th of the {@link Baseline}; its block there
 * ({@code ref}) and the what-if's ({@code w}) are tied in a {@link PfnMap}, so a later free, access or
 * transfer naming a recorded pfn reaches the what-if block. Allocations of a fixed leak group are left
 * out with every event about their blocks; events about a block the what-if failed to get are
 * skipped; both are counted. A block that only the what-if got cannot be named by any later event: it
 * is held to the end, set aside before the leak report, and reported apart. The recorded panic keeps
 * the baseline's trigger: reproduced when that event still fails, else avoided (the replay stops
 * there, as the recording did, without a leak report).
 *
 * <p>Stateless; each run has its own replayer. Not thread-safe within a run.
 */
public final class WhatIf {
    private WhatIf() {
    }

    /**
     * Replays {@code source} (the trace {@code base} was built from, read again) with {@code changes}.
     *
     * @param maxFindings as for a replay; {@link labyrinth.replay.Replays#SUMMARY_ONLY} for a search's probes
     * @throws IllegalArgumentException as {@link labyrinth.core.MachineTooLargeException} when the
     *     changed machine is larger than {@code maxPages}
     */
    public static WhatIfResult run(Baseline base, TraceSource source, Changes changes, Severity failOn,
                                   long maxPages, int maxFindings, boolean allowTruncated) throws TraceException {
        Header recorded = source.header();
        Header header = new Header(recorded.version(), recorded.scope(), changes.apply(recorded.machine()),
                recorded.meta());
        PanicVerdict basePanic = base.result().panic();
        long trigger = basePanic == null ? -1 : basePanic.trigger();
        long primary = base.primary() == null ? -1 : base.primary().event();
        KeptFindings kept = new KeptFindings(maxFindings);
        long[] serious = {0};
        boolean[] fails = new boolean[2]; // [0]: the trigger, [1]: the primary failure
        Replayer r = new Replayer(header, Mode.SIMULATE, maxPages, f -> {
            kept.onFinding(f);
            boolean failure = f.kind() == FindingKind.ALLOC_FAILURE;
            if (failure && f.severity().atLeast(Severity.WARNING)) {
                serious[0]++;
            }
            boolean trouble = failure || f.severity() == Severity.ERROR && f.kind() != FindingKind.LEAK
                    && f.kind() != FindingKind.PANIC;
            if (trouble && f.event() == trigger) {
                fails[0] = true;
            }
            if (failure && f.severity().atLeast(Severity.WARNING) && f.event() == primary) {
                fails[1] = true;
            }
        });
        if (!changes.caps().isEmpty()) {
            r.gate(new CapGate(changes.caps()));
        }
        boolean[] fixed = new boolean[base.leakGroups().size()];
        for (int g = 0; g < fixed.length; g++) {
            Holding h = base.leakGroups().get(g);
            fixed[g] = changes.fixes(h.owner(), h.site());
        }
        PfnMap map = new PfnMap(recorded.machine().endPfn());
        List<Long> onlyHere = new ArrayList<>();
        long skipped = 0;
        long dropped = 0;
        boolean avoided = false;
        int allocIndex = 0;
        Event e;
        while ((e = source.next()) != null) {
            if (avoided || r.panic() != null) {
                continue; // the recorded run stopped at its panic
            }
            if (e instanceof Event.Alloc a) {
                int i = allocIndex++;
                long ref = base.head(i);
                int g = base.groupOf(i);
                if (g >= 0 && fixed[g]) {
                    dropped++;
                    r.passOver(e);
                    map.missing(ref, a.order(), PfnMap.DROPPED);
                    continue;
                }
                r.apply(a.recorded() ? new Event.Alloc(a.common(), a.order(), a.gfp(), a.fn(), Event.UNRECORDED,
                        a.gfpUnparsed()) : a);
                long w = r.lastAllocated();
                if (ref >= 0) {
                    if (w >= 0) {
                        map.placed(ref, a.order(), w);
                    } else {
                        map.missing(ref, a.order(), PfnMap.NEVER_GOT);
                    }
                } else if (w >= 0) {
                    onlyHere.add(w);
                }
            } else if (e instanceof Event.Free || e instanceof Event.Access || e instanceof Event.Transfer) {
                long pfn = pageOf(e);
                long w = translate(pfn, map, r);
                // a free that names no pfn goes as recorded; the replay judges it
                boolean named = pfn != Event.NULL_PFN || !(e instanceof Event.Free);
                if (w < 0 && named) {
                    dropped += w == PfnMap.DROPPED ? 1 : 0;
                    skipped += w == PfnMap.DROPPED ? 0 : 1;
                    r.passOver(e);
                    continue;
                }
                r.apply(w == pfn || !named ? e : onPage(e, w));
            } else if (e instanceof Event.Panic p && basePanic != null) {
                if (trigger >= 0 && fails[0]) {
                    r.apply(new Event.Panic(p.common(), p.message(), trigger));
                } else if (basePanic.reproduced()) {
                    avoided = true;
                    r.passOver(e);
                } else {
                    r.apply(p);
                }
            } else {
                r.apply(e);
            }
        }
        List<Holding> held = setAsideOnlyHere(r, onlyHere);
        boolean cut = source.truncation() != null;
        if (avoided) {
            r.finishWithoutLeaks();
        } else {
            r.finish(cut);
        }
        ReplayResult result = new ReplayResult(source.name(), header, Mode.SIMULATE, source.truncation(), kept.kept(),
                kept.dropped(), r.panic(), r.summary(), r.outcome(failOn, cut && !allowTruncated), source.warnings());
        return new WhatIfResult(result, avoided, skipped, dropped, held, serious[0], fails[1]);
    }

    /** The recorded page a free, access or transfer names. */
    private static long pageOf(Event e) {
        if (e instanceof Event.Free f) {
            return f.pfn();
        }
        return e instanceof Event.Access x ? x.pfn() : ((Event.Transfer) e).pfn();
    }

    /** The same free, access or transfer, on the what-if's page {@code pfn}. */
    private static Event onPage(Event e, long pfn) {
        if (e instanceof Event.Free f) {
            return new Event.Free(f.common(), pfn, f.order());
        }
        if (e instanceof Event.Access x) {
            return new Event.Access(x.common(), pfn, x.write());
        }
        Event.Transfer t = (Event.Transfer) e;
        return new Event.Transfer(t.common(), pfn, t.to());
    }

    /**
     * The what-if pfn for recorded {@code pfn}: through the map; a page the recording never held is
     * named as it is unless the what-if holds it in a block (then it is another block: skipped).
     */
    private static long translate(long pfn, PfnMap map, Replayer r) {
        long w = map.get(pfn);
        if (w != PfnMap.UNMAPPED) {
            return w;
        }
        return pfn >= 0 && r.view().block(pfn) != null ? PfnMap.NEVER_GOT : pfn;
    }

    /** Blocks only the what-if got, still held: grouped by owner and site, then taken out before the leak report. */
    private static List<Holding> setAsideOnlyHere(Replayer r, List<Long> heads) {
        Map<List<String>, long[]> groups = new LinkedHashMap<>();
        for (long w : heads) {
            BlockView b = r.view().block(w);
            if (b == null || b.head() != w) {
                continue;
            }
            long[] g = groups.computeIfAbsent(java.util.Arrays.asList(b.owner(), b.site()),
                    k -> new long[] {0, 0, Long.MAX_VALUE});
            g[0] += b.pages();
            g[1]++;
            g[2] = Math.min(g[2], b.allocEvent());
            r.setAside(w);
        }
        List<Holding> list = new ArrayList<>();
        for (Map.Entry<List<String>, long[]> en : groups.entrySet()) {
            long[] g = en.getValue();
            list.add(new Holding(en.getKey().get(0), en.getKey().get(1), g[0], g[1], g[2]));
        }
        list.sort(Comparator.comparingLong(Holding::pages).reversed().thenComparingLong(Holding::firstEvent));
        return list;
    }

    /** The baseline's failures whose event shows none in {@code other} (both in event order). */
    public static List<Finding> failuresOnlyIn(ReplayResult one, ReplayResult other) {
        java.util.Set<Long> there = new java.util.HashSet<>();
        for (Finding f : other.findings()) {
            if (f.kind() == FindingKind.ALLOC_FAILURE) {
                there.add(f.event());
            }
        }
        List<Finding> list = new ArrayList<>();
        for (Finding f : one.findings()) {
            if (f.kind() == FindingKind.ALLOC_FAILURE && !there.contains(f.event())) {
                list.add(f);
            }
        }
        return list;
    }
}
