package labyrinth.replay;

import java.util.Objects;

/**
 * A trace's primary failure: what {@code triage} buckets it by and what {@code reduce} keeps.
 * Immutable.
 *
 * @param signature see {@link Signatures}; never null
 * @param severity the failure's severity (a panic's trigger counts as an error)
 * @param finding the finding the failure points at (for its location and message), or null when
 *     there is none (an unreadable trace, or one whose verdict is that it was cut short)
 */
public record PrimaryFailure(String signature, Severity severity, Finding finding) {
    public PrimaryFailure {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(severity, "severity");
    }
}
