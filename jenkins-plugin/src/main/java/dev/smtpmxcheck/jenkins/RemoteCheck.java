package dev.smtpmxcheck.jenkins;

import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.gate.AgentCheck;
import dev.smtpmxcheck.gate.AgentOutcome;
import dev.smtpmxcheck.gate.CheckSettings;
import java.util.ArrayList;
import jenkins.security.MasterToSlaveCallable;

/**
 * The check itself, sent to the agent and run there, so that it uses the agent's network path to the MX hosts.
 *
 * <p>Only JDK types cross the remoting channel (JEP-200): the settings travel as Strings, ints and booleans, and the
 * outcome comes back as one String, {@link AgentOutcome#text()}: the report's JSON text ({@link JsonReport}), or a
 * one-line failure with its kind. Bad settings (an EHLO name or relay address that could inject SMTP commands, an
 * unreadable CA or trust anchor file) and faults of the check come back that way, never as an exception whose class
 * or cause the controller's class filter would refuse; {@link SmtpMxCheckExecution} turns them into an
 * {@link hudson.AbortException}. Network and server trouble are findings inside the report.
 */
final class RemoteCheck extends MasterToSlaveCallable<String, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final String domain;
    private final int port;
    private final int timeoutSeconds;
    private final ArrayList<String> dnsServers;
    private final String ehloName;
    private final boolean relayProbe;
    private final boolean postmasterTest;
    private final String relayFrom;
    private final String relayTo;
    private final int certWarningDays;
    private final int certCriticalDays;
    private final String caFile;
    private final boolean dane;
    private final String trustAnchor;
    private final boolean dnssecTrustAd;
    private final boolean mtaSts;
    private final boolean tlsRpt;
    private final boolean reverseDns;
    private final boolean tlsScan;
    private final boolean requireTls;
    private final boolean relayVariants;
    private final boolean starttlsInjectionTest;
    private final String warningTime;
    private final String criticalTime;
    private final String warningConnect;
    private final String criticalConnect;
    private final String warningTotal;
    private final String criticalTotal;
    private final Integer certWarningPercent;
    private final Integer certCriticalPercent;
    private final ArrayList<String> dnsbl;
    private final boolean dnsblDefault;
    private final boolean dnsblCritical;

    RemoteCheck(SmtpMxCheckStep step) {
        domain = step.getDomain();
        port = step.getPort();
        timeoutSeconds = step.getTimeout();
        dnsServers = new ArrayList<>(step.dnsServers());
        ehloName = step.getEhloName();
        relayProbe = step.isRelayProbe();
        postmasterTest = step.isPostmasterTest();
        relayFrom = step.getRelayFrom();
        relayTo = step.getRelayTo();
        certWarningDays = step.getCertWarningDays();
        certCriticalDays = step.getCertCriticalDays();
        caFile = step.getCaFile();
        dane = step.isDane();
        trustAnchor = step.getTrustAnchor();
        dnssecTrustAd = step.isDnssecTrustAd();
        mtaSts = step.isMtaSts();
        tlsRpt = step.isTlsRpt();
        reverseDns = step.isReverseDns();
        tlsScan = step.isTlsScan();
        requireTls = step.isRequireTls();
        relayVariants = step.isRelayVariants();
        starttlsInjectionTest = step.isStarttlsInjectionTest();
        warningTime = step.getWarningTime();
        criticalTime = step.getCriticalTime();
        warningConnect = step.getWarningConnect();
        criticalConnect = step.getCriticalConnect();
        warningTotal = step.getWarningTotal();
        criticalTotal = step.getCriticalTotal();
        certWarningPercent = step.getCertWarningPercent();
        certCriticalPercent = step.getCertCriticalPercent();
        dnsbl = new ArrayList<>(step.dnsblZones());
        dnsblDefault = step.isDnsblDefault();
        dnsblCritical = step.isDnsblCritical();
    }

    /** @return {@link AgentOutcome#text()}; never throws for a bad setting or a fault of the check */
    @Override
    public String call() {
        CheckSettings settings = new CheckSettings(port, timeoutSeconds, dnsServers, ehloName, relayProbe, relayFrom,
                relayTo, certWarningDays, certCriticalDays, caFile,
                new CheckSettings.DaneSettings(dane, trustAnchor, dnssecTrustAd),
                new CheckSettings.Checks(mtaSts, tlsRpt, reverseDns, tlsScan, relayVariants, starttlsInjectionTest,
                        postmasterTest, null),
                new CheckSettings.TimeRanges(warningTime, criticalTime, warningConnect, criticalConnect, warningTotal,
                        criticalTotal),
                new CheckSettings.CertPercent(certWarningPercent, certCriticalPercent),
                new CheckSettings.Dnsbl(dnsbl, dnsblDefault, dnsblCritical), requireTls);
        return AgentCheck.run(domain, settings);
    }
}
