package labyrinth.cli.repl;

import java.util.ArrayList;
import java.util.List;
import labyrinth.replay.Kind;

/** Finding kinds as REPL arguments. Stateless. */
final class Kinds {
    private Kinds() {
    }

    static List<String> labels() {
        List<String> list = new ArrayList<>();
        for (Kind k : Kind.values()) {
            list.add(k.label());
        }
        return list;
    }

    static Kind parse(String label) {
        Kind k = Kind.byLabel(label.trim());
        if (k == null) {
            throw new CommandError("unknown finding kind '" + label + "'" + Args.didYouMean(label, labels())
                    + "; kinds: " + String.join(", ", labels()));
        }
        return k;
    }
}
