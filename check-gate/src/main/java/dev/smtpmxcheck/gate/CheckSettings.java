package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.EhloName;
import dev.smtpmxcheck.core.OptionPlan;
import dev.smtpmxcheck.core.OptionPlan.Threshold;
import dev.smtpmxcheck.core.OptionSyntax;
import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.report.Range;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The check settings of one {@code smtpMxCheck} call, as the step holds them (null or blank = the default),
 * turned into {@link CheckOptions} where the check runs (the Jenkins agent). The rules between the settings and
 * their messages are the core's {@link OptionPlan} ({@link OptionSyntax#PIPELINE_STEP}); this class only translates.
 *
 * @param port SMTP port, 1 to 65535; null for 25
 * @param timeoutSeconds overall deadline in seconds, 1 to 3600; null for 30. Each stage (connect, one reply, one
 *     handshake) waits at most {@link CheckOptions#stageTimeoutFor min(10 s, this)}, as with {@code check_smtp_mx -t}
 * @param dnsServers resolvers as {@code host[:port]}; null or empty for the agent's system resolvers
 * @param ehloName the name sent with EHLO/HELO; null or blank for the agent's canonical host name (looked up
 *     for at most 1 s, {@link EhloName#ofThisHost()}), else {@code localhost}
 * @param relayProbe whether to run the open-relay probe; null for yes
 * @param relayFrom the relay probe's reverse-path; null for {@link CheckOptions#DEFAULT_RELAY_FROM}
 * @param relayTo the relay probe's forward-path; null for {@link CheckOptions#DEFAULT_RELAY_TO}
 * @param certWarningDays WARNING when a certificate expires within this many days; null for 30
 * @param certCriticalDays CRITICAL when a certificate expires within this many days; null for 7
 * @param caFile a PEM file of extra trust anchors on the agent, or null
 * @param dane the DANE settings (RFC 7672); null for DANE on, validating from the root trust anchors
 * @param checks which optional checks run; null for the check's defaults
 * @param times the time thresholds (ranges in seconds); null for none
 * @param certPercent the certificate expiry thresholds as shares of the leaf's lifetime; null for days only
 * @param dnsbl the DNS blocklists every MX address is looked up in; null for none
 * @param requireTls true when the domain's partners require verified TLS: opportunistic senders are judged as
 *     verifying ones, so that every TLS failure is CRITICAL ({@code check_smtp_mx --require-tls}); null for no
 */
public record CheckSettings(Integer port, Integer timeoutSeconds, List<String> dnsServers, String ehloName,
        Boolean relayProbe, String relayFrom, String relayTo, Integer certWarningDays, Integer certCriticalDays,
        String caFile, DaneSettings dane, Checks checks, TimeRanges times, CertPercent certPercent, Dnsbl dnsbl,
        Boolean requireTls) {

    /** Settings without {@code requireTls} (off). */
    public CheckSettings(Integer port, Integer timeoutSeconds, List<String> dnsServers, String ehloName,
            Boolean relayProbe, String relayFrom, String relayTo, Integer certWarningDays, Integer certCriticalDays,
            String caFile, DaneSettings dane, Checks checks, TimeRanges times, CertPercent certPercent, Dnsbl dnsbl) {
        this(port, timeoutSeconds, dnsServers, ehloName, relayProbe, relayFrom, relayTo, certWarningDays,
                certCriticalDays, caFile, dane, checks, times, certPercent, dnsbl, null);
    }

    /**
     * Certificate expiry thresholds as a share of the server certificate's lifetime, as {@code check_smtp_mx -w 33%
     * -c 10%}; a null level stays in days ({@code certWarningDays}, {@code certCriticalDays}).
     *
     * @param warning WARNING below this many percent (0 to 100) of the lifetime left; null for days
     * @param critical CRITICAL below this many percent (0 to 100) of the lifetime left; null for days
     */
    public record CertPercent(Integer warning, Integer critical) {}

    /**
     * The DNS blocklists (DNSBL, RFC 5782) every MX address is looked up in, as {@code check_smtp_mx --dnsbl ZONE},
     * {@code --dnsbl-default}, {@code --dnsbl-critical}; opt-in.
     *
     * @param zones the list zones; null or empty for none
     * @param withDefaults whether the documented default list is added; null for no
     * @param listedCritical whether a listing is CRITICAL instead of WARNING; null for no
     */
    public record Dnsbl(List<String> zones, Boolean withDefaults, Boolean listedCritical) {}

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
     * @param tlsScan the TLS version scan (seven more connections per address that offers STARTTLS); null for off
     * @param relayVariants the nine relay-test address forms after the relay probe (up to 27 more round trips per
     *     address); null for off. Needs the relay probe
     * @param starttlsInjection the STARTTLS command-injection test (CVE-2011-0411; one more connection per address
     *     that negotiated TLS); null for off
     * @param postmasterTest the postmaster probe: MAIL FROM, RCPT TO:&lt;postmaster@domain&gt;, RSET after the relay
     *     probe, never DATA (RFC 5321 §4.5.1); null for on
     * @param probes sessions per address, as {@code check_smtp_mx --probes N}: 2 to 10 compare N sessions (N - 1 more
     *     connections per address, each with a TLS handshake); null for one
     */
    public record Checks(Boolean mtaSts, Boolean tlsRpt, Boolean reverseDns, Boolean tlsScan, Boolean relayVariants,
            Boolean starttlsInjection, Boolean postmasterTest, Integer probes) {}

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

    /** The settings without the lifetime shares and the blocklists: both at their defaults. */
    public CheckSettings(Integer port, Integer timeoutSeconds, List<String> dnsServers, String ehloName,
            Boolean relayProbe, String relayFrom, String relayTo, Integer certWarningDays, Integer certCriticalDays,
            String caFile, DaneSettings dane, Checks checks, TimeRanges times) {
        this(port, timeoutSeconds, dnsServers, ehloName, relayProbe, relayFrom, relayTo, certWarningDays,
                certCriticalDays, caFile, dane, checks, times, null, null);
    }

    /** The settings of the first version of the step: the newer checks at their defaults. */
    public CheckSettings(Integer port, Integer timeoutSeconds, List<String> dnsServers, String ehloName,
            Boolean relayProbe, String relayFrom, String relayTo, Integer certWarningDays, Integer certCriticalDays,
            String caFile) {
        this(port, timeoutSeconds, dnsServers, ehloName, relayProbe, relayFrom, relayTo, certWarningDays,
                certCriticalDays, caFile, null, null, null, null, null);
    }

    /** Longest overall deadline the step accepts, in seconds: {@link OptionSyntax#PIPELINE_STEP}'s limit. */
    public static final int MAX_TIMEOUT_SECONDS = (int) OptionSyntax.PIPELINE_STEP.maxTimeout().toSeconds();

    public CheckSettings {
        dnsServers = dnsServers == null ? List.of() : dnsServers.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        dane = dane == null ? new DaneSettings(null, null, null) : dane;
        checks = checks == null ? new Checks(null, null, null, null, null, null, null, null) : checks;
        times = times == null ? new TimeRanges(null, null, null, null, null, null) : times;
        certPercent = certPercent == null ? new CertPercent(null, null) : certPercent;
        dnsbl = dnsbl == null ? new Dnsbl(List.of(), null, null)
                : new Dnsbl(dnsbl.zones() == null ? List.of() : dnsbl.zones().stream().map(String::trim)
                        .filter(z -> !z.isEmpty()).toList(), dnsbl.withDefaults(), dnsbl.listedCritical());
    }

    /**
     * The options for {@link dev.smtpmxcheck.core.MailCheck#check}; a blank EHLO name becomes this host's
     * ({@link EhloName#ofThisHost()}, which waits at most 1 s for it).
     *
     * @throws IllegalArgumentException with {@link OptionPlan}'s one-line message when a value is out of range or
     *     two settings contradict each other
     */
    public CheckOptions toOptions() {
        return toOptions(EhloName::ofThisHost);
    }

    /** {@link #toOptions()} with the default EHLO name from {@code localHostName} (tests avoid the lookup). */
    CheckOptions toOptions(Supplier<String> localHostName) {
        return plan(localHostName).build();
    }

    /**
     * The settings translated into the core's {@link OptionPlan}, which checks them: a null or blank value leaves the
     * plan's default.
     */
    private OptionPlan plan(Supplier<String> localHostName) {
        OptionPlan plan = OptionPlan.of(OptionSyntax.PIPELINE_STEP);
        if (port != null) {
            plan.port(port);
        }
        if (timeoutSeconds != null) {
            plan.timeout(Duration.ofSeconds(timeoutSeconds));
        }
        CheckOptions d = CheckOptions.defaults();
        plan.certDays(certWarningDays == null ? d.certWarningDays() : certWarningDays,
                certCriticalDays == null ? d.certCriticalDays() : certCriticalDays);
        plan.certPercent(certPercent.warning(), certPercent.critical());
        plan.dnsbl(dnsbl.zones(), on(dnsbl.withDefaults(), false), on(dnsbl.listedCritical(), d.dnsbl().listedCritical()));
        plan.range(Threshold.WARNING_TIME, text(times.warningTime()))
                .range(Threshold.CRITICAL_TIME, text(times.criticalTime()))
                .range(Threshold.WARNING_CONNECT, text(times.warningConnect()))
                .range(Threshold.CRITICAL_CONNECT, text(times.criticalConnect()))
                .range(Threshold.WARNING_TOTAL, text(times.warningTotal()))
                .range(Threshold.CRITICAL_TOTAL, text(times.criticalTotal()));
        plan.dnsServers(dnsServers)
                .ehloName(blank(ehloName) ? localHostName.get() : ehloName.trim())
                .relayProbe(on(relayProbe, d.relayProbe()))
                .relayFrom(text(relayFrom))
                .relayTo(text(relayTo))
                .postmasterTest(on(checks.postmasterTest(), d.postmasterTest()))
                .relayVariants(on(checks.relayVariants(), d.smtpDiagnostics().relayVariants()))
                .starttlsInjection(on(checks.starttlsInjection(), d.smtpDiagnostics().starttlsInjection()))
                .stsRpt(on(checks.mtaSts(), d.stsRpt().mtaSts()), on(checks.tlsRpt(), d.stsRpt().tlsRpt()))
                .diagnostics(on(checks.tlsScan(), d.diagnostics().tlsScan()),
                        on(checks.reverseDns(), d.diagnostics().reverseDns()))
                .requireTls(on(requireTls, d.requireTls()));
        if (checks.probes() != null) {
            plan.sessions(checks.probes());
        }
        if (!blank(caFile)) {
            plan.caFile(Path.of(caFile.trim()));
        }
        Path anchor = null;
        if (!blank(dane.trustAnchor())) {
            try {
                anchor = Path.of(dane.trustAnchor().trim());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("trustAnchor: not a path: " + dane.trustAnchor().trim());
            }
        }
        return plan.dane(on(dane.enabled(), d.dane().enabled()), anchor, on(dane.trustAd(), d.dane().trustAd()));
    }

    /**
     * A one-line problem with these settings that shows without the agent (numbers out of range, contradicting
     * settings, a malformed range, resolver, EHLO name or relay address), or null. Files named here are read only
     * on the agent, by the check.
     */
    public String problem() {
        try {
            return plan(() -> EhloName.LOCALHOST).problem();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Null when the DANE settings agree, else {@link OptionPlan}'s one-line problem: {@code trustAnchor} and
     * {@code dnssecTrustAd} exclude each other, and neither goes with DANE off (as {@code check_smtp_mx}'s
     * {@code --no-dane}, {@code --trust-anchor}, {@code --dnssec-trust-ad}).
     *
     * @param dane whether DANE runs
     * @param trustAnchor the trust anchor file, null or blank for none
     * @param dnssecTrustAd whether the resolver's AD bit is trusted
     */
    public static String checkDane(boolean dane, String trustAnchor, boolean dnssecTrustAd) {
        return step().dane(dane, blank(trustAnchor) ? null : Path.of("trust-anchor"), dnssecTrustAd).problem();
    }

    /** Null unless {@code relayVariants} is asked for without the relay probe they follow; then a one-line problem. */
    public static String checkRelayVariants(boolean relayProbe, boolean relayVariants) {
        return step().relayProbe(relayProbe).relayVariants(relayVariants).problem();
    }

    /**
     * Null when {@code text} is blank or a range in the Monitoring Plugins syntax ({@link Range#parse}), else a
     * one-line problem naming {@code setting}, one of the {@link Threshold#parameter()} names.
     *
     * @throws IllegalArgumentException when {@code setting} names no time threshold
     */
    public static String checkRange(String setting, String text) {
        for (Threshold threshold : Threshold.values()) {
            if (threshold.parameter().equals(setting)) {
                return step().range(threshold, text(text)).problem();
            }
        }
        throw new IllegalArgumentException("no time threshold is called " + setting);
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
        return step().port(port).problem();
    }

    /** Null when {@code seconds} is 1 to {@link #MAX_TIMEOUT_SECONDS}, else a one-line problem. */
    public static String checkTimeout(int seconds) {
        return step().timeout(Duration.ofSeconds(seconds)).problem();
    }

    /** Null when 0 &le; critical &le; warning, else a one-line problem. */
    public static String checkCertDays(int warningDays, int criticalDays) {
        return step().certDays(warningDays, criticalDays).problem();
    }

    /**
     * Null when both shares are 0 to 100 percent (or null, for days) and the critical one does not exceed the warning
     * one, else a one-line problem.
     */
    public static String checkCertPercent(Integer warningPercent, Integer criticalPercent) {
        return step().certPercent(warningPercent, criticalPercent).problem();
    }

    /**
     * Null when every blocklist zone is a domain name and a listing made CRITICAL has a list to look in, else a
     * one-line problem.
     *
     * @param zones the list zones, blank entries ignored
     * @param withDefaults whether the documented default list is added
     * @param listedCritical whether a listing is CRITICAL
     */
    public static String checkDnsbl(List<String> zones, boolean withDefaults, boolean listedCritical) {
        return step().dnsbl(zones.stream().map(String::trim).filter(z -> !z.isEmpty()).toList(), withDefaults,
                listedCritical).problem();
    }

    /** Null when every entry of {@code dnsServers} is {@code host[:port]}, IPv6 or {@code [IPv6]:port}, else a one-line problem. */
    public static String checkDnsServers(List<String> dnsServers) {
        return step().dnsServers(dnsServers).problem();
    }

    /** A plan of the step's defaults, for checking one setting. */
    private static OptionPlan step() {
        return OptionPlan.of(OptionSyntax.PIPELINE_STEP);
    }

    /** {@code s} trimmed, or null when blank. */
    private static String text(String s) {
        return blank(s) ? null : s.trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
