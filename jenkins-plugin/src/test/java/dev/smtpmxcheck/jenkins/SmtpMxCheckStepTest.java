package dev.smtpmxcheck.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Behaviour;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import dev.smtpmxcheck.gate.LoopbackDns;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.slaves.DumbSlave;
import hudson.util.FormValidation;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

/**
 * The step in a real Jenkins (JenkinsRule) against a fake SMTP server and a fake resolver, both on 127.0.0.1.
 * The fake server answers without STARTTLS, so a healthy run is WARNING (STARTTLS_NOT_OFFERED); the default gate
 * (fail on CRITICAL) lets it pass.
 */
@WithJenkins
class SmtpMxCheckStepTest {

    private static final String REFUSE_RELAY = "554 5.7.1 <relay-probe@example.net>: Relay access denied";

    private FakeSmtpServer smtp;
    private LoopbackDns dns;

    @BeforeEach
    void servers() throws Exception {
        smtp = new FakeSmtpServer();
        dns = new LoopbackDns().domain("mail.test").domain("other.test");
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
        dns.close();
    }

    /** One server connection that refuses to relay (WARNING: no STARTTLS) or relays (CRITICAL: OPEN_RELAY). */
    private void serve(boolean openRelay) {
        smtp.enqueue(Script.wellBehaved(new Behaviour().rcptReply(openRelay ? "250 2.1.5 Ok" : REFUSE_RELAY)));
    }

    private String call(String domain, String extra) {
        return "smtpMxCheck(domain: '" + domain + "', port: " + smtp.port() + ", dnsServer: '" + dns.address()
                + "', ehloName: 'jenkins.example.org', timeout: 10" + extra + ")";
    }

    private WorkflowJob job(String body) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "mail");
        p.setDefinition(new CpsFlowDefinition("node {\n" + body + "\n}", true));
        return p;
    }

    private JenkinsRule j;

    @BeforeEach
    void jenkins(JenkinsRule rule) {
        j = rule;
    }

    @Test
    void healthyDomainPassesAndIsRecordedOnTheBuild() throws Exception {
        serve(false);
        WorkflowJob p = job(call("mail.test", ""));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("smtpMxCheck mail.test: WARNING - STARTTLS_NOT_OFFERED on mx.mail.test", b);
        j.assertLogContains("smtpMxCheck mail.test: no earlier report of this domain", b);
        SmtpMxCheckAction action = SmtpMxCheckAction.forDomain(b, "mail.test");
        assertThat(action, notNullValue());
        assertThat(action.getResult(), is("SUCCESS"));
        assertThat(action.getSummary().rows(), hasSize(1));
        assertThat(action.getSummary().rows().get(0).reachable(), is(true));
        assertThat(action.getSummary().rows().get(0).relay(), is("refused"));
        assertThat(p.getAction(SmtpMxCheckJobAction.class), notNullValue());
        smtp.assertNoDataSent();
    }

    @Test
    void regressionFailsTheBuildWithALinePerRegression() throws Exception {
        serve(false);
        serve(true);
        WorkflowJob p = job(call("mail.test", ", failOn: 'NEVER'"));
        j.buildAndAssertSuccess(p);

        WorkflowRun second = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("smtpMxCheck mail.test: REGRESSION: new CRITICAL OPEN_RELAY on mx.mail.test [127.0.0.1]:"
                + smtp.port(), second);
        j.assertLogContains("— fix: Reject unauthenticated relay", second);
        j.assertLogContains("regression since the previous report: state WARNING → CRITICAL", second);
        assertThat(SmtpMxCheckAction.forDomain(second, "mail.test").getResult(), is("FAILURE"));
        smtp.assertNoDataSent();
    }

    @Test
    void regressionResultUnstableMarksTheBuildAndTheStep() throws Exception {
        serve(false);
        serve(true);
        WorkflowJob p = job(call("mail.test", ", failOn: 'NEVER', regressionResult: 'UNSTABLE'"));
        j.buildAndAssertSuccess(p);

        WorkflowRun second = j.buildAndAssertStatus(Result.UNSTABLE, p);

        List<FlowNode> steps = new DepthFirstScanner().filteredNodes(second.getExecution(),
                n -> "smtpMxCheck".equals(n.getDisplayFunctionName()));
        assertThat(steps, hasSize(1));
        WarningAction w = steps.get(0).getPersistentAction(WarningAction.class);
        assertThat(w, notNullValue());
        assertThat(w.getResult(), is(Result.UNSTABLE));
        assertThat(w.getMessage(), containsString("smtpMxCheck mail.test: CRITICAL, regression since the previous report"));
    }

    @Test
    void unstableOnWarningOnTheFirstBuild() throws Exception {
        serve(false);
        WorkflowJob p = job(call("mail.test", ", unstableOn: 'WARNING'"));

        WorkflowRun b = j.buildAndAssertStatus(Result.UNSTABLE, p);

        j.assertLogContains("result UNSTABLE: state WARNING reaches unstableOn WARNING", b);
    }

    @Test
    void returnsAMapTheScriptCanBranchOn() throws Exception {
        serve(false);
        WorkflowJob p = job("def r = " + call("mail.test", "") + "\n"
                + "echo \"state=${r.state} result=${r.result} first=${r.firstBuild}\"\n"
                + "echo \"code=${r.findings[0].code} host=${r.mx[0].host} pref=${r.mx[0].preference}"
                + " reachable=${r.mx[0].addresses[0].reachable} relay=${r.mx[0].addresses[0].relay}\"\n"
                + "if (r.state == 'WARNING') { echo 'branch taken' }");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("state=WARNING result=SUCCESS first=true", b);
        j.assertLogContains("code=STARTTLS_NOT_OFFERED host=mx.mail.test pref=10 reachable=true relay=REFUSED", b);
        j.assertLogContains("branch taken", b);
    }

    @Test
    void severalDomainsInOneBuildKeepTheirOwnResults() throws Exception {
        serve(false);
        serve(false);
        WorkflowJob p = job(call("mail.test", "") + "\n" + call("other.test", ""));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        assertThat(b.getActions(SmtpMxCheckAction.class).stream().map(SmtpMxCheckAction::getDomain).toList(),
                contains("mail.test", "other.test"));
        j.assertLogContains("smtpMxCheck other.test: WARNING", b);
    }

    @Test
    void runsOnTheAgent() throws Exception {
        DumbSlave agent = j.createOnlineSlave(Label.get("mailcheck"));
        serve(false);
        WorkflowJob p = j.createProject(WorkflowJob.class, "on-agent");
        p.setDefinition(new CpsFlowDefinition("node('mailcheck') {\n" + call("mail.test", "") + "\n}", true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("Running on " + agent.getNodeName(), b);
        j.assertLogContains("smtpMxCheck mail.test: WARNING - STARTTLS_NOT_OFFERED", b);
        assertThat(SmtpMxCheckAction.forDomain(b, "mail.test"), notNullValue());
    }

    @Test
    void badDomainFailsWithOneLine() throws Exception {
        WorkflowJob p = job("smtpMxCheck domain: 'exa mple.test'");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("smtpMxCheck: ", b);
        j.assertLogNotContains("\tat dev.smtpmxcheck", b);
    }

    @Test
    void contradictingOrMalformedSettingsFailWithOneLine() throws Exception {
        WorkflowJob p = job("smtpMxCheck domain: 'mail.test', dane: false, trustAnchor: '/srv/anchor.txt'");
        WorkflowRun dane = j.buildAndAssertStatus(Result.FAILURE, p);
        p.setDefinition(new CpsFlowDefinition("node {\nsmtpMxCheck domain: 'mail.test', warningConnect: '3s'\n}", true));
        WorkflowRun range = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("smtpMxCheck: dane: false contradicts trustAnchor", dane);
        j.assertLogNotContains("\tat dev.smtpmxcheck", dane);
        j.assertLogContains("smtpMxCheck: warningConnect: invalid range '3s'", range);
        j.assertLogNotContains("\tat dev.smtpmxcheck", range);
    }

    @Test
    void configRoundTrip() throws Exception {
        SmtpMxCheckStep step = new SmtpMxCheckStep("example.com");
        step.setPort(2525);
        step.setTimeout(20);
        step.setDnsServer("127.0.0.1:5353");
        step.setEhloName("jenkins.example.org");
        step.setRelayProbe(false);
        step.setRelayFrom("probe@example.org");
        step.setRelayTo("probe@example.net");
        step.setCertWarningDays(21);
        step.setCertCriticalDays(5);
        step.setCaFile("/etc/ssl/extra.pem");
        step.setFailOn("WARNING");
        step.setUnstableOn("UNKNOWN");
        step.setFailOnRegression(false);
        step.setRegressionResult("UNSTABLE");
        step.setTrustAnchor("/srv/lab/trust-anchor.txt");
        step.setMtaSts(false);
        step.setTlsRpt(false);
        step.setReverseDns(false);
        step.setTlsScan(true);
        step.setStarttlsInjectionTest(true);
        step.setWarningTime("5");
        step.setCriticalTime("10");
        step.setWarningConnect("~:1.5");
        step.setCriticalConnect("3");
        step.setWarningTotal("@20:30");
        step.setCriticalTotal("60");

        SmtpMxCheckStep after = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, after);
    }

    @Test
    void configRoundTripOfTheSwitchesThatExcludeOthers() throws Exception {
        SmtpMxCheckStep noDane = new SmtpMxCheckStep("example.com");
        noDane.setDane(false);
        SmtpMxCheckStep adAndVariants = new SmtpMxCheckStep("example.com");
        adAndVariants.setDnssecTrustAd(true);
        adAndVariants.setRelayVariants(true);

        SmtpMxCheckStep noDaneAfter = new StepConfigTester(j).configRoundTrip(noDane);
        SmtpMxCheckStep adAndVariantsAfter = new StepConfigTester(j).configRoundTrip(adAndVariants);

        j.assertEqualDataBoundBeans(noDane, noDaneAfter);
        j.assertEqualDataBoundBeans(adAndVariants, adAndVariantsAfter);
    }

    @Test
    void aTrustAnchorMissingOnTheAgentFailsWithItsMessageNotAClassFilterRejection() throws Exception {
        j.createOnlineSlave(Label.get("mailcheck"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "anchor");
        p.setDefinition(new CpsFlowDefinition("node('mailcheck') {\n"
                + call("mail.test", ", trustAnchor: '/nonexistent/smtp-mx-check/anchor.txt'") + "\n}", true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("smtpMxCheck mail.test: ", b);
        j.assertLogContains("anchor.txt", b);
        j.assertLogNotContains("ClassFilter", b);
        j.assertLogNotContains("Rejected", b);
        j.assertLogNotContains("\tat dev.smtpmxcheck", b);
        assertThat(b.getActions(SmtpMxCheckAction.class), hasSize(0));
    }

    @Test
    void parallelBranchesCheckingOneDomainLeaveOneAction() throws Exception {
        serve(false);
        serve(false);
        WorkflowJob p = job("parallel a: {\n" + call("mail.test", "") + "\n}, b: {\n" + call("mail.test", "")
                + "\n}");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        assertThat(b.getActions(SmtpMxCheckAction.class), hasSize(1));
        assertThat(b.getAllActions().stream().filter(a -> "smtp-mx-check-mail.test".equals(a.getUrlName())).count(),
                is(1L));
        b.save();
        String stored = Files.readString(new File(b.getRootDir(), "build.xml").toPath());
        assertThat(stored.split("<dev.smtpmxcheck.jenkins.SmtpMxCheckAction>", -1).length - 1, is(1));
    }

    @Test
    void aDomainIsComparedWithTheLastBuildThatCheckedItNotJustThePreviousOne() throws Exception {
        serve(false);
        serve(false);
        serve(false);
        WorkflowJob p = job(call("mail.test", ""));
        WorkflowRun first = j.buildAndAssertSuccess(p);
        p.setDefinition(new CpsFlowDefinition("node {\n" + call("other.test", "") + "\n}", true));
        j.buildAndAssertSuccess(p);
        p.setDefinition(new CpsFlowDefinition("node {\n" + call("mail.test", "") + "\n}", true));

        WorkflowRun third = j.buildAndAssertSuccess(p);

        j.assertLogContains("smtpMxCheck mail.test: compared with " + first.getFullDisplayName(), third);
        assertThat(SmtpMxCheckExecution.earlierReports(third).walked(), is(2));
    }

    @Test
    void theJobBoxShowsTheLastCompletedBuildsResults() throws Exception {
        serve(false);
        WorkflowJob p = job(call("mail.test", ""));
        WorkflowJob none = j.createProject(WorkflowJob.class, "no-check");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        SmtpMxCheckJobAction box = p.getAction(SmtpMxCheckJobAction.class);
        assertThat(box.getRun(), is(b));
        assertThat(box.getResults().stream().map(SmtpMxCheckAction::getDomain).toList(), contains("mail.test"));
        assertThat(none.getAction(SmtpMxCheckJobAction.class).getResults(), hasSize(0));
        assertThat(j.createWebClient().getPage(p).getWebResponse().getContentAsString(),
                containsString("SMTP MX check, last completed build (#1)"));
        assertThat(j.createWebClient().getPage(none).getWebResponse().getContentAsString(),
                not(containsString("SMTP MX check")));
    }

    @Test
    void formValidationNeedsTheJobsConfigurePermission() throws Exception {
        WorkflowJob p = job("echo 'x'");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("author"));
        SmtpMxCheckStep.DescriptorImpl d = j.jenkins.getDescriptorByType(SmtpMxCheckStep.DescriptorImpl.class);

        try (ACLContext c = ACL.as(User.getById("reader", true))) {
            assertThrows(AccessDeniedException.class, () -> d.doCheckDomain(p, "mail.test"));
            assertThrows(AccessDeniedException.class, () -> d.doCheckWarningConnect(p, "3"));
            assertThat(d.doCheckDomain(null, "mail.test").kind, is(FormValidation.Kind.OK));
        }
        try (ACLContext c = ACL.as(User.getById("author", true))) {
            assertThat(d.doCheckDomain(p, "exa mple.test").kind, is(FormValidation.Kind.ERROR));
            assertThat(d.doCheckWarningConnect(p, "3s").kind, is(FormValidation.Kind.ERROR));
            assertThat(d.doCheckPort(p, "25").kind, is(FormValidation.Kind.OK));
        }
    }
}
