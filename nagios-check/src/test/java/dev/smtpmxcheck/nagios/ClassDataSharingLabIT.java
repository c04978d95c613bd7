package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The class list of the build's class-data archive ({@code nagios-check/src/main/cds/check_smtp_mx.classlist}) covers
 * what real checks against the lab load: no class of the plugin's jars is read and defined from a jar at run time,
 * which costs CPU at every check (see performance.adoc). When this fails after a change, record the list again with
 * {@code nagios-check/src/main/cds/update-classlist} and rebuild.
 */
class ClassDataSharingLabIT {

    @BeforeAll
    static void lab() {
        LabEngines.requireLab();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-H mx1.good.test", "-D multi.test -e cds.test", "-D good.test --json -e cds.test"})
    void everyClassOfTheJarsComesFromTheArchive(String target) throws Exception {
        Path log = Files.createTempFile("class-load", ".log");
        try {
            Path launcher = LabEngines.pluginLayout().resolve("bin/check_smtp_mx");
            List<String> command = new ArrayList<>(List.of(launcher.toString()));
            command.addAll(List.of(target.split(" ")));
            command.addAll(List.of("-s", LabEngines.DNS_SERVER,
                    "-C", LabEngines.repositoryRoot().resolve("lab/run/ca.pem").toString()));

            LabEngines.Run run = LabEngines.run(command,
                    Map.of("CHECK_SMTP_MX_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), 60);

            assertThat(run.exitCode()).as(run.describe()).isBetween(0, 2);
            List<String> loaded = Files.readAllLines(log);
            assertThat(loaded).as("the class-load log").anyMatch(l -> l.contains("source: shared objects file"));
            assertThat(loaded.stream().filter(l -> l.contains("source: file:")).toList())
                    .as("classes defined from the jars, not the archive: run update-classlist").isEmpty();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
