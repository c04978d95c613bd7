package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built launcher, target/check_smtp_mx/bin/check_smtp_mx, as Nagios or NRPE would. */
class LauncherIT {

    private static final Path LAUNCHER = Paths.get(System.getProperty("check_smtp_mx.launcher",
            "target/check_smtp_mx/bin/check_smtp_mx")).toAbsolutePath();

    @TempDir
    Path tmp;

    private record Run(int exitCode, List<String> lines) {}

    private static Run run(Path script, Map<String, String> env, boolean clearEnv, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (clearEnv) {
            pb.environment().clear();
        } else {
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out.lines().toList());
    }

    @Test
    void launcherIsExecutable() {
        assertThat(LAUNCHER).isRegularFile().isExecutable();
        assertThat(LAUNCHER.getParent().resolveSibling("lib")).isDirectoryContaining("glob:**/nagios-check-*.jar")
                .isDirectoryContaining("glob:**/check-core-*.jar").isDirectoryContaining("glob:**/commons-cli-*.jar");
    }

    @Test
    void unknownOptionIsUnknownWithOneStatusLine() throws Exception {
        Run r = run(LAUNCHER, Map.of(), false, "--bogus");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).isEqualTo("SMTP MX UNKNOWN - unknown option '--bogus'");
        assertThat(r.lines().get(1)).startsWith("Usage: check_smtp_mx ");
    }

    @Test
    void versionIsOneLine() throws Exception {
        Run r = run(LAUNCHER, Map.of(), false, "-V");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.lines()).singleElement().asString().matches("check_smtp_mx v\\d\\S* \\(smtp-mx-check\\)");
    }

    @Test
    void worksThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("check_smtp_mx"), LAUNCHER);

        Run r = run(link, Map.of(), false, "--version");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.lines()).singleElement().asString().startsWith("check_smtp_mx v");
    }

    /** A PATH with the tools the launcher needs, but no java. */
    private Path binWithoutJava() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("readlink", "dirname", "sed")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Paths.get(d + tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        return bin;
    }

    /** NRPE and Icinga 2 run plugins without JAVA_HOME and with a minimal PATH: /usr/lib/jvm is searched too. */
    @Test
    void withoutJavaOnThePathItTakesOneFromUsrLibJvm() throws Exception {
        assumeTrue(hasJava17InUsrLibJvm(), "no Java 17 or later under /usr/lib/jvm");
        Path bin = binWithoutJava();

        Run r = run(LAUNCHER, Map.of("PATH", bin.toString()), true, "-V");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.lines()).singleElement().asString().startsWith("check_smtp_mx v");
    }

    /** Without JAVA_HOME, java on the PATH or a runtime in /usr/lib/jvm (hidden by a private mount). */
    @Test
    void withoutJavaItSaysSoAndExitsUnknown() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "hiding /usr/lib/jvm needs root (unshare --mount)");
        Path bin = binWithoutJava();
        Path jvms = Paths.get("/usr/lib/jvm");
        String hide = Files.isDirectory(jvms) ? "mount -t tmpfs none /usr/lib/jvm && " : "";
        List<String> cmd = List.of("/usr/bin/unshare", "--mount", "/bin/sh", "-c",
                hide + "exec /usr/bin/env -i PATH=" + bin + " /bin/sh " + LAUNCHER + " -V");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(3);
        assertThat(out.lines()).containsExactly("SMTP MX UNKNOWN - no Java runtime found (set JAVA_HOME)");
    }

    /** The build made an AppCDS archive for this layout and this JDK; -Xshare:on fails hard if it is unusable. */
    @Test
    void classDataSharingArchiveOfTheBuildIsUsable() throws Exception {
        assertThat(LAUNCHER.getParent().resolveSibling("lib/check_smtp_mx.jsa")).isRegularFile();

        Run r = run(LAUNCHER, Map.of("CHECK_SMTP_MX_JAVA_OPTS", "-Xshare:on"), false, "-V");

        assertThat(r.exitCode()).as(String.join("\n", r.lines())).isEqualTo(3);
        assertThat(r.lines()).singleElement().asString().startsWith("check_smtp_mx v");
    }

    /** A stale, foreign or damaged archive costs start-up time only: not a word on the output. */
    @Test
    void aDamagedArchiveIsIgnoredSilently() throws Exception {
        Path copy = copyOfTheLayout();
        Files.write(copy.resolve("lib/check_smtp_mx.jsa"), new byte[4096]);

        Run r = run(copy.resolve("bin/check_smtp_mx"), Map.of(), false, "--bogus");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.lines()).containsExactly("SMTP MX UNKNOWN - unknown option '--bogus'", r.lines().get(1));
        assertThat(r.lines().get(1)).startsWith("Usage: check_smtp_mx ");
    }

    /**
     * A release unpacked over an older one leaves two versions of a jar in lib/, and the class path would mix them:
     * the launcher refuses before starting Java, naming both jars.
     */
    @Test
    void twoVersionsOfAJarAreUnknownAndNamed() throws Exception {
        Path copy = copyOfTheLayout();
        Path lib = copy.resolve("lib").toRealPath();
        Path core;
        try (Stream<Path> jars = Files.list(lib)) {
            core = jars.filter(j -> j.getFileName().toString().matches("check-core-\\d.*\\.jar")).findFirst().orElseThrow();
        }
        Files.copy(core, lib.resolve("check-core-0.9.0.jar"));

        Run r = run(copy.resolve("bin/check_smtp_mx"), Map.of(), false, "-V");

        assertThat(r.exitCode()).as(String.join("\n", r.lines())).isEqualTo(3);
        assertThat(r.lines()).containsExactly("SMTP MX UNKNOWN - two versions of check-core in " + lib
                + ": check-core-0.9.0.jar, " + core.getFileName() + "; remove the old release's jars");
    }

    /** A copy of the built launcher and its jars (without the class-data archive) in a fresh directory. */
    private Path copyOfTheLayout() throws IOException {
        Path copy = tmp.resolve("plugin");
        Files.createDirectories(copy.resolve("bin"));
        Files.copy(LAUNCHER, copy.resolve("bin/check_smtp_mx"));
        Files.createDirectories(copy.resolve("lib"));
        try (Stream<Path> jars = Files.list(LAUNCHER.getParent().resolveSibling("lib"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).collect(Collectors.toList())) {
                Files.copy(jar, copy.resolve("lib").resolve(jar.getFileName()));
            }
        }
        return copy;
    }

    private static boolean hasJava17InUsrLibJvm() throws IOException {
        Path jvms = Paths.get("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return false;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.anyMatch(h -> {
                try {
                    return Files.isExecutable(h.resolve("bin/java")) && Files.readAllLines(h.resolve("release")).stream()
                            .anyMatch(l -> l.matches("JAVA_VERSION=\"?(1[7-9]|[2-9]\\d).*"));
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
