package dev.smtpmxcheck.jenkins;

import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.gate.AgentCheck;
import dev.smtpmxcheck.gate.AgentOutcome;
import dev.smtpmxcheck.gate.SettingsWire;
import java.util.HashMap;
import jenkins.security.MasterToSlaveCallable;

/**
 * The check itself, sent to the agent and run there, so that it uses the agent's network path to the MX hosts.
 *
 * <p>Only JDK types cross the remoting channel (JEP-200): the settings travel as maps of Strings, Integers, Booleans
 * and lists ({@link SettingsWire}), and the outcome comes back as one String, {@link AgentOutcome#text()}: the report's JSON text ({@link JsonReport}), or a
 * one-line failure with its kind. Bad settings (an EHLO name or relay address that could inject SMTP commands, an
 * unreadable CA or trust anchor file) and faults of the check come back that way, never as an exception whose class
 * or cause the controller's class filter would refuse; {@link SmtpMxCheckExecution} turns them into an
 * {@link hudson.AbortException}. Network and server trouble are findings inside the report.
 */
final class RemoteCheck extends MasterToSlaveCallable<String, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final String domain;
    /** {@link SmtpMxCheckStep#checkSettings()} as JDK types ({@link SettingsWire}). */
    private final HashMap<String, Object> settings;

    RemoteCheck(SmtpMxCheckStep step) {
        domain = step.getDomain();
        settings = SettingsWire.toWire(step.checkSettings());
    }

    /** @return {@link AgentOutcome#text()}; never throws for a bad setting or a fault of the check */
    @Override
    public String call() {
        return AgentCheck.run(domain, SettingsWire.fromWire(settings));
    }
}
