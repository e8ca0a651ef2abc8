package labyrinth.format.json;

import labyrinth.format.ReaderLimits;
import tools.jackson.core.StreamReadConstraints;

/** {@link ReaderLimits} as Jackson's stream constraints: every one set explicitly, never Jackson's default. */
final class JsonLimits {
    private JsonLimits() {
    }

    static StreamReadConstraints constraints(ReaderLimits limits) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxNameLength())
                .maxNumberLength(limits.maxNumberLength())
                .maxDocumentLength(limits.maxDocumentLength())
                .build();
    }
}
