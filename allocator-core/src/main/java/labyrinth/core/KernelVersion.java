package labyrinth.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Linux version whose GFP names a trace uses (TRACE-FORMAT.md, machine key {@code kernel}):
 * the text as the trace gave it ({@code "6.6"}, {@code "5.15.0-91-generic"}) and the major.minor
 * read from it. It changes what {@code GFP_ATOMIC} and {@code GFP_NOWAIT} mean and how masks print
 * ({@link #gfpNames()}), never a decision. Immutable; never null fields.
 */
public record KernelVersion(String text, int major, int minor) {
    /** What a trace without {@code kernel} means: the names of Linux 6.12. */
    public static final KernelVersion DEFAULT = new KernelVersion("6.12", 6, 12);

    private static final Pattern MAJOR_MINOR = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})(?![0-9]).*", Pattern.DOTALL);

    public KernelVersion {
        if (text == null || major < 0 || minor < 0) {
            throw new IllegalArgumentException("a kernel version needs its text and a major.minor >= 0");
        }
    }

    /**
     * Reads major.minor from the start of {@code text}.
     *
     * @throws IllegalArgumentException when {@code text} does not start with digits, a dot and digits
     */
    public static KernelVersion parse(String text) {
        Matcher m = text == null ? null : MAJOR_MINOR.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a Linux version must start with major.minor, such as \"6.6\" or "
                    + "\"5.15.0-91-generic\"");
        }
        return new KernelVersion(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether this version is older than {@code major.minor}. */
    public boolean before(int otherMajor, int otherMinor) {
        return major < otherMajor || major == otherMajor && minor < otherMinor;
    }

    /** The GFP names of this version. */
    public GfpNames gfpNames() {
        return GfpNames.of(this);
    }
}
