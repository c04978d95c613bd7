package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the tests of the real monitoring engines (NRPE, Icinga 2) and of the packages share: the lab, the built
 * plugin, a directory the unprivileged user {@code nagios} can read, and running or stopping processes.
 * Engines run inside the lab's namespace (the test JVM does, see {@code lab/lab-java}), as root that drops to
 * {@code nagios}, with their configuration and state under {@code lab/run/<engine>}; when {@code nagios} cannot
 * reach {@code lab/run} (the checkout lies under a private directory such as {@code /root}), under
 * {@code /run/<namespace>-<engine>} instead, as {@code lab/lab.sh} does for Postfix.
 */
final class LabEngines {

    static final String NAMESPACE = System.getenv().getOrDefault("SMTPMXLAB_NS", "smtpmxlab");
    static final String DNS_SERVER = "127.0.0.2";
    /** The user NRPE and Icinga 2 run plugins as on Debian. */
    static final String ENGINE_USER = "nagios";

    private LabEngines() {}

    /** The output and exit code of a finished process. */
    record Run(List<String> command, int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().collect(Collectors.toList());
        }

        /** The first line of standard output: the plugin's status line. */
        String statusLine() {
            return stdout.lines().findFirst().orElse("");
        }

        String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    static Path repositoryRoot() {
        Path start = Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lab/lab.sh"))) {
                return p;
            }
        }
        return fail("Cannot find the repository root (a directory with lab/lab.sh) above " + start);
    }

    /**
     * The built launcher: the system property {@code check_smtp_mx.launcher} (failsafe sets it), else
     * {@code target/check_smtp_mx/bin/check_smtp_mx} under the module. Fails the test when it is not executable.
     */
    static Path launcher() {
        Path launcher = Paths.get(System.getProperty("check_smtp_mx.launcher",
                Paths.get(System.getProperty("basedir", ".")).resolve("target/check_smtp_mx/bin/check_smtp_mx").toString()))
                .toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            fail("The plugin is not built: " + launcher + " is missing; run mvn package first (lab/test-all does)");
        }
        return launcher;
    }

    /** The built plugin layout, {@code target/check_smtp_mx} (bin/, lib/). */
    static Path pluginLayout() {
        return launcher().getParent().getParent();
    }

    /** The lab's test CA, {@code lab/run/ca.pem}, made by {@code lab/lab.sh up}. */
    static Path labCa() {
        return repositoryRoot().resolve("lab/run/ca.pem");
    }

    /**
     * Runs the built plugin against the lab as a monitoring engine would: the lab's nsd ({@value #DNS_SERVER}) as
     * {@code -s}, the lab's CA as {@code -C}, {@code -t 20} (seconds), then ARGS.
     */
    static Run check(String... args) throws IOException, InterruptedException {
        return checkVia(DNS_SERVER, 20, args);
    }

    /**
     * Runs the built plugin with RESOLVER as {@code -s}, the lab's CA as {@code -C} and {@code -t TIMEOUT} (seconds),
     * then ARGS, with {@code JAVA_HOME} of this JVM. Waits at most 60 s, far above the plugin's own {@code -t}: a run
     * that reaches it has hung, and the test fails saying so.
     */
    static Run checkVia(String resolver, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher().toString(), "-s", resolver, "-C", labCa().toString(),
                "-t", Integer.toString(timeoutSeconds)));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of("JAVA_HOME", System.getProperty("java.home")), 60);
    }

    /** Fails the test unless the lab is up and this JVM runs inside its namespace. */
    static void requireLab() {
        Path ca = repositoryRoot().resolve("lab/run/ca.pem");
        if (!Files.isRegularFile(ca)) {
            fail("The lab is not up (no " + ca + "): run lab/lab.sh up, or run the whole build with lab/test-all");
        }
        if (!insideLabNamespace()) {
            fail("This JVM does not run in the lab's network namespace " + NAMESPACE + ": run lab/lab.sh up, then"
                    + " mvn verify -Dlab.java=" + repositoryRoot().resolve("lab/jvm/bin/java") + ", or simply lab/test-all");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("The engine tests start NRPE and Icinga 2 as root (they drop to the user nagios); run lab/test-all as root");
        }
    }

    /**
     * A fresh, empty directory for one engine that the user {@code nagios} owns and can reach: {@code lab/run/NAME},
     * or {@code /run/<namespace>-NAME} when {@code nagios} cannot search {@code lab/run}.
     */
    static Path engineDirectory(String name) throws IOException, InterruptedException {
        Path labRun = repositoryRoot().resolve("lab/run");
        Path dir = canReach(labRun) ? labRun.resolve(name) : Paths.get("/run", NAMESPACE + "-" + name);
        deleteTree(dir);
        Files.createDirectories(dir);
        runChecked(List.of("chown", ENGINE_USER + ":", dir.toString()));
        return dir;
    }

    /**
     * Copies the built plugin ({@code check_smtp_mx/bin}, {@code lib}) and the lab's CA into DIR, readable by
     * everyone, as an administrator installs them; returns the copied launcher.
     */
    static Path installPluginCopy(Path dir) throws IOException, InterruptedException {
        runChecked(List.of("cp", "-a", pluginLayout().toString(), dir.resolve("check_smtp_mx").toString()));
        Files.copy(repositoryRoot().resolve("lab/run/ca.pem"), dir.resolve("ca.pem"));
        runChecked(List.of("chmod", "-R", "a+rX", dir.toString()));
        return dir.resolve("check_smtp_mx/bin/check_smtp_mx");
    }

    private static boolean canReach(Path dir) throws IOException, InterruptedException {
        return run(List.of("runuser", "-u", ENGINE_USER, "--", "test", "-x", dir.toString()), Map.of(), 20).exitCode() == 0;
    }

    /** Runs COMMAND with the environment ENV added, waiting at most SECONDS; fails the test on a hang. */
    static Run run(List<String> command, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            stop(p, 0);
            fail(String.join(" ", command) + " did not end within " + seconds + " s");
        }
        return new Run(command, p.exitValue(), out.join(), err.join());
    }

    /** Runs COMMAND and fails the test unless it exits 0. */
    static Run runChecked(List<String> command) throws IOException, InterruptedException {
        Run r = run(command, Map.of(), 120);
        if (r.exitCode() != 0) {
            fail("command failed: " + r.describe());
        }
        return r;
    }

    /**
     * Stops P: SIGTERM, up to GRACE seconds to end, then SIGKILL for it and every process it started (by pid,
     * from {@link ProcessHandle#descendants()}, collected before the signal).
     */
    static void stop(Process p, int graceSeconds) throws InterruptedException {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().collect(Collectors.toList()));
        p.destroy();
        if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : family) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    /** True if /proc/self/ns/net is the namespace that "ip netns add NAME" pinned at /run/netns. */
    static boolean insideLabNamespace() {
        try {
            Path pinned = Paths.get("/run/netns", NAMESPACE);
            if (!Files.exists(pinned)) {
                return false;
            }
            Object inode = Files.getAttribute(pinned, "unix:ino");
            String own = Files.readSymbolicLink(Paths.get("/proc/self/ns/net")).toString();
            return own.equals("net:[" + inode + "]");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
