package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything that steers one check. Build it with {@link #defaults()} and the {@code with...} methods; the
 * constructor checks only that each value can be used. Front ends build it through {@link OptionPlan}, which checks
 * every rule between the options a user gives and words the message for that user.
 *
 * @param port the SMTP port to probe (25, RFC 5321 §4.5.4.2)
 * @param timeout the overall deadline of the check; every probe ends by then (plugin option -t)
 * @param stageTimeout the longest wait for one stage: TCP connect, one reply, one TLS handshake, one DNS query;
 *     normally {@link #stageTimeoutFor min(10 s, timeout)}
 * @param ehloName the name sent with EHLO/HELO
 * @param dnsServers resolvers as {@code host[:port]} ({@link dev.smtpmxcheck.core.dns.ResolverAddress#parse}); empty
 *     means the system's resolvers
 * @param family which address families to probe
 * @param relayProbe whether to run the open-relay probe
 * @param relayFrom the reverse-path of the relay probe (an address outside the checked domain)
 * @param relayTo the forward-path of the relay probe (an address outside the checked domain)
 * @param caFile extra trust anchors (PEM file), added to the JDK trust store, or null
 * @param certWarningDays a certificate expiring in fewer days than this is WARNING
 * @param certCriticalDays a certificate expiring in fewer days than this is CRITICAL
 * @param greetingTimeWarning range (seconds) for the greeting time: from the established TCP connection to the
 *     end of the 220 greeting ({@link dev.smtpmxcheck.core.report.Greeting#millis()}); null for none
 * @param greetingTimeCritical likewise for CRITICAL; null for none
 * @param maxParallel how many addresses are probed at once
 * @param timeoutSeverity the severity of a timeout (a stalled SMTP stage, the TLS handshake included, a connect or
 *     DNS query that got no answer) where it would otherwise be CRITICAL or WARNING: the {@code STATE} of the plugin's
 *     {@code -t SECONDS:STATE} (Monitoring Plugins convention); CRITICAL by default, which leaves every timeout at
 *     the severity it earned
 * @param smtpDiagnostics relay variants, STARTTLS injection test, connect and total time thresholds
 * @param dane whether and how DANE is checked (RFC 7672); on by default, validating from the root trust anchors
 * @param stsRpt which per-domain policy checks run: MTA-STS (RFC 8461) and TLS-RPT (RFC 8460); both by default
 * @param diagnostics the TLS version scan and reverse DNS switches
 * @param certPercent the certificate expiry thresholds given as shares of the leaf certificate's lifetime, which
 *     replace {@code certWarningDays} and {@code certCriticalDays} for the leaf; {@link CertPercent#NONE} by default
 * @param dnsbl the blocklists (DNSBL, RFC 5782) every MX address is looked up in; none by default
 * @param postmasterTest whether each address is asked, after the relay probe and in the same session, whether it takes
 *     mail for {@code postmaster@} the checked domain (MAIL FROM the relay probe's reverse-path, RCPT TO, RSET; never
 *     DATA; RFC 5321 §4.5.1); on by default, never run for a host checked with {@code -H}
 * @param requireTls true when the domain's partners require verified TLS: opportunistic senders are then judged as
 *     verifying ones (PKIX and the MX name, or a DANE match), so that every TLS failure is CRITICAL; off by default
 */
public record CheckOptions(
        int port,
        Duration timeout,
        Duration stageTimeout,
        String ehloName,
        List<String> dnsServers,
        AddressFamily family,
        boolean relayProbe,
        String relayFrom,
        String relayTo,
        Path caFile,
        int certWarningDays,
        int certCriticalDays,
        Range greetingTimeWarning,
        Range greetingTimeCritical,
        int maxParallel,
        Severity timeoutSeverity,
        SmtpDiagnosticOptions smtpDiagnostics,
        DaneOptions dane,
        StsRptOptions stsRpt,
        DiagnosticOptions diagnostics,
        CertPercent certPercent,
        DnsblOptions dnsbl,
        boolean postmasterTest,
        boolean requireTls) {

    /**
     * Certificate expiry thresholds as a share of the leaf certificate's own lifetime (RFC 5280 §4.1.2.5:
     * {@code notAfter - notBefore}), as {@code check_smtp_mx -w 33% -c 10%}. A null level uses the days of
     * {@link CheckOptions#certWarningDays()} or {@link CheckOptions#certCriticalDays()}.
     *
     * @param warning WARNING below this many percent of the lifetime left (0 to 100), or null for days
     * @param critical CRITICAL below this many percent of the lifetime left (0 to 100), or null for days
     */
    public record CertPercent(Integer warning, Integer critical) {
        /** Both levels in days. */
        public static final CertPercent NONE = new CertPercent(null, null);

        /**
         * The share of its lifetime left (percent) below which a certificate whose lifetime is shorter than twice the
         * warning days is WARNING: {@value dev.smtpmxcheck.core.tls.ExpiryRule#DEFAULT_WARNING_PERCENT}.
         */
        public static final int SHORT_LIVED_WARNING = dev.smtpmxcheck.core.tls.ExpiryRule.DEFAULT_WARNING_PERCENT;

        /** Likewise for CRITICAL: {@value dev.smtpmxcheck.core.tls.ExpiryRule#DEFAULT_CRITICAL_PERCENT}. */
        public static final int SHORT_LIVED_CRITICAL = dev.smtpmxcheck.core.tls.ExpiryRule.DEFAULT_CRITICAL_PERCENT;
    }

    /**
     * Which of the per-domain transport-security policy checks run (only for a domain, never for {@code -H}).
     *
     * @param mtaSts look up {@code _mta-sts}, fetch and judge the MTA-STS policy (RFC 8461)
     * @param tlsRpt look up and judge the TLS-RPT record at {@code _smtp._tls} (RFC 8460)
     */
    public record StsRptOptions(boolean mtaSts, boolean tlsRpt) {
        /** Both checks on. */
        public static final StsRptOptions ALL = new StsRptOptions(true, true);
    }

    /** Default overall deadline: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The longest wait for one stage (TCP connect, one SMTP reply, one TLS handshake, one DNS query): 10 s. A stage
     * that waits longer is a timeout finding, so that one stalled server cannot use up the whole deadline; the
     * stage timeout of a check is {@link #stageTimeoutFor min(10 s, overall timeout)}.
     */
    public static final Duration MAX_STAGE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The stage timeout that goes with the overall deadline {@code timeout}: {@link #MAX_STAGE_TIMEOUT} (10 s), or
     * {@code timeout} when that is shorter.
     *
     * @param timeout the overall deadline, positive
     * @return min(10 s, {@code timeout})
     */
    public static Duration stageTimeoutFor(Duration timeout) {
        return timeout.compareTo(MAX_STAGE_TIMEOUT) < 0 ? timeout : MAX_STAGE_TIMEOUT;
    }

    /**
     * Default relay-probe reverse-path. example.org and example.net are reserved (RFC 2606), so no
     * real person or domain can be reached through them, even by a server that relays.
     */
    public static final String DEFAULT_RELAY_FROM = "relay-probe@example.org";

    /** Default relay-probe forward-path; see {@link #DEFAULT_RELAY_FROM}. */
    public static final String DEFAULT_RELAY_TO = "relay-probe@example.net";

    public CheckOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stageTimeout, "stageTimeout");
        Objects.requireNonNull(ehloName, "ehloName");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(timeoutSeverity, "timeoutSeverity");
        Objects.requireNonNull(smtpDiagnostics, "smtpDiagnostics");
        Objects.requireNonNull(dane, "dane");
        Objects.requireNonNull(stsRpt, "stsRpt");
        Objects.requireNonNull(diagnostics, "diagnostics");
        Objects.requireNonNull(certPercent, "certPercent");
        Objects.requireNonNull(dnsbl, "dnsbl");
        dnsServers = List.copyOf(dnsServers);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout.toMillis() + " ms");
        }
        if (stageTimeout.isNegative() || stageTimeout.isZero()) {
            throw new IllegalArgumentException("stage timeout must be positive, got " + stageTimeout.toMillis() + " ms");
        }
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be at least 1, got " + maxParallel);
        }
    }

    /**
     * Port 25, 30 s overall, 10 s per stage, EHLO name {@code localhost}, system resolvers, both families,
     * relay probe on with the RFC 2606 addresses, certificate warning at 30 and critical at 7 days,
     * no timing thresholds, 16 addresses at once, timeouts CRITICAL, {@link SmtpDiagnosticOptions#defaults()},
     * DANE validating from the root anchors,
     * MTA-STS and TLS-RPT checked,
     * reverse DNS on, TLS version scan off, certificate thresholds in days only, no blocklist lookups, postmaster
     * probe on.
     */
    public static CheckOptions defaults() {
        return new CheckOptions(25, DEFAULT_TIMEOUT, MAX_STAGE_TIMEOUT, EhloName.LOCALHOST, List.of(),
                AddressFamily.ANY, true, DEFAULT_RELAY_FROM, DEFAULT_RELAY_TO, null, 30, 7, null, null, 16, Severity.CRITICAL,
                SmtpDiagnosticOptions.defaults(), DaneOptions.defaults(), StsRptOptions.ALL,
                DiagnosticOptions.defaults(), CertPercent.NONE, DnsblOptions.NONE, true, false);
    }

    /**
     * This with {@code requireTls}: when true, opportunistic senders are judged as verifying ones (every TLS failure
     * is CRITICAL).
     */
    public CheckOptions withRequireTls(boolean requireTls) {
        return edit(b -> b.requireTls = requireTls);
    }

    /** This with {@code port} (1 to 65535). */
    public CheckOptions withPort(int port) {
        return edit(b -> b.port = port);
    }

    /** This with the overall deadline {@code timeout}. */
    public CheckOptions withTimeout(Duration timeout) {
        return edit(b -> b.timeout = timeout);
    }

    /** This with the per-stage timeout {@code stageTimeout}. */
    public CheckOptions withStageTimeout(Duration stageTimeout) {
        return edit(b -> b.stageTimeout = stageTimeout);
    }

    /** This with the EHLO/HELO name {@code ehloName}. */
    public CheckOptions withEhloName(String ehloName) {
        return edit(b -> b.ehloName = ehloName);
    }

    /** This with the resolvers {@code dnsServers} ({@code host[:port]}; empty for the system's). */
    public CheckOptions withDnsServers(List<String> dnsServers) {
        return edit(b -> b.dnsServers = dnsServers);
    }

    /** This probing only {@code family}. */
    public CheckOptions withFamily(AddressFamily family) {
        return edit(b -> b.family = family);
    }

    /** This with the relay probe on or off, and its reverse-path and forward-path. */
    public CheckOptions withRelayProbe(boolean on, String from, String to) {
        return edit(b -> {
            b.relayProbe = on;
            b.relayFrom = from;
            b.relayTo = to;
        });
    }

    /** This with the extra trust anchors of {@code caFile} (PEM), or none for null. */
    public CheckOptions withCaFile(Path caFile) {
        return edit(b -> b.caFile = caFile);
    }

    /** This with the certificate expiry thresholds, in days. */
    public CheckOptions withCertDays(int warningDays, int criticalDays) {
        return edit(b -> {
            b.certWarningDays = warningDays;
            b.certCriticalDays = criticalDays;
        });
    }

    /** This with the certificate expiry thresholds as shares of the leaf's lifetime ({@link CertPercent}). */
    public CheckOptions withCertPercent(CertPercent certPercent) {
        return edit(b -> b.certPercent = certPercent);
    }

    /** This with the blocklists every MX address is looked up in ({@link DnsblOptions}). */
    public CheckOptions withDnsbl(DnsblOptions dnsbl) {
        return edit(b -> b.dnsbl = dnsbl);
    }

    /** This with the greeting-time ranges (seconds), null for none. */
    public CheckOptions withGreetingTime(Range warning, Range critical) {
        return edit(b -> {
            b.greetingTimeWarning = warning;
            b.greetingTimeCritical = critical;
        });
    }

    /** This with {@code severity} for timeouts that would be CRITICAL. */
    public CheckOptions withTimeoutSeverity(Severity severity) {
        return edit(b -> b.timeoutSeverity = severity);
    }

    /** This probing at most {@code maxParallel} addresses at once. */
    public CheckOptions withMaxParallel(int maxParallel) {
        return edit(b -> b.maxParallel = maxParallel);
    }

    /** This with the deeper SMTP diagnostics and connect/total time thresholds {@code smtpDiagnostics}. */
    public CheckOptions withSmtpDiagnostics(SmtpDiagnosticOptions smtpDiagnostics) {
        return edit(b -> b.smtpDiagnostics = smtpDiagnostics);
    }

    /** This with the DANE settings {@code dane}. */
    public CheckOptions withDane(DaneOptions dane) {
        return edit(b -> b.dane = dane);
    }

    /** This with the MTA-STS and TLS-RPT checks on or off as {@code stsRpt} says. */
    public CheckOptions withStsRpt(StsRptOptions stsRpt) {
        return edit(b -> b.stsRpt = stsRpt);
    }

    /** This with the postmaster probe (RCPT TO:&lt;postmaster@domain&gt;, RFC 5321 §4.5.1) on or off. */
    public CheckOptions withPostmasterTest(boolean on) {
        return edit(b -> b.postmasterTest = on);
    }

    /** This with the diagnostics switches {@code diagnostics}. */
    public CheckOptions withDiagnostics(DiagnosticOptions diagnostics) {
        return edit(b -> b.diagnostics = diagnostics);
    }

    /**
     * The switches of the TLS version scan and the reverse DNS lookups. IPv4/IPv6 parity is judged from the
     * per-address reports and has no switch.
     *
     * @param tlsScan whether to run the TLS version scan (TLS 1.0 to 1.3, DHE group, weak suites, key exchange group, X25519MLKEM768): seven extra
     *     connections per address that offers STARTTLS, each with its own handshake; off by default
     * @param reverseDns whether to look up the PTR records of each address and their forward confirmation: one PTR
     *     query plus one A/AAAA query per PTR name, per address; on by default
     * @param sessions how many sessions to open to every address ({@code --probes N}): 1 (the default) is the main
     *     probe alone; from 2 to {@value #MAX_SESSIONS}, N - 1 more sessions (connect, greeting, EHLO, STARTTLS, the
     *     handshake, EHLO, QUIT; no relay probe) follow it, spread over the time left, and are compared with it
     * @throws IllegalArgumentException when {@code sessions} is under 1 or over {@value #MAX_SESSIONS}
     */
    public record DiagnosticOptions(boolean tlsScan, boolean reverseDns, int sessions) {
        /** The most sessions per address {@code --probes} takes. */
        public static final int MAX_SESSIONS = 10;

        public DiagnosticOptions {
            if (sessions < 1 || sessions > MAX_SESSIONS) {
                throw new IllegalArgumentException("sessions per address must be 1 to " + MAX_SESSIONS + ", got "
                        + sessions);
            }
        }

        /** One session per address. */
        public DiagnosticOptions(boolean tlsScan, boolean reverseDns) {
            this(tlsScan, reverseDns, 1);
        }

        /** TLS version scan off, reverse DNS on, one session per address. */
        public static DiagnosticOptions defaults() {
            return new DiagnosticOptions(false, true);
        }

        /** This with the TLS version scan on or off. */
        public DiagnosticOptions withTlsScan(boolean on) {
            return new DiagnosticOptions(on, reverseDns, sessions);
        }

        /** This with the reverse DNS lookups on or off. */
        public DiagnosticOptions withReverseDns(boolean on) {
            return new DiagnosticOptions(tlsScan, on, sessions);
        }

        /** This with {@code n} sessions per address (1 to {@value #MAX_SESSIONS}). */
        public DiagnosticOptions withSessions(int n) {
            return new DiagnosticOptions(tlsScan, reverseDns, n);
        }
    }

    /** A copy of these options with one change; the record's constructor validates the result. */
    private CheckOptions edit(java.util.function.Consumer<Fields> change) {
        Fields b = new Fields(this);
        change.accept(b);
        return new CheckOptions(b.port, b.timeout, b.stageTimeout, b.ehloName, b.dnsServers, b.family, b.relayProbe,
                b.relayFrom, b.relayTo, b.caFile, b.certWarningDays, b.certCriticalDays, b.greetingTimeWarning,
                b.greetingTimeCritical, b.maxParallel, b.timeoutSeverity, b.smtpDiagnostics, b.dane, b.stsRpt,
                b.diagnostics, b.certPercent, b.dnsbl, b.postmasterTest, b.requireTls);
    }

    /** The components as mutable fields, for {@link #edit}. */
    private static final class Fields {
        int port;
        Duration timeout;
        Duration stageTimeout;
        String ehloName;
        List<String> dnsServers;
        AddressFamily family;
        boolean relayProbe;
        String relayFrom;
        String relayTo;
        Path caFile;
        int certWarningDays;
        int certCriticalDays;
        Range greetingTimeWarning;
        Range greetingTimeCritical;
        int maxParallel;
        Severity timeoutSeverity;
        SmtpDiagnosticOptions smtpDiagnostics;
        DaneOptions dane;
        StsRptOptions stsRpt;
        DiagnosticOptions diagnostics;
        CertPercent certPercent;
        DnsblOptions dnsbl;
        boolean postmasterTest;
        boolean requireTls;

        Fields(CheckOptions o) {
            port = o.port;
            timeout = o.timeout;
            stageTimeout = o.stageTimeout;
            ehloName = o.ehloName;
            dnsServers = o.dnsServers;
            family = o.family;
            relayProbe = o.relayProbe;
            relayFrom = o.relayFrom;
            relayTo = o.relayTo;
            caFile = o.caFile;
            certWarningDays = o.certWarningDays;
            certCriticalDays = o.certCriticalDays;
            greetingTimeWarning = o.greetingTimeWarning;
            greetingTimeCritical = o.greetingTimeCritical;
            maxParallel = o.maxParallel;
            timeoutSeverity = o.timeoutSeverity;
            smtpDiagnostics = o.smtpDiagnostics;
            dane = o.dane;
            stsRpt = o.stsRpt;
            diagnostics = o.diagnostics;
            certPercent = o.certPercent;
            dnsbl = o.dnsbl;
            postmasterTest = o.postmasterTest;
            requireTls = o.requireTls;
        }
    }
}
