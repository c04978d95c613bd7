package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test
    void withoutJavaItSaysSoAndExitsUnknown() throws Exception {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        for (String tool : List.of("readlink", "dirname")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Paths.get(d + tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), real);
        }

        Run r = run(LAUNCHER, Map.of("PATH", bin.toString()), true, "-V");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.lines()).containsExactly("SMTP MX UNKNOWN - no Java runtime found (set JAVA_HOME)");
    }
}
