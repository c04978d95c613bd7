package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dependencies point towards {@code report/} (STYLE.md §2): the model imports no probe package, and
 * the probe packages do not import each other except through the seams named here.
 */
class PackageDependencyTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/smtpmxcheck/core");

    private static List<String> imports(String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> l.startsWith("import "))
                            .map(l -> p.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0} must not import {1}")
    @CsvSource({
        "report, dev.smtpmxcheck.core.dns",
        "report, dev.smtpmxcheck.core.smtp",
        "report, dev.smtpmxcheck.core.tls",
        "report, dev.smtpmxcheck.core.relay",
        "report, dev.smtpmxcheck.core.MailCheck",
        "report, dev.smtpmxcheck.core.CheckOptions",
        "dns, dev.smtpmxcheck.core.smtp",
        "dns, dev.smtpmxcheck.core.tls",
        "tls, dev.smtpmxcheck.core.smtp",
        "tls, dev.smtpmxcheck.core.dns",
        "smtp, dev.smtpmxcheck.core.tls",
        "smtp, dev.smtpmxcheck.core.dns",
        "relay, dev.smtpmxcheck.core.smtp",
        "report, dev.smtpmxcheck.core.diagnostics",
        "diagnostics, dev.smtpmxcheck.core.smtp",
        "dns, dev.smtpmxcheck.core.diagnostics",
        "tls, dev.smtpmxcheck.core.diagnostics",
        "smtp, dev.smtpmxcheck.core.diagnostics",
        "report, dev.smtpmxcheck.core.family",
        "family, dev.smtpmxcheck.core.smtp",
        "family, dev.smtpmxcheck.core.dns",
        "family, dev.smtpmxcheck.core.diagnostics",
        "report, dev.smtpmxcheck.core.report.json",
        "report/json, dev.smtpmxcheck.core.dns",
        "report/json, dev.smtpmxcheck.core.smtp",
        "report/json, dev.smtpmxcheck.core.tls",
        "report/json, dev.smtpmxcheck.core.relay",
        "report/json, dev.smtpmxcheck.core.diagnostics",
        "report/json, dev.smtpmxcheck.core.policy",
        "report/json, dev.smtpmxcheck.core.MailCheck",
        "report, dev.smtpmxcheck.core.dnsbl",
        "report/json, dev.smtpmxcheck.core.dnsbl",
        "dnsbl, dev.smtpmxcheck.core.smtp",
        "dnsbl, dev.smtpmxcheck.core.tls",
        "dnsbl, dev.smtpmxcheck.core.diagnostics"
    })
    void dependenciesPointTowardsTheModel(String pkg, String forbidden) throws IOException {
        List<String> imports = imports(pkg);

        assertThat(imports).as("imports of %s", pkg).isNotEmpty();
        assertThat(imports).noneMatch(l -> l.contains("import " + forbidden + ".") || l.contains("import " + forbidden + ";"));
    }
}
