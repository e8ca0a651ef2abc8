package labyrinth.format.binary;

/**
 * Constants of the compact binary encoding (docs/binary-format.md): the magic bytes, the record
 * tags and the flag bits of an event record.
 */
public final class BinaryFormat {
    /** First bytes of every binary trace: never the start of JSON or kernel trace text. */
    static final byte[] MAGIC = {(byte) 0x89, 'L', 'B', 'T', '\r', '\n', 0x1a, '\n'};
    static final int VERSION = 1;

    // low three bits of a tag: the op (0..5), a string definition, or the end record
    static final int T_STRING = 6;
    static final int T_END = 7;
    static final int OP_MASK = 7;
    static final int F_TIME = 1 << 3;
    static final int F_CPU = 1 << 4;
    static final int F_OWNER = 1 << 5;
    static final int F_SITE = 1 << 6;
    static final int F_EXT = 1 << 7;
    // bits of the extension byte
    static final int X_SEQ = 1;
    static final int X_CTX_SHIFT = 1; // three bits: the ctx ordinal
    static final int X_CTX_MASK = 7 << X_CTX_SHIFT;
    static final int X_STACK = 1 << 4;
    static final int X_FN = 1 << 5;
    static final int X_GFP_UNPARSED = 1 << 6;

    private BinaryFormat() {
    }

    /** Whether {@code head} (the first decoded bytes of a file) starts with the magic bytes. */
    public static boolean matches(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
