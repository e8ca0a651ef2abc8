package labyrinth.format;

/**
 * Limits that protect the readers from hostile or broken input, for every encoding: the JSON reader
 * sets each on Jackson's stream constraints explicitly (never Jackson's defaults), the binary reader
 * bounds its strings and stacks by {@code maxStringLength}. Each is named in the error when
 * hit, e.g. {@code string longer than the reader limit of 1000000 characters (--max-string-length)}.
 * The names are the command-line options that raise them. The error points where the reader stopped (for
 * a string: at the string). Immutable.
 *
 * @param maxNestingDepth deepest nesting of objects and arrays ({@code max-nesting-depth})
 * @param maxStringLength longest string value in characters ({@code max-string-length})
 * @param maxNameLength longest key in characters ({@code max-name-length})
 * @param maxNumberLength longest number in characters ({@code max-number-length})
 * @param maxDocumentLength most bytes of (decompressed) input ({@code max-document-length})
 */
public record ReaderLimits(int maxNestingDepth, int maxStringLength, int maxNameLength, int maxNumberLength,
                           long maxDocumentLength) {
    /** A trace nests 5 deep (document, machine, zones, zone, watermarks); 64 leaves room for extensions. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    public static final int DEFAULT_MAX_STRING_LENGTH = 1_000_000;
    public static final int DEFAULT_MAX_NAME_LENGTH = 1_000;
    /** Enough for any 64-bit integer or double, with room to spare. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 100;
    /** 64 GiB: far beyond any recording we have seen, yet finite (a gzip bomb stops here). */
    public static final long DEFAULT_MAX_DOCUMENT_LENGTH = 64L << 30;

    public ReaderLimits {
        if (maxNestingDepth < 1 || maxStringLength < 1 || maxNameLength < 1 || maxNumberLength < 1
                || maxDocumentLength < 1) {
            throw new IllegalArgumentException("reader limits must be positive");
        }
    }

    public static ReaderLimits defaults() {
        return new ReaderLimits(DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_NAME_LENGTH,
                DEFAULT_MAX_NUMBER_LENGTH, DEFAULT_MAX_DOCUMENT_LENGTH);
    }

    public ReaderLimits withMaxNestingDepth(int n) {
        return new ReaderLimits(n, maxStringLength, maxNameLength, maxNumberLength, maxDocumentLength);
    }

    public ReaderLimits withMaxStringLength(int n) {
        return new ReaderLimits(maxNestingDepth, n, maxNameLength, maxNumberLength, maxDocumentLength);
    }

    public ReaderLimits withMaxNameLength(int n) {
        return new ReaderLimits(maxNestingDepth, maxStringLength, n, maxNumberLength, maxDocumentLength);
    }

    public ReaderLimits withMaxNumberLength(int n) {
        return new ReaderLimits(maxNestingDepth, maxStringLength, maxNameLength, n, maxDocumentLength);
    }

    public ReaderLimits withMaxDocumentLength(long n) {
        return new ReaderLimits(maxNestingDepth, maxStringLength, maxNameLength, maxNumberLength, n);
    }

    /**
     * The error for a parser's constraint message (Jackson names the limit by its getter, e.g.
     * {@code getMaxStringLength}), or null when it names none of these limits.
     */
    public String describe(String jacksonMessage) {
        String m = jacksonMessage == null ? "" : jacksonMessage;
        if (m.contains("getMaxStringLength")) {
            return "string longer than the reader limit of " + maxStringLength + " characters (--max-string-length)";
        }
        if (m.contains("getMaxNameLength")) {
            return "key longer than the reader limit of " + maxNameLength + " characters (--max-name-length)";
        }
        if (m.contains("getMaxNumberLength")) {
            return "number longer than the reader limit of " + maxNumberLength + " characters (--max-number-length)";
        }
        if (m.contains("getMaxNestingDepth")) {
            return "nesting deeper than the reader limit of " + maxNestingDepth + " levels (--max-nesting-depth)";
        }
        if (m.contains("getMaxDocumentLength")) {
            return "input longer than the reader limit of " + maxDocumentLength + " bytes (--max-document-length)";
        }
        return null;
    }
}
