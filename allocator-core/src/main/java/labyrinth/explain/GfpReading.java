package labyrinth.explain;

import java.util.List;

/**
 * How the model reads a report's {@code mode:} (the reader decides it: names decide, with the
 * meanings of the report's kernel version). Immutable.
 *
 * @param mask the model's bits; meaningful only when {@code known}
 * @param known whether the model can decide on it
 * @param text the mask as the model reads it, printed with the kernel version's names
 *     ({@code 0xa20(GFP_ATOMIC)}); the printed mode when not known
 * @param ignored names or bits the model does not know, as printed (no effect on the decision)
 * @param why when not known: why, in words
 */
public record GfpReading(long mask, boolean known, String text, List<String> ignored, String why) {
    public GfpReading {
        ignored = List.copyOf(ignored);
    }
}
