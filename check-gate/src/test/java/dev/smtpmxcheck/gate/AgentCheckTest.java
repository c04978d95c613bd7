package dev.smtpmxcheck.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.util.ICUUncheckedIOException;
import dev.smtpmxcheck.core.report.json.JsonReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.TextParseException;

/**
 * The agent side of the step: whatever the check throws, the controller gets plain text (JEP-200 refuses the
 * classes of check-core, dnsjava, Jackson and ICU).
 */
class AgentCheckTest {

    private static CheckSettings settings(String ehloName, String trustAnchor) {
        return new CheckSettings(2525, 10, List.of("127.0.0.1:1"), ehloName, true, "", "", 30, 7, "",
                new CheckSettings.DaneSettings(true, trustAnchor, false), null, null);
    }

    private static AgentOutcome.Failed failed(String text) {
        AgentOutcome outcome = AgentOutcome.parse(text);
        assertThat(outcome).isInstanceOf(AgentOutcome.Failed.class);
        return (AgentOutcome.Failed) outcome;
    }

    @Test
    void anEhloNameThatCouldInjectCommandsIsASettingsFailureBeforeAnyConnection() {
        String text = AgentCheck.run("mail.test", settings("ci.example.org\r\nRCPT TO:<x@example.net>", ""));

        AgentOutcome.Failed f = failed(text);

        assertThat(f.kind()).isEqualTo(AgentOutcome.Kind.SETTINGS);
        assertThat(f.message()).isNotBlank().doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aTrustAnchorFileMissingOnTheAgentIsASettingsFailureNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-anchor.txt");

        AgentOutcome.Failed f = failed(AgentCheck.run("mail.test", settings("ci.example.org", missing.toString())));

        assertThat(f.kind()).isEqualTo(AgentOutcome.Kind.SETTINGS);
        assertThat(f.message()).contains("no-such-anchor.txt");
    }

    @Test
    void exceptionsOfBundledLibrariesComeBackAsOneLineOfText() {
        AgentOutcome dns = AgentCheck.outcome(() -> {
            throw new UncheckedIOException("zone unreadable", new TextParseException("bad\nzone line 3"));
        });
        AgentOutcome icu = AgentCheck.outcome(() -> {
            throw new ICUUncheckedIOException("no data");
        });
        AgentOutcome init = AgentCheck.outcome(() -> {
            throw new ExceptionInInitializerError(new IllegalStateException("no root anchors"));
        });

        assertThat(dns).isEqualTo(new AgentOutcome.Failed(AgentOutcome.Kind.INTERNAL_ERROR,
                "internal error on the agent: UncheckedIOException: zone unreadable; caused by TextParseException: bad"));
        assertThat(icu).isEqualTo(new AgentOutcome.Failed(AgentOutcome.Kind.INTERNAL_ERROR,
                "internal error on the agent: ICUUncheckedIOException: no data"));
        assertThat(((AgentOutcome.Failed) init).message()).isEqualTo("internal error on the agent:"
                + " ExceptionInInitializerError; caused by IllegalStateException: no root anchors");
    }

    @Test
    void anIllegalArgumentWithoutMessageIsNamedAndALongMessageIsCut() {
        AgentOutcome bare = AgentCheck.outcome(() -> {
            throw new IllegalArgumentException();
        });
        AgentOutcome.Failed lengthy = (AgentOutcome.Failed) AgentCheck.outcome(() -> {
            throw new IllegalStateException("x".repeat(1000));
        });

        assertThat(bare).isEqualTo(new AgentOutcome.Failed(AgentOutcome.Kind.SETTINGS, "IllegalArgumentException"));
        assertThat(lengthy.message()).hasSize(AgentCheck.MAX_MESSAGE).endsWith("x…");
    }

    @Test
    void aCauseChainIsCutAfterThreeCausesAndACycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        AgentOutcome.Failed f = (AgentOutcome.Failed) AgentCheck.outcome(() -> {
            throw new IllegalStateException("top", b);
        });

        assertThat(f.message()).isEqualTo("internal error on the agent: IllegalStateException: top;"
                + " caused by RuntimeException: b; caused by RuntimeException: a; caused by RuntimeException: b");
    }

    @Test
    void aVirtualMachineErrorIsNotSwallowed() {
        assertThatThrownBy(() -> AgentCheck.outcome(() -> {
            throw new OutOfMemoryError("heap");
        })).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void theOutcomeTextRoundTripsAndSerializesAsAStringOnly() throws IOException {
        AgentOutcome report = new AgentOutcome.Report(JsonReport.write(GateReports.report(GateReports.expired(1))));
        AgentOutcome failure = new AgentOutcome.Failed(AgentOutcome.Kind.SETTINGS, "ehloName: not a host name");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(report.text());
        }

        assertThat(AgentOutcome.parse(report.text())).isEqualTo(report);
        assertThat(AgentOutcome.parse(failure.text())).isEqualTo(failure);
        assertThat(failure.text()).isEqualTo("failed SETTINGS\nehloName: not a host name");
        // a String is written as TC_STRING/TC_LONGSTRING, with no class descriptor the class filter could refuse
        assertThat(bytes.toByteArray()[4]).isIn((byte) 0x74, (byte) 0x7C);
    }

    @Test
    void textThatIsNoOutcomeIsRefused() {
        assertThatThrownBy(() -> AgentOutcome.parse("{\"domain\": \"x\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a check outcome: no header line");
        assertThatThrownBy(() -> AgentOutcome.parse("failed NOPE\nx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a check outcome: failed NOPE");
        assertThatThrownBy(() -> AgentOutcome.parse("other\nx")).hasMessage("not a check outcome: other");
        assertThatThrownBy(() -> new AgentOutcome.Failed(AgentOutcome.Kind.SETTINGS, "two\nlines"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
