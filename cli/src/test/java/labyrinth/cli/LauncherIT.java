package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code labyrinth} launcher script run by bash as a process, in a copy of the repository's layout
 * whose {@code mvnw} and {@code java} are stubs: a fake build takes no time and the real project is
 * never rebuilt. One test runs the real packaged jar on the test's own JVM.
 */
class LauncherIT {
    record Result(int exit, String out, String err) {
    }

    @TempDir
    Path dir;
    Path repo;
    Path jar;

    /** A repository with the launcher, sources, a stub mvnw that records its calls and a stub JDK. */
    @BeforeEach
    void fakeRepo() throws IOException {
        // the launcher names its folder without symlinks (a temporary folder may be under one)
        Files.createDirectories(dir.resolve("repo/cli/src/main/java"));
        repo = dir.resolve("repo").toRealPath();
        jar = repo.resolve("cli/target/labyrinth.jar");
        Files.copy(Repo.root().resolve("labyrinth"), repo.resolve("labyrinth"));
        executable(repo.resolve("labyrinth"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Path source = Files.writeString(repo.resolve("cli/src/main/java/Main.java"), "class Main {}\n");
        // sources older than any jar a test makes, whatever the file system's clock resolution
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(repo.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(3600)));
        script(repo.resolve("mvnw"), """
                #!/bin/sh
                echo "$*" >> mvnw-calls
                sleep "${FAKE_MVNW_SLEEP:-0}"
                if [ -f mvnw-fails ]; then
                  i=1; while [ $i -le 30 ]; do echo "build output line $i"; i=$((i + 1)); done
                  exit 1
                fi
                mkdir -p cli/target && echo jar > cli/target/labyrinth.jar
                """);
    }

    /** A JDK folder whose java prints {@code versionText} for -version and otherwise its arguments. */
    Path fakeJdk(String name, String versionText) throws IOException {
        Path home = dir.resolve(name);
        script(home.resolve("bin/java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then
                  cat >&2 <<'EOF'
                %sEOF
                  exit 0
                fi
                # stands in for -XX:ArchiveClassesAtExit: the archive appears where it is asked for,
                # unless the test plays a JVM that writes none
                for a in "$@"; do
                  case $a in -XX:ArchiveClassesAtExit=*)
                    echo training >> "$0.runs"
                    [ -n "${FAKE_JAVA_NO_ARCHIVE:-}" ] || echo archive > "${a#*=}";;
                  esac
                done
                echo "fake java $*"
                exit "${FAKE_JAVA_EXIT:-0}"
                """.formatted(versionText));
        return home;
    }

    Path openjdk(String version) throws IOException {
        return fakeJdk("jdk-" + version, "openjdk version \"" + version + "\" 2025-04-15\nOpenJDK Runtime Environment\n");
    }

    static void script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        executable(file);
    }

    static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    void freshJar() throws IOException {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar\n");
    }

    int builds() throws IOException {
        Path calls = repo.resolve("mvnw-calls");
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    Map<String, String> env(Path javaHome) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", dir.toString());
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
        return env;
    }

    Process start(Map<String, String> env, String... command) throws IOException {
        String name = "run-" + System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        pending.put(p, name);
        return p;
    }

    private final Map<Process, String> pending = new HashMap<>();

    Result finish(Process p) throws IOException, InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 60 s");
        }
        String name = pending.remove(p);
        return new Result(p.exitValue(), Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("labyrinth").toString()));
        command.addAll(List.of(args));
        return finish(start(env, command.toArray(String[]::new)));
    }

    /** Folders of links to every command on PATH but some: made once, as they take a second or two. */
    @TempDir
    static Path machines;
    static final Map<String, Path> WITHOUT = new HashMap<>();

    /** A folder of links to every command on PATH but {@code left}: a machine without it. */
    static synchronized Path pathWithout(String left) throws IOException {
        Path bin = WITHOUT.get(left);
        if (bin != null) {
            return bin;
        }
        bin = Files.createDirectories(machines.resolve("without-" + left));
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            Path d = Path.of(folder);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path link = bin.resolve(f.getFileName().toString());
                    if (!f.getFileName().toString().equals(left) && Files.isExecutable(f) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, f.toAbsolutePath());
                    }
                }
            }
        }
        WITHOUT.put(left, bin);
        return bin;
    }

    /** JUnit warns about every link out of a temporary folder that it deletes, so they go first. */
    @AfterAll
    static void removeLinks() throws IOException {
        for (Path bin : WITHOUT.values()) {
            try (Stream<Path> links = Files.list(bin)) {
                for (Path link : (Iterable<Path>) links::iterator) {
                    Files.delete(link);
                }
            }
        }
        WITHOUT.clear();
    }

    @Test
    void worksThroughARelativeSymlinkChainOnPath() throws Exception {
        freshJar();
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Path links = Files.createDirectories(dir.resolve("home/links"));
        Files.createSymbolicLink(links.resolve("lab"), repo.resolve("labyrinth"));
        Files.createSymbolicLink(bin.resolve("labyrinth"), Path.of("../links/lab"));
        Map<String, String> env = env(openjdk("17.0.15"));
        env.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        Result r = finish(start(env, "bash", "-c", "labyrinth --version"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("fake java ").endsWith(" -jar " + jar + " --version\n");
        assertThat(builds()).isZero();
    }

    @Test
    void anOldJavaInJavaHomeExitsTwoSayingWhatToInstall() throws Exception {
        Path home = openjdk("11.0.2");
        Result r = launch(env(home), "--version");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("labyrinth: needs Java 17 or later, found 11.0.2 at " + home + "/bin/java:"
                + " install a JDK 17+ (e.g. apt-get install openjdk-17-jdk) and set JAVA_HOME to it\n");
        assertThat(r.out()).isEmpty();
        assertThat(builds()).as("no build with a java that cannot run it").isZero();
    }

    @Test
    void javaEightsOldVersionSchemeIsReadAsEight() throws Exception {
        Path home = fakeJdk("jdk8", "java version \"1.8.0_392\"\nJava(TM) SE Runtime Environment (build 1.8.0_392-b08)\n");
        Result r = launch(env(home), "--version");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("labyrinth: needs Java 17 or later, found 1.8.0_392 at " + home + "/bin/java: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0.15", "17", "21-ea", "25"})
    void java17AndLaterRunWhateverTheirVersionLooksLike(String version) throws Exception {
        freshJar();
        Result r = launch(env(openjdk(version)), "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("fake java ");
    }

    @Test
    void aPickedUpOptionsLineBeforeTheVersionIsSkipped() throws Exception {
        freshJar();
        Path home = fakeJdk("jdk-picked", "Picked up JAVA_TOOL_OPTIONS: -Dx=\"1.8\"\nopenjdk version \"21.0.4\" 2024-07-16\n");
        assertThat(launch(env(home), "--version").exit()).isZero();
    }

    @Test
    void aJavaHomeWithoutJavaExitsTwo() throws Exception {
        Path home = Files.createDirectories(dir.resolve("not-a-jdk"));
        Result r = launch(env(home), "--version");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("labyrinth: needs Java 17 or later, found no bin/java in JAVA_HOME=" + home + ": install a JDK 17+");
    }

    @Test
    void noJavaAtAllExitsTwoSayingWhatToInstall() throws Exception {
        freshJar();
        Map<String, String> env = env(null);
        env.put("PATH", pathWithout("java").toString());
        Result r = launch(env, "--version");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("labyrinth: needs Java 17 or later, found no java on PATH:"
                + " install a JDK 17+ (e.g. apt-get install openjdk-17-jdk) or set JAVA_HOME\n");
    }

    @Test
    void aFailedBuildExitsTwoWithTheLogsTailAndTheCommandToRerun() throws Exception {
        Files.writeString(repo.resolve("mvnw-fails"), "");
        Result r = launch(env(openjdk("17.0.15")), "--version");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        Path log = repo.resolve("cli/target/labyrinth-build.log");
        assertThat(r.err()).startsWith("labyrinth: building ")
                .contains("  build output line 11\n", "  build output line 30\n")
                .doesNotContain("build output line 10\n")
                .contains("the whole log is " + log)
                .endsWith("; to build by hand: cd " + repo + " && ./mvnw -B -DskipTests -pl cli -am package\n");
        assertThat(Files.readString(log)).contains("build output line 1\n");
    }

    @Test
    void theFirstBuildSaysWhatItDoesOnStandardErrorOnly() throws Exception {
        Result r = launch(env(openjdk("17.0.15")), "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("labyrinth: building cli/target/labyrinth.jar"
                + " (first run: about a minute; later runs start at once) ...\n");
        assertThat(r.out()).startsWith("fake java ").hasLineCount(1);
        assertThat(builds()).isOne();
        assertThat(Files.readAllLines(repo.resolve("mvnw-calls"))).containsExactly("-B -DskipTests -pl cli -am package");
    }

    @Test
    void aSourceNewerThanTheJarRebuildsIt() throws Exception {
        freshJar();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(7200)));
        Result r = launch(env(openjdk("17.0.15")), "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("labyrinth: rebuilding cli/target/labyrinth.jar (a source changed");
        assertThat(builds()).isOne();
    }

    @Test
    void theCliExitCodePassesThrough() throws Exception {
        freshJar();
        Map<String, String> env = env(openjdk("17.0.15"));
        env.put("FAKE_JAVA_EXIT", "70");
        assertThat(launch(env, "replay", "x.json").exit()).isEqualTo(70);
        env.put("FAKE_JAVA_EXIT", "4");
        assertThat(launch(env, "replay", "x.json").exit()).isEqualTo(4);
    }

    @Test
    void concurrentFirstRunsBuildOnce() throws Exception {
        assertBuildsOnceWhenThreeStartTogether(env(openjdk("17.0.15")));
    }

    @Test
    void concurrentFirstRunsBuildOnceWithoutFlock() throws Exception {
        Map<String, String> env = env(openjdk("17.0.15"));
        env.put("PATH", pathWithout("flock").toString());
        assertBuildsOnceWhenThreeStartTogether(env);
        assertThat(repo.resolve("cli/target/.labyrinth-build.lock.d")).doesNotExist();
    }

    void assertBuildsOnceWhenThreeStartTogether(Map<String, String> env) throws Exception {
        env.put("FAKE_MVNW_SLEEP", "3");
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(start(env, "bash", repo.resolve("labyrinth").toString(), "--version"));
        }
        List<String> said = new ArrayList<>();
        for (Process p : runs) {
            Result r = finish(p);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("fake java ").endsWith(" --version\n");
            said.add(r.err());
        }
        assertThat(builds()).isOne();
        assertThat(said).filteredOn(err -> err.startsWith("labyrinth: building ")).hasSize(1);
        assertThat(said).filteredOn(err -> err.equals("labyrinth: waiting for another labyrinth to finish building"
                + " cli/target/labyrinth.jar ...\n")).hasSize(2);
    }

    @Test
    void aLockLeftByAKilledBuildIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lock = Files.createDirectories(repo.resolve("cli/target/.labyrinth-build.lock.d"));
        Files.writeString(lock.resolve("pid"), gone.pid() + "\n");
        Map<String, String> env = env(openjdk("17.0.15"));
        env.put("PATH", pathWithout("flock").toString());
        Result r = launch(env, "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(builds()).isOne();
        assertThat(lock).doesNotExist();
    }

    @Test
    void eachJavaHasAnArchiveNamedByItsVersion() throws Exception {
        freshJar();
        Files.createDirectories(repo.resolve("sample-traces"));
        Files.writeString(repo.resolve("sample-traces/double-free.json"), "{}\n");
        Map<String, String> env17 = env(openjdk("17.0.15"));
        launch(env17, "--version");
        Path archive17 = onlyArchive("17.0.15");
        assertThat(launch(env17, "--version").out()).contains("-XX:SharedArchiveFile=" + archive17);
        launch(env(openjdk("25")), "--version");
        Path archive25 = onlyArchive("25");
        assertThat(archive25).isNotEqualTo(archive17);
        assertThat(launch(env17, "--version").out()).contains(archive17.getFileName().toString());
    }

    @Test
    void aJavaThatWritesNoArchiveIsNotTrainedAgainOnEveryRun() throws Exception {
        freshJar();
        Files.createDirectories(repo.resolve("sample-traces"));
        Files.writeString(repo.resolve("sample-traces/double-free.json"), "{}\n");
        Path home = openjdk("17.0.15");
        Map<String, String> env = env(home);
        env.put("FAKE_JAVA_NO_ARCHIVE", "1");
        for (int i = 0; i < 3; i++) {
            Result r = launch(env, "--version");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).doesNotContain("SharedArchiveFile");
        }
        assertThat(Files.readAllLines(home.resolve("bin/java.runs"))).hasSize(1);
    }

    Path onlyArchive(String version) throws IOException {
        try (Stream<Path> files = Files.list(jar.getParent())) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().startsWith("labyrinth.jar." + version + "-")
                    && f.getFileName().toString().endsWith(".jsa")).toList();
            assertThat(archives).hasSize(1);
            return archives.get(0);
        }
    }

    /** The real jar on the test's JVM: it trains its archive, maps it, and still starts when the archive is junk. */
    @Test
    void theRealJarRunsWithItsArchiveAndWithAnUnusableOne() throws Exception {
        Files.createDirectories(jar.getParent());
        Files.copy(Path.of(System.getProperty("labyrinth.jar")), jar);
        Files.createDirectories(repo.resolve("sample-traces"));
        Files.copy(Repo.root().resolve("sample-traces/double-free.json"), repo.resolve("sample-traces/double-free.json"));
        Map<String, String> env = env(Path.of(System.getProperty("java.home")));
        Result first = launch(env, "--version");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("labyrinth ");
        Path archive = onlyArchive(System.getProperty("java.version"));
        Result mapped = launch(env, "--version");
        assertThat(mapped.out()).isEqualTo(first.out());
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(archive, new byte[4096]);
        Result junk = launch(env, "--version");
        assertThat(junk.exit()).as(junk.err()).isZero();
        assertThat(junk.out()).isEqualTo(first.out());
    }
}
