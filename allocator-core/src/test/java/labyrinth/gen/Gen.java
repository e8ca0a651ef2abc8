package labyrinth.gen;

import java.util.ArrayList;
import java.util.List;
import labyrinth.core.Allocator;
import labyrinth.replay.Finding;
import labyrinth.replay.Mode;
import labyrinth.replay.Outcome;
import labyrinth.replay.PanicVerdict;
import labyrinth.replay.Replayer;
import labyrinth.replay.Severity;
import labyrinth.replay.Summary;
import labyrinth.trace.Event;
import labyrinth.trace.Header;

/** Test helpers: generate a scenario and replay it as it streams, or collect its events. */
final class Gen {
    private Gen() {
    }

    /** What a simulate-mode replay of one generated trace gave, plus a few facts about the events. */
    record Replay(Header header, List<Finding> findings, Summary summary, PanicVerdict panic, Outcome outcome,
                  long events, Event last, Event beforeLast) {
        long count(labyrinth.replay.FindingKind kind) {
            return findings.stream().filter(f -> f.kind() == kind).count();
        }
    }

    static List<Event> events(Scenario s, long seed, long n) {
        List<Event> list = new ArrayList<>();
        s.generate(seed, n, list::add);
        return list;
    }

    /** Streams the scenario straight into a replayer: nothing is collected but the findings. */
    static Replay replay(Scenario s, long seed, long n) {
        Header header = s.header(seed, n);
        List<Finding> findings = new ArrayList<>();
        Replayer replayer = new Replayer(header, Mode.SIMULATE, Allocator.DEFAULT_MAX_PAGES, findings::add);
        long[] count = {0};
        Event[] tail = new Event[2];
        s.generate(seed, n, e -> {
            count[0]++;
            tail[0] = tail[1];
            tail[1] = e;
            replayer.apply(e);
        });
        replayer.finish();
        return new Replay(header, findings, replayer.summary(), replayer.panic(), replayer.outcome(Severity.ERROR),
                count[0], tail[1], tail[0]);
    }
}
