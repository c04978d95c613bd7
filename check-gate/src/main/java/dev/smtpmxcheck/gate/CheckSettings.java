package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.DaneOptions;
import dev.smtpmxcheck.core.SmtpDiagnosticOptions;
import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.report.Range;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The check settings of one {@code smtpMxCheck} call, as the step holds them (null or blank = the default),
 * turned into {@link CheckOptions} where the check runs (the Jenkins agent).
 *
 * @param port SMTP port, 1 to 65535; null for 25
 * @param timeoutSeconds overall deadline in seconds, 1 to 3600; null for 30. Each stage (connect, one reply, one
 *     handshake) waits at most min(10 s, this), as with {@code check_smtp_mx -t}
 * @param dnsServers resolvers as {@code host[:port]}; null or empty for the agent's system resolvers
 * @param ehloName the name sent with EHLO/HELO; null or blank for the agent's canonical host name (looked up
 *     for at most 1 s), else {@code localhost}
 * @param relayProbe whether to run the open-relay probe; null for yes
 * @param relayFrom the relay probe's reverse-path; null for {@link CheckOptions#DEFAULT_RELAY_FROM}
 * @param relayTo the relay probe's forward-path; null for {@link CheckOptions#DEFAULT_RELAY_TO}
 * @param certWarningDays WARNING when a certificate expires within this many days; null for 30
 * @param certCriticalDays CRITICAL when a certificate expires within this many days; null for 7
 * @param caFile a PEM file of extra trust anchors on the agent, or null
 * @param dane the DANE settings (RFC 7672); null for DANE on, validating from the root trust anchors
 * @param checks which optional checks run; null for the check's defaults
 * @param times the time thresholds (ranges in seconds); null for none
 */
public record CheckSettings(Integer port, Integer timeoutSeconds, List<String> dnsServers, String ehloName,
        Boolean relayProbe, String relayFrom, String relayTo, Integer certWarningDays, Integer certCriticalDays,
        String caFile, DaneSettings dane, Checks checks, TimeRanges times) {

    /**
     * The DANE settings of the step (RFC 7672), as {@code check_smtp_mx --no-dane}, {@code --trust-anchor},
     * {@code --dnssec-trust-ad}; null or blank = the default.
     *
     * @param enabled whether TLSA records are looked up and matched; null for yes
     * @param trustAnchor a file on the agent with DS or DNSKEY records in zone-file syntax to validate DNSSEC from;
     *     null or blank for the IANA root anchors shipped with the check. A test resolver that serves a private
     *     zone (such as the project's lab) needs this, or {@code trustAd}: validation from the root fails there
     * @param trustAd true to validate nothing and trust the AD bit of the resolvers (a validating resolver on a
     *     trusted path); null for no. Excludes {@code trustAnchor}
     */
    public record DaneSettings(Boolean enabled, String trustAnchor, Boolean trustAd) {}

    /**
     * Which optional checks run; null = the check's default ({@link CheckOptions#defaults()}).
     *
     * @param mtaSts MTA-STS (RFC 8461); null for on
     * @param tlsRpt TLS-RPT (RFC 8460); null for on
     * @param reverseDns PTR records of each address and their forward confirmation; null for on
     * @param tlsScan the TLS version scan (six more connections per address that offers STARTTLS); null for off
     * @param relayVariants the nine relay-test address forms after the relay probe (up to 27 more round trips per
     *     address); null for off. Needs the relay probe
     * @param starttlsInjection the STARTTLS command-injection test (CVE-2011-0411; one more connection per address
     *     that negotiated TLS); null for off
     */
    public record Checks(Boolean mtaSts, Boolean tlsRpt, Boolean reverseDns, Boolean tlsScan, Boolean relayVariants,
            Boolean starttlsInjection) {}

    /**
     * Time thresholds in the Monitoring Plugins range syntax ({@link Range#parse}: {@code 5}, {@code 10:},
     * {@code ~:10}, {@code 1:5}, {@code @1:5}), in seconds; null or blank for none. Outside the range (inside with
     * {@code @}) is WARNING or CRITICAL (finding SLOW_RESPONSE).
     *
     * @param warningTime greeting time: from the established connection to the end of the 220 greeting
     * @param criticalTime likewise, CRITICAL
     * @param warningConnect TCP connect time of each address
     * @param criticalConnect likewise, CRITICAL
     * @param warningTotal total time of each address, from the start of the connect to the end of QUIT
     * @param criticalTotal likewise, CRITICAL
     */
    public record TimeRanges(String warningTime, String criticalTime, String warningConnect, String criticalConnect,
            String warningTotal, String criticalTotal) {}

    /** The settings of the first version of the step: the newer checks at their defaults. */
    public CheckSettings(Integer port, Integer timeoutSeconds, List<String> dnsServers, String ehloName,
            Boolean relayProbe, String relayFrom, String relayTo, Integer certWarningDays, Integer certCriticalDays,
            String caFile) {
        this(port, timeoutSeconds, dnsServers, ehloName, relayProbe, relayFrom, relayTo, certWarningDays,
                certCriticalDays, caFile, null, null, null);
    }

    /** Longest wait per stage, as check_smtp_mx. */
    static final Duration MAX_STAGE_TIMEOUT = Duration.ofSeconds(10);

    /** Longest overall deadline the step accepts, in seconds. */
    public static final int MAX_TIMEOUT_SECONDS = 3600;

    public CheckSettings {
        dnsServers = dnsServers == null ? List.of() : dnsServers.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        dane = dane == null ? new DaneSettings(null, null, null) : dane;
        checks = checks == null ? new Checks(null, null, null, null, null, null) : checks;
        times = times == null ? new TimeRanges(null, null, null, null, null, null) : times;
    }

    /**
     * The options for {@link dev.smtpmxcheck.core.MailCheck#check}.
     *
     * @throws IllegalArgumentException with a one-line message when a value is out of range
     */
    public CheckOptions toOptions() {
        return toOptions(CheckSettings::localHostName);
    }

    /** {@link #toOptions()} with the default EHLO name from {@code localHostName} (tests avoid the lookup). */
    CheckOptions toOptions(Supplier<String> localHostName) {
        CheckOptions o = CheckOptions.defaults();
        if (port != null) {
            o = o.withPort(port);
        }
        if (timeoutSeconds != null) {
            String problem = checkTimeout(timeoutSeconds);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            o = o.withTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        o = o.withStageTimeout(MAX_STAGE_TIMEOUT.compareTo(o.timeout()) < 0 ? MAX_STAGE_TIMEOUT : o.timeout());
        if (!dnsServers.isEmpty()) {
            o = o.withDnsServers(dnsServers);
        }
        o = o.withEhloName(blank(ehloName) ? localHostName.get() : ehloName.trim());
        o = o.withRelayProbe(relayProbe == null || relayProbe, blank(relayFrom) ? o.relayFrom() : relayFrom.trim(),
                blank(relayTo) ? o.relayTo() : relayTo.trim());
        int warning = certWarningDays == null ? o.certWarningDays() : certWarningDays;
        int critical = certCriticalDays == null ? o.certCriticalDays() : certCriticalDays;
        String days = checkCertDays(warning, critical);
        if (days != null) {
            throw new IllegalArgumentException(days);
        }
        o = o.withCertDays(warning, critical);
        if (!blank(caFile)) {
            o = o.withCaFile(Path.of(caFile.trim()));
        }
        o = o.withDane(daneOptions());
        SmtpDiagnosticOptions d = o.smtpDiagnostics();
        boolean relayVariants = on(checks.relayVariants(), d.relayVariants());
        String relay = checkRelayVariants(o.relayProbe(), relayVariants);
        if (relay != null) {
            throw new IllegalArgumentException(relay);
        }
        o = o.withStsRpt(new CheckOptions.StsRptOptions(on(checks.mtaSts(), o.stsRpt().mtaSts()),
                on(checks.tlsRpt(), o.stsRpt().tlsRpt())));
        o = o.withDiagnostics(o.diagnostics().withReverseDns(on(checks.reverseDns(), o.diagnostics().reverseDns()))
                .withTlsScan(on(checks.tlsScan(), o.diagnostics().tlsScan())));
        o = o.withSmtpDiagnostics(d.withRelayVariants(relayVariants)
                .withStartTlsInjection(on(checks.starttlsInjection(), d.starttlsInjection()))
                .withConnectTime(range("warningConnect", times.warningConnect()), range("criticalConnect", times.criticalConnect()))
                .withTotalTime(range("warningTotal", times.warningTotal()), range("criticalTotal", times.criticalTotal())));
        o = o.withGreetingTime(range("warningTime", times.warningTime()), range("criticalTime", times.criticalTime()));
        return o;
    }

    /**
     * A one-line problem with these settings that shows without the agent (numbers out of range, contradicting
     * settings, a malformed range), or null. Files named here are read only on the agent, by the check.
     */
    public String problem() {
        try {
            toOptions(() -> "localhost");
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private DaneOptions daneOptions() {
        boolean enabled = on(dane.enabled(), true);
        boolean trustAd = on(dane.trustAd(), false);
        String problem = checkDane(enabled, dane.trustAnchor(), trustAd);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Path anchor = null;
        if (!blank(dane.trustAnchor())) {
            try {
                anchor = Path.of(dane.trustAnchor().trim());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("trustAnchor: not a path: " + dane.trustAnchor().trim());
            }
        }
        return new DaneOptions(enabled, anchor, trustAd);
    }

    /**
     * Null when the DANE settings agree, else a one-line problem: {@code trustAnchor} and {@code dnssecTrustAd}
     * exclude each other, and neither goes with DANE off (as {@code check_smtp_mx}'s {@code --no-dane},
     * {@code --trust-anchor}, {@code --dnssec-trust-ad}).
     *
     * @param dane whether DANE runs
     * @param trustAnchor the trust anchor file, null or blank for none
     * @param dnssecTrustAd whether the resolver's AD bit is trusted
     */
    public static String checkDane(boolean dane, String trustAnchor, boolean dnssecTrustAd) {
        boolean anchor = !blank(trustAnchor);
        if (!dane && (anchor || dnssecTrustAd)) {
            return "dane: false contradicts " + (anchor ? "trustAnchor" : "dnssecTrustAd: true")
                    + ": a trust anchor or the AD bit only matter for DANE";
        }
        if (anchor && dnssecTrustAd) {
            return "trustAnchor and dnssecTrustAd: true exclude each other: validate from an anchor, or trust the"
                    + " resolver's AD bit";
        }
        return null;
    }

    /** Null unless {@code relayVariants} is asked for without the relay probe they follow; then a one-line problem. */
    public static String checkRelayVariants(boolean relayProbe, boolean relayVariants) {
        return relayVariants && !relayProbe ? "relayProbe: false contradicts relayVariants: true (the variants follow"
                + " the relay probe)" : null;
    }

    /**
     * Null when {@code text} is blank or a range in the Monitoring Plugins syntax ({@link Range#parse}), else a
     * one-line problem naming {@code setting}.
     */
    public static String checkRange(String setting, String text) {
        try {
            range(setting, text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The range of {@code text}, null when blank. @throws IllegalArgumentException naming {@code setting} */
    private static Range range(String setting, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Range.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage());
        }
    }

    private static boolean on(Boolean value, boolean unset) {
        return value == null ? unset : value;
    }

    /** Null when {@code domain} is a valid domain name (Unicode or A-labels), else a one-line problem. */
    public static String checkDomain(String domain) {
        if (blank(domain)) {
            return "domain is required";
        }
        try {
            DomainNames.toAscii(domain.trim());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Null when {@code port} is 1 to 65535, else a one-line problem. */
    public static String checkPort(int port) {
        return port >= 1 && port <= 65535 ? null : "port must be 1 to 65535, got " + port;
    }

    /** Null when {@code seconds} is 1 to {@link #MAX_TIMEOUT_SECONDS}, else a one-line problem. */
    public static String checkTimeout(int seconds) {
        return seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS ? null
                : "timeout must be 1 to " + MAX_TIMEOUT_SECONDS + " seconds, got " + seconds;
    }

    /** Null when 0 &le; critical &le; warning, else a one-line problem. */
    public static String checkCertDays(int warningDays, int criticalDays) {
        if (warningDays < 0 || criticalDays < 0) {
            return "certificate days must not be negative";
        }
        return criticalDays <= warningDays ? null
                : "certCriticalDays (" + criticalDays + ") must not exceed certWarningDays (" + warningDays + ")";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The local host's canonical name when it is a dotted name and found within 1 s, else "localhost". */
    static String localHostName() {
        FutureTask<String> lookup = new FutureTask<>(() -> InetAddress.getLocalHost().getCanonicalHostName());
        Thread t = new Thread(lookup, "smtpMxCheck-hostname");
        t.setDaemon(true);
        t.start();
        try {
            String name = lookup.get(1, TimeUnit.SECONDS);
            return name != null && name.contains(".") && !DomainNames.isIpLiteral(name) ? name : "localhost";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "localhost";
        } catch (ExecutionException | TimeoutException e) {
            return "localhost";
        }
    }
}
