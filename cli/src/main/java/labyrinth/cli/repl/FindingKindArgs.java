package labyrinth.cli.repl;

import java.util.ArrayList;
import java.util.List;
import labyrinth.replay.FindingKind;

/** Finding kinds as REPL arguments. Stateless. */
final class FindingKindArgs {
    private FindingKindArgs() {
    }

    static List<String> labels() {
        List<String> list = new ArrayList<>();
        for (FindingKind k : FindingKind.values()) {
            list.add(k.label());
        }
        return list;
    }

    static FindingKind parse(String label) {
        FindingKind k = FindingKind.byLabel(label.trim());
        if (k == null) {
            throw new CommandError("unknown finding kind '" + label + "'" + Args.didYouMean(label, labels())
                    + "; kinds: " + String.join(", ", labels()));
        }
        return k;
    }
}
