package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two things we distribute, installed as an administrator would and run against the lab: the release
 * archive ({@code target/smtp-mx-check-VERSION.tar.gz}, extracted to a temporary directory) and the Debian
 * package ({@code target/smtp-mx-check_VERSION_all.deb}, installed with {@code dpkg -i} and purged again at
 * the end, so that the machine stays as it was). Both must answer {@code -V} and a real check; both must have
 * a usable AppCDS archive once installed ({@code -Xshare:on} makes the JVM fail if it is not).
 */
class PackageIT {

    private static final String PACKAGE = "smtp-mx-check";
    private static final Path INSTALLED = Paths.get("/usr/lib/nagios/plugins/check_smtp_mx");
    private static boolean installed;

    @TempDir
    Path tmp;

    private static Path built(String glob) throws IOException {
        Path target = LabEngines.pluginLayout().getParent();
        try (Stream<Path> s = Files.list(target)) {
            List<Path> found = s.filter(p -> target.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .collect(Collectors.toList());
            if (found.size() != 1) {
                fail("expected one " + glob + " in " + target + " (mvn package builds it), found " + found);
            }
            return found.get(0);
        }
    }

    private static LabEngines.Run check(Path plugin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(plugin.toString()));
        cmd.addAll(List.of(args));
        return LabEngines.run(cmd, Map.of("CHECK_SMTP_MX_JAVA_OPTS", "-Xshare:on"), 90);
    }

    private static void assertWorks(Path plugin) throws IOException, InterruptedException {
        LabEngines.Run version = check(plugin, "-V");
        assertThat(version.exitCode()).as(version.describe()).isEqualTo(3);
        assertThat(version.lines()).as(version.describe()).singleElement().asString()
                .matches("check_smtp_mx v\\d\\S* \\(smtp-mx-check\\)");
        assertThat(version.stderr()).as(version.describe()).isEmpty();

        LabEngines.Run good = check(plugin, "-D", "good.test", "-s", LabEngines.DNS_SERVER,
                "-C", LabEngines.repositoryRoot().resolve("lab/run/ca.pem").toString(), "-e", "package.test", "-t", "20");
        assertThat(good.exitCode()).as(good.describe()).isZero();
        assertThat(good.lines().get(0)).as(good.describe())
                .isEqualTo("SMTP MX OK - 2 MX, 2 addresses accept mail | mx_total=2;;;0 mx_reachable=2;;;0;2");
    }

    @Test
    void releaseArchiveRunsWhereItIsExtracted() throws Exception {
        LabEngines.requireLab();
        Path archive = built("smtp-mx-check-*.tar.gz");
        LabEngines.runChecked(List.of("tar", "-xzf", archive.toString(), "-C", tmp.toString()));
        Path home;
        try (Stream<Path> s = Files.list(tmp)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(home.resolve("COPYRIGHT")).isRegularFile();
        assertThat(home.resolve("contrib/icinga2/check_smtp_mx.conf")).isRegularFile();
        assertThat(home.resolve("lib/check_smtp_mx.jsa")).as("the archive ships no path-bound CDS archive").doesNotExist();

        LabEngines.runChecked(List.of(home.resolve("bin/make-cds-archive").toString()));

        assertThat(home.resolve("lib/check_smtp_mx.jsa")).isRegularFile();
        assertWorks(home.resolve("bin/check_smtp_mx"));
    }

    @Test
    void debianPackageInstallsAsAPluginAndRemovesCleanly() throws Exception {
        LabEngines.requireLab();
        assumeTrue("root".equals(System.getProperty("user.name")),
                "installing the .deb needs root (dpkg -i); CI runs lab/test-all as root");
        Path deb = built("smtp-mx-check_*_all.deb");
        assumeTrue(LabEngines.run(List.of("dpkg-query", "-W", PACKAGE), Map.of(), 30).exitCode() != 0,
                "smtp-mx-check is already installed on this machine; not touching it");

        installed = true;
        dpkg("-i", deb.toString());

        assertThat(INSTALLED).isSymbolicLink();
        assertThat(INSTALLED.toRealPath()).isEqualTo(Paths.get("/usr/share/smtp-mx-check/bin/check_smtp_mx"));
        assertThat(Paths.get("/usr/share/smtp-mx-check/lib/check_smtp_mx.jsa")).as("made by postinst").isRegularFile();
        assertThat(Paths.get("/usr/share/icinga2/include/plugins-contrib.d/smtp-mx-check.conf")).isRegularFile();
        assertWorks(INSTALLED);

        dpkg("--purge", PACKAGE);
        installed = false;

        assertThat(INSTALLED).doesNotExist();
        assertThat(Paths.get("/usr/share/smtp-mx-check")).as("nothing left behind, not even the CDS archive").doesNotExist();
    }

    @AfterAll
    static void purgeIfLeftInstalled() throws Exception {
        if (installed) {
            dpkg("--purge", PACKAGE);
        }
    }

    /** dpkg, waiting for the lock if another dpkg or apt runs on this machine. */
    private static void dpkg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("dpkg"));
        cmd.addAll(List.of(args));
        LabEngines.Run r = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            r = LabEngines.run(cmd, Map.of("DEBIAN_FRONTEND", "noninteractive"), 300);
            if (r.exitCode() == 0 || !(r.stderr().contains("lock") || r.stdout().contains("lock"))) {
                break;
            }
            Thread.sleep(2000);
        }
        if (r.exitCode() != 0) {
            fail("dpkg failed: " + r.describe());
        }
    }
}
