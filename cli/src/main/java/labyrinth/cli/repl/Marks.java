package labyrinth.cli.repl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trace's marks as {@code goto mark} reads them: a label exactly, else a prefix that only one
 * label starts with; quoted or not. Completion offers the labels as that command accepts them
 * (quoted where they hold spaces). Errors list the labels one per line, since labels are sentences
 * with commas of their own. Immutable.
 */
final class Marks {
    /** Labels listed in an error before "and N more". */
    static final int LISTED = 20;

    private final List<SeekableReplay.MarkAt> marks;

    Marks(List<SeekableReplay.MarkAt> marks) {
        this.marks = marks;
    }

    /** Distinct labels, in trace order. */
    List<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        for (SeekableReplay.MarkAt m : marks) {
            if (m.label() != null) {
                labels.add(m.label());
            }
        }
        return new ArrayList<>(labels);
    }

    List<String> completions() {
        List<String> c = new ArrayList<>();
        for (String l : labels()) {
            c.add(Args.quoted(l));
        }
        return c;
    }

    /** The position of the first mark labelled {@code typed} or, failing that, the one label starting with it. */
    long find(String typed) {
        String label = Args.unquote(typed.trim());
        List<String> labels = labels();
        if (labels.isEmpty()) {
            throw new CommandError("the trace has no marks");
        }
        if (label.isEmpty()) {
            throw new CommandError("goto mark needs a label; the marks:" + listed(labels));
        }
        String chosen = labels.contains(label) ? label : null;
        if (chosen == null) {
            List<String> starting = new ArrayList<>();
            for (String l : labels) {
                if (l.startsWith(label)) {
                    starting.add(l);
                }
            }
            if (starting.size() > 1) {
                throw new CommandError("more than one mark starts with '" + label + "':" + listed(starting));
            }
            if (starting.isEmpty()) {
                throw new CommandError("no mark '" + label + "'" + Args.didYouMean(label, labels) + "; the marks:"
                        + listed(labels));
            }
            chosen = starting.get(0);
        }
        for (SeekableReplay.MarkAt m : marks) {
            if (chosen.equals(m.label())) {
                return m.position();
            }
        }
        throw new IllegalStateException("a label without its mark: " + chosen);
    }

    private static String listed(List<String> labels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, labels.size()); i++) {
            sb.append("\n  ").append(Args.quoted(labels.get(i)));
        }
        if (labels.size() > LISTED) {
            sb.append("\n  ... and ").append(labels.size() - LISTED).append(" more");
        }
        return sb.toString();
    }
}
