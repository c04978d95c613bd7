package dev.smtpmxcheck.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJson;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Behaviour;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Jenkins step does, without Jenkins: the real check against a fake SMTP server and a fake resolver on
 * 127.0.0.1, the report through its JSON text (as it crosses the remoting channel and is stored on the build),
 * then the gate against the previous build's stored text. The jenkins-plugin tests run the same scenarios in a
 * JenkinsRule.
 */
class LoopbackFlowTest {

    private FakeSmtpServer smtp;
    private LoopbackDns dns;

    @BeforeEach
    void servers() throws Exception {
        smtp = new FakeSmtpServer();
        dns = new LoopbackDns().domain("mail.test");
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
        dns.close();
    }

    /** One check as the agent runs it: settings in, the outcome's text out, and the report's JSON read from it. */
    private String checkOnAgent(boolean openRelay) {
        return checkOnAgent(openRelay, null);
    }

    /** As {@link #checkOnAgent(boolean)}, with the step's switches {@code checks} (null for its defaults). */
    private String checkOnAgent(boolean openRelay, CheckSettings.Checks checks) {
        Behaviour mx = new Behaviour();
        smtp.enqueue(Script.wellBehaved(openRelay ? mx.rcptReply("250 2.1.5 Ok") : mx.closedRelayTakingPostmaster()));
        CheckSettings settings = new CheckSettings(smtp.port(), 10, List.of(dns.address()), "jenkins.example.org", true,
                "", "", 30, 7, "", null, checks, null);
        AgentOutcome outcome = AgentOutcome.parse(AgentCheck.run("mail.test", settings));
        assertThat(outcome).isInstanceOf(AgentOutcome.Report.class);
        return ((AgentOutcome.Report) outcome).json();
    }

    @Test
    void relayVariantsSetInTheStepRunOnTheAgent() {
        checkOnAgent(false);
        long basic = smtp.receivedCommands().stream().filter(c -> c.startsWith("MAIL FROM")).count();
        long postmaster = smtp.receivedCommands().stream().filter(c -> c.equals("RCPT TO:<postmaster@mail.test>")).count();

        checkOnAgent(false, new CheckSettings.Checks(null, null, null, null, true, null, null, null));
        long withVariants = smtp.receivedCommands().stream().filter(c -> c.startsWith("MAIL FROM")).count() - basic;
        int before = smtp.receivedCommands().size();
        checkOnAgent(false, new CheckSettings.Checks(null, null, null, null, null, null, false, null));
        List<String> withoutPostmaster = smtp.receivedCommands().subList(before, smtp.receivedCommands().size());

        assertThat(basic).as("the relay probe's MAIL FROM and the postmaster probe's").isEqualTo(2);
        assertThat(postmaster).isEqualTo(1);
        assertThat(withoutPostmaster).filteredOn(c -> c.startsWith("MAIL FROM")).hasSize(1);
        assertThat(withoutPostmaster).noneMatch(c -> c.contains("postmaster@"));
        assertThat(withVariants).isGreaterThan(1);
        smtp.assertNoDataSent();
    }

    @Test
    void firstBuildWarnsAndPassesThenAnOpenRelayFailsAsARegression() {
        String first = checkOnAgent(false);
        ReportJson r1 = JsonReport.read(first);
        GateVerdict v1 = Gate.judge(PreviousReport.none(), r1, GateSettings.defaults());

        String second = checkOnAgent(true);
        ReportJson r2 = JsonReport.read(second);
        GateVerdict v2 = Gate.judge(PreviousReport.parse(first, "mail #1"), r2,
                new GateSettings(null, null, true, BuildResult.FAILURE));

        assertThat(ConsoleSummary.lines(r1, v1, "-")).containsExactly(
                "smtpMxCheck mail.test: WARNING - STARTTLS_NOT_OFFERED on mx.mail.test",
                "smtpMxCheck mail.test: no earlier report of this domain; only failOn and unstableOn apply",
                "smtpMxCheck mail.test: result SUCCESS");
        assertThat(r2.state()).isEqualTo(State.CRITICAL);
        assertThat(v2.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(ConsoleSummary.lines(r2, v2, "mail #1"))
                .contains("smtpMxCheck mail.test: REGRESSION: state WARNING → CRITICAL; the changes follow")
                .anySatisfy(l -> assertThat(l).startsWith("smtpMxCheck mail.test: REGRESSION: new CRITICAL OPEN_RELAY on "
                        + "mx.mail.test [127.0.0.1]:" + smtp.port() + ": ").contains("— fix: Reject unauthenticated relay"))
                .endsWith("smtpMxCheck mail.test: result FAILURE: regression since the previous report:"
                        + " state WARNING → CRITICAL, 1 new or worse finding");
        smtp.assertNoDataSent();
    }

    @Test
    void theMapOfARealCheckHasTheFactsTheScriptReads() {
        ReportJson r = JsonReport.read(checkOnAgent(false));

        Map<String, Object> m = PipelineMap.of(r, Gate.judge(PreviousReport.none(), r, GateSettings.defaults()));

        assertThat(m).containsEntry("state", "WARNING").containsEntry("result", "SUCCESS").containsEntry("firstBuild", true);
        assertThat(((Map<?, ?>) ((List<?>) m.get("findings")).get(0)).get("code")).isEqualTo("STARTTLS_NOT_OFFERED");
        Map<?, ?> mx = (Map<?, ?>) ((List<?>) m.get("mx")).get(0);
        Map<?, ?> address = (Map<?, ?>) ((List<?>) mx.get("addresses")).get(0);
        assertThat(mx.get("host")).isEqualTo("mx.mail.test");
        assertThat(mx.get("preference")).isEqualTo(10);
        assertThat(address.get("reachable")).isEqualTo(true);
        assertThat(address.get("relay")).isEqualTo("REFUSED");
        assertThat(BuildSummary.of(r).rows()).singleElement()
                .isEqualTo(new BuildSummary.Row(10, "mx.mail.test", "127.0.0.1:" + smtp.port(), true, "yes", "—", "—",
                        "refused"));
    }
}
