package labyrinth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Reads the version and the git commit Maven wrote into {@code labyrinth/cli/version.properties}
 * at build time; a build without git (a source tarball) has the commit "unknown".
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** A filtered value, or null when the build left the placeholder (no git) or nothing. */
    private static String value(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() || v.startsWith("${") ? null : v.strip();
    }

    static String version() {
        String v = value(properties(), "version");
        return v == null ? "unknown" : v;
    }

    /** The commit built, {@code -dirty} when the work tree had changes; "unknown" without git. */
    static String commit() {
        Properties p = properties();
        String c = value(p, "commit");
        if (c == null) {
            return "unknown";
        }
        return "true".equals(value(p, "dirty")) ? c + "-dirty" : c;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"labyrinth " + version() + " (commit " + commit() + ")"};
    }
}
