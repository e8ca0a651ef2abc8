package labyrinth.format.dmesg;

/**
 * A Linux version as logs print it ({@code 6.19.0-rc5-00027-g40fd0acc45d0}, {@code 2.6.28.10-v3500-1},
 * {@code 3.10.0-1062.el7.x86_64}): the text as printed and its major and minor numbers, which are
 * all that decide what flag names mean. Immutable.
 */
record KernelVersion(String text, int major, int minor) implements Comparable<KernelVersion> {

    /** @return the version at the start of {@code text}, or null when it does not start with N.N */
    static KernelVersion parse(String text) {
        int i = 0;
        int major = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i < 4) {
            major = major * 10 + text.charAt(i++) - '0';
        }
        if (i == 0 || i >= text.length() || text.charAt(i) != '.') {
            return null;
        }
        int j = ++i;
        int minor = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - j < 4) {
            minor = minor * 10 + text.charAt(i++) - '0';
        }
        return i == j ? null : new KernelVersion(text, major, minor);
    }

    /** Whether this version is before {@code major.minor}. */
    boolean before(int maj, int min) {
        return major < maj || major == maj && minor < min;
    }

    @Override
    public int compareTo(KernelVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }
}
