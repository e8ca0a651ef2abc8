package labyrinth.whatif;

import java.util.Objects;

/**
 * One {@code --fix-leak}: the never-freed blocks of {@code owner}, at {@code site} when given (null:
 * every site). An owner or site of null in a leak group (allocated without one) is matched only by a
 * fix built for that group ({@link #of}), never by a spelled one. Immutable.
 */
public record LeakFix(String owner, String site, boolean anySite) {
    /** {@code OWNER} or {@code OWNER@SITE}, split at the first {@code @} (sites hold {@code +} and {@code /}). */
    public static LeakFix parse(String spec) {
        int at = spec.indexOf('@');
        if (at < 0) {
            return new LeakFix(spec, null, true);
        }
        return new LeakFix(spec.substring(0, at), spec.substring(at + 1), false);
    }

    /** Exactly one leak group: this owner at this site, either possibly null. */
    public static LeakFix of(String owner, String site) {
        return new LeakFix(owner, site, false);
    }

    public boolean matches(String blockOwner, String blockSite) {
        return Objects.equals(owner, blockOwner) && (anySite || Objects.equals(site, blockSite));
    }

    /** As the user would spell it. */
    public String label() {
        String o = owner == null ? "(no owner)" : owner;
        return anySite ? o : o + "@" + (site == null ? "(no site)" : site);
    }
}
