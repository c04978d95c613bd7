package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.dns.ResolverAddress;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The options of one check as a front end received them, and the one place where the rules between them are
 * checked before they become {@link CheckOptions}. A front end only translates its syntax (command-line strings,
 * Jenkins step parameters) into the setters below and passes the message of the {@link IllegalArgumentException}
 * of {@link #build()} to its user unchanged; {@link OptionSyntax} words that message in the front end's names.
 *
 * <p>The rules, checked by {@link #build()} in this order (the first broken one is reported):
 * <ol>
 * <li>the port is 1 to 65535 (RFC 6335 §6);</li>
 * <li>IPv4 only and IPv6 only exclude each other;</li>
 * <li>a host given as an IP literal is of the family asked for, if one is;</li>
 * <li>certificate warning and critical days are 0 or more, and critical days do not exceed warning days;</li>
 * <li>certificate thresholds given as a share of the lifetime are 0 to 100 percent, and the critical share does not
 *     exceed the warning share; a level given in percent is not compared with one given in days;</li>
 * <li>each greeting-time range is in the Monitoring Plugins range syntax ({@link Range#parse});</li>
 * <li>each resolver address is {@code host}, {@code host:port}, IPv6 or {@code [IPv6]:port}
 *     ({@link ResolverAddress#parse});</li>
 * <li>the EHLO name is a domain or an address literal without spaces or control characters
 *     ({@link EhloName#isValid}, RFC 5321 §4.1.1.1);</li>
 * <li>on the command line, no relay address is given with the relay probe off;</li>
 * <li>each relay address is {@code local@domain} without spaces, angle brackets or quotes, at most 254 characters
 *     (RFC 5321 §4.5.3.1.3);</li>
 * <li>the relay variants are not asked for without the relay probe they follow;</li>
 * <li>each connect-time and total-time range is in the range syntax;</li>
 * <li>with DANE off there is neither a trust anchor nor trust in the AD bit; a trust anchor file and trusting the
 *     resolver's AD bit exclude each other (RFC 7672 §2.1: DANE needs DNSSEC validation from one source);</li>
 * <li>each blocklist zone is a domain name ({@link DomainNames#toAscii}); a listing made CRITICAL needs at least one
 *     zone to look in;</li>
 * <li>the overall timeout is positive and at most {@link OptionSyntax#maxTimeout()}.</li>
 * </ol>
 * The stage timeout is then {@link CheckOptions#stageTimeoutFor min(10 s, timeout)}.
 *
 * <p>Not checked here, because they need I/O or the target: whether the CA file and trust anchor file are
 * readable (the front end or the check reads them), and whether the domain is a valid name (the check).
 */
public final class OptionPlan {

    /** A time threshold: which time it judges, and whether outside the range is WARNING or CRITICAL. */
    public enum Threshold {
        /** Greeting time, WARNING. */
        WARNING_TIME("--warning-time", "warningTime"),
        /** Greeting time, CRITICAL. */
        CRITICAL_TIME("--critical-time", "criticalTime"),
        /** TCP connect time, WARNING. */
        WARNING_CONNECT("--warning-connect", "warningConnect"),
        /** TCP connect time, CRITICAL. */
        CRITICAL_CONNECT("--critical-connect", "criticalConnect"),
        /** Total time of one address, WARNING. */
        WARNING_TOTAL("--warning-total", "warningTotal"),
        /** Total time of one address, CRITICAL. */
        CRITICAL_TOTAL("--critical-total", "criticalTotal");

        private final String longOption;
        private final String parameter;

        Threshold(String longOption, String parameter) {
            this.longOption = longOption;
            this.parameter = parameter;
        }

        /** Its option on the command line, e.g. {@code --warning-time}. */
        public String longOption() {
            return longOption;
        }

        /** Its parameter in the Jenkins step, e.g. {@code warningTime}. */
        public String parameter() {
            return parameter;
        }
    }

    private static final Pattern MAILBOX = Pattern.compile("[^\\s<>@\"]+@[A-Za-z0-9.\\[\\]:-]+");

    private final OptionSyntax syntax;
    private final CheckOptions defaults = CheckOptions.defaults();
    private int port = defaults.port();
    private String portGiven;
    private boolean ipv4Only;
    private boolean ipv6Only;
    private String host;
    private int certWarningDays = defaults.certWarningDays();
    private int certCriticalDays = defaults.certCriticalDays();
    private final Map<Threshold, String> ranges = new EnumMap<>(Threshold.class);
    private List<String> dnsServers = List.of();
    private String ehloName;
    private boolean relayProbe = defaults.relayProbe();
    private String relayFrom;
    private String relayTo;
    private boolean relayVariants = defaults.smtpDiagnostics().relayVariants();
    private boolean postmasterTest = defaults.postmasterTest();
    private boolean starttlsInjection = defaults.smtpDiagnostics().starttlsInjection();
    private boolean mtaSts = defaults.stsRpt().mtaSts();
    private boolean tlsRpt = defaults.stsRpt().tlsRpt();
    private boolean tlsScan = defaults.diagnostics().tlsScan();
    private int sessions = defaults.diagnostics().sessions();
    private boolean requireTls = defaults.requireTls();
    private boolean reverseDns = defaults.diagnostics().reverseDns();
    private Path caFile;
    private boolean dane = defaults.dane().enabled();
    private Path trustAnchor;
    private boolean trustAd;
    private Duration timeout = defaults.timeout();
    private String timeoutGiven;
    private Severity timeoutSeverity = defaults.timeoutSeverity();
    private Integer certWarningPercent = defaults.certPercent().warning();
    private Integer certCriticalPercent = defaults.certPercent().critical();
    private List<String> dnsblZones = List.of();
    private boolean dnsblDefault;
    private boolean dnsblCritical = defaults.dnsbl().listedCritical();

    private OptionPlan(OptionSyntax syntax) {
        this.syntax = Objects.requireNonNull(syntax, "syntax");
    }

    /** A plan with every option at the default of {@link CheckOptions#defaults()}, worded for {@code syntax}. */
    public static OptionPlan of(OptionSyntax syntax) {
        return new OptionPlan(syntax);
    }

    /** The SMTP port (1 to 65535). */
    public OptionPlan port(int port) {
        return port(port, Integer.toString(port));
    }

    /** The SMTP port (1 to 65535), and the text the user typed for it, which a message quotes. */
    public OptionPlan port(int port, String given) {
        this.port = port;
        this.portGiven = given;
        return this;
    }

    /** Probe only IPv4 addresses, only IPv6 addresses, or (both false) all; both true is an error. */
    public OptionPlan family(boolean ipv4Only, boolean ipv6Only) {
        this.ipv4Only = ipv4Only;
        this.ipv6Only = ipv6Only;
        return this;
    }

    /** The host checked directly instead of a domain's MX hosts; an IP literal must agree with {@link #family}. */
    public OptionPlan host(String host) {
        this.host = host;
        return this;
    }

    /** WARNING and CRITICAL when a certificate expires within this many days (defaults 30 and 7). */
    public OptionPlan certDays(int warningDays, int criticalDays) {
        this.certWarningDays = warningDays;
        this.certCriticalDays = criticalDays;
        return this;
    }

    /**
     * The certificate expiry thresholds as a share of the leaf certificate's lifetime, in percent (0 to 100); null
     * for a level that stays in days ({@link #certDays}).
     */
    public OptionPlan certPercent(Integer warningPercent, Integer criticalPercent) {
        this.certWarningPercent = warningPercent;
        this.certCriticalPercent = criticalPercent;
        return this;
    }

    /**
     * The blocklists (DNSBL, RFC 5782) every MX address is looked up in.
     *
     * @param zones list zones as given (Unicode or A-labels); empty for none
     * @param withDefaults whether the documented default list ({@link DnsblOptions#DEFAULT_ZONES}) is added
     * @param listedCritical whether a listing is CRITICAL instead of WARNING
     */
    public OptionPlan dnsbl(List<String> zones, boolean withDefaults, boolean listedCritical) {
        this.dnsblZones = new ArrayList<>(zones);
        this.dnsblDefault = withDefaults;
        this.dnsblCritical = listedCritical;
        return this;
    }

    /** The range of {@code threshold} in the Monitoring Plugins syntax, in seconds; null for none. */
    public OptionPlan range(Threshold threshold, String text) {
        if (text == null) {
            ranges.remove(threshold);
        } else {
            ranges.put(threshold, text);
        }
        return this;
    }

    /** The resolvers, each {@code host}, {@code host:port}, IPv6 or {@code [IPv6]:port}; empty for the system's. */
    public OptionPlan dnsServers(List<String> servers) {
        this.dnsServers = List.copyOf(servers);
        return this;
    }

    /** The EHLO/HELO name; null for {@value EhloName#LOCALHOST} (a front end may put the host's name later). */
    public OptionPlan ehloName(String name) {
        this.ehloName = name;
        return this;
    }

    /** Whether the open-relay probe runs (default yes). */
    public OptionPlan relayProbe(boolean on) {
        this.relayProbe = on;
        return this;
    }

    /** The relay probe's reverse-path; null for {@link CheckOptions#DEFAULT_RELAY_FROM}. */
    public OptionPlan relayFrom(String address) {
        this.relayFrom = address;
        return this;
    }

    /** The relay probe's forward-path; null for {@link CheckOptions#DEFAULT_RELAY_TO}. */
    public OptionPlan relayTo(String address) {
        this.relayTo = address;
        return this;
    }

    /** Whether the relay variants follow the relay probe (default no). */
    public OptionPlan relayVariants(boolean on) {
        this.relayVariants = on;
        return this;
    }

    /**
     * Whether the postmaster probe runs (default yes): RCPT TO:&lt;postmaster@domain&gt; after the relay probe, never
     * DATA (RFC 5321 §4.5.1). It needs a domain, so a host checked with -H never runs it, whatever this says.
     */
    public OptionPlan postmasterTest(boolean on) {
        this.postmasterTest = on;
        return this;
    }

    /** Whether the STARTTLS command-injection test runs (default no). */
    public OptionPlan starttlsInjection(boolean on) {
        this.starttlsInjection = on;
        return this;
    }

    /** Whether MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) are checked (default both). */
    public OptionPlan stsRpt(boolean mtaSts, boolean tlsRpt) {
        this.mtaSts = mtaSts;
        this.tlsRpt = tlsRpt;
        return this;
    }

    /**
     * Whether the domain's partners require verified TLS (default no): opportunistic senders are then judged as
     * verifying ones, so that every TLS failure is CRITICAL ({@link CheckOptions#requireTls()}).
     */
    public OptionPlan requireTls(boolean on) {
        this.requireTls = on;
        return this;
    }

    /** Whether the TLS version scan (default no) and the reverse DNS lookups (default yes) run. */
    public OptionPlan diagnostics(boolean tlsScan, boolean reverseDns) {
        this.tlsScan = tlsScan;
        this.reverseDns = reverseDns;
        return this;
    }

    /**
     * How many sessions to open to every address (default 1; {@code --probes N}, the Jenkins step's {@code probes}):
     * 2 to {@value CheckOptions.DiagnosticOptions#MAX_SESSIONS} compare N sessions, each past the first costing one
     * connection with a TLS handshake.
     */
    public OptionPlan sessions(int sessions) {
        this.sessions = sessions;
        return this;
    }

    /** A PEM file of extra trust anchors, or null for none. */
    public OptionPlan caFile(Path caFile) {
        this.caFile = caFile;
        return this;
    }

    /**
     * DANE (RFC 7672): whether it runs, a trust anchor file to validate DNSSEC from (null for the root anchors), and
     * whether to trust the resolver's AD bit instead of validating.
     */
    public OptionPlan dane(boolean enabled, Path trustAnchor, boolean trustAd) {
        this.dane = enabled;
        this.trustAnchor = trustAnchor;
        this.trustAd = trustAd;
        return this;
    }

    /** The overall deadline (default 30 s). */
    public OptionPlan timeout(Duration timeout) {
        return timeout(timeout, null);
    }

    /** The overall deadline, and the text the user typed for it, which a message quotes. */
    public OptionPlan timeout(Duration timeout, String given) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.timeoutGiven = given;
        return this;
    }

    /** The severity of a timeout that would otherwise be CRITICAL (default CRITICAL). */
    public OptionPlan timeoutSeverity(Severity severity) {
        this.timeoutSeverity = Objects.requireNonNull(severity, "severity");
        return this;
    }

    /**
     * Checks every rule listed in the class comment and builds the options.
     *
     * @return the options; the EHLO name is {@value EhloName#LOCALHOST} unless one was given
     * @throws IllegalArgumentException with a one-line message, worded for the {@link OptionSyntax}, naming the
     *     first broken rule
     */
    public CheckOptions build() {
        if (port < 1 || port > 65535) {
            throw fail(syntax.badPort(port, portGiven == null ? Integer.toString(port) : portGiven));
        }
        if (ipv4Only && ipv6Only) {
            throw fail(syntax.bothFamilies());
        }
        if (host != null && DomainNames.isIpLiteral(host)) {
            boolean v6 = host.indexOf(':') >= 0;
            if ((v6 && ipv4Only) || (!v6 && ipv6Only)) {
                throw fail(syntax.hostContradictsFamily(host, v6));
            }
        }
        if (certWarningDays < 0 || certCriticalDays < 0) {
            boolean warning = certWarningDays < 0;
            throw fail(syntax.negativeDays(warning, warning ? certWarningDays : certCriticalDays));
        }
        boolean percent = certWarningPercent != null || certCriticalPercent != null;
        if (!percent && certCriticalDays > certWarningDays) {
            throw fail(syntax.criticalDaysExceedWarning(certWarningDays, certCriticalDays));
        }
        if (sessions < 1 || sessions > CheckOptions.DiagnosticOptions.MAX_SESSIONS) {
            throw fail(syntax.badSessions(sessions));
        }
        if (certWarningPercent != null && (certWarningPercent < 0 || certWarningPercent > 100)) {
            throw fail(syntax.badPercent(true, certWarningPercent));
        }
        if (certCriticalPercent != null && (certCriticalPercent < 0 || certCriticalPercent > 100)) {
            throw fail(syntax.badPercent(false, certCriticalPercent));
        }
        if (certWarningPercent != null && certCriticalPercent != null && certCriticalPercent > certWarningPercent) {
            throw fail(syntax.criticalPercentExceedsWarning(certWarningPercent, certCriticalPercent));
        }
        Range greetingWarning = parsed(Threshold.WARNING_TIME);
        Range greetingCritical = parsed(Threshold.CRITICAL_TIME);
        List<String> servers = new ArrayList<>();
        for (String server : dnsServers) {
            if (server == null || server.isEmpty()) {
                throw fail(syntax.emptyResolver());
            }
            try {
                ResolverAddress.parse(server);
            } catch (IllegalArgumentException e) {
                throw fail(syntax.badResolver(server));
            }
            servers.add(server);
        }
        if (ehloName != null && !EhloName.isValid(ehloName)) {
            throw fail(syntax.badEhloName(ehloName));
        }
        if (!relayProbe && syntax.relayAddressesNeedTheProbe() && (relayFrom != null || relayTo != null)) {
            throw fail(syntax.relayAddressWithoutProbe());
        }
        if (relayFrom != null && !isMailbox(relayFrom)) {
            throw fail(syntax.badMailbox(true, relayFrom));
        }
        if (relayTo != null && !isMailbox(relayTo)) {
            throw fail(syntax.badMailbox(false, relayTo));
        }
        if (relayVariants && !relayProbe) {
            throw fail(syntax.relayVariantsWithoutProbe());
        }
        SmtpDiagnosticOptions smtp = SmtpDiagnosticOptions.defaults()
                .withRelayVariants(relayVariants)
                .withStartTlsInjection(starttlsInjection)
                .withConnectTime(parsed(Threshold.WARNING_CONNECT), parsed(Threshold.CRITICAL_CONNECT))
                .withTotalTime(parsed(Threshold.WARNING_TOTAL), parsed(Threshold.CRITICAL_TOTAL));
        if (!dane && (trustAnchor != null || trustAd)) {
            throw fail(syntax.daneOffWithTrust(trustAnchor != null));
        }
        if (trustAnchor != null && trustAd) {
            throw fail(syntax.anchorAndTrustAd());
        }
        List<String> zones = new ArrayList<>();
        for (String zone : dnsblZones) {
            try {
                zones.add(DomainNames.toAscii(zone == null ? "" : zone.trim()));
            } catch (IllegalArgumentException e) {
                throw fail(syntax.badDnsblZone(zone == null ? "" : zone, firstLine(e.getMessage())));
            }
        }
        if (dnsblDefault) {
            zones.addAll(DnsblOptions.DEFAULT_ZONES);
        }
        if (dnsblCritical && zones.isEmpty()) {
            throw fail(syntax.dnsblCriticalWithoutZones());
        }
        String timeoutText = timeoutGiven == null ? Long.toString(timeout.toSeconds()) : timeoutGiven;
        if (timeout.isNegative() || timeout.isZero()) {
            throw fail(syntax.timeoutNotPositive(timeout, timeoutText));
        }
        if (timeout.compareTo(syntax.maxTimeout()) > 0) {
            throw fail(syntax.timeoutTooLong(timeout, timeoutText));
        }
        return defaults
                .withPort(port)
                .withTimeout(timeout)
                .withStageTimeout(CheckOptions.stageTimeoutFor(timeout))
                .withEhloName(ehloName == null ? EhloName.LOCALHOST : ehloName)
                .withDnsServers(servers)
                .withFamily(ipv4Only ? AddressFamily.IPV4 : ipv6Only ? AddressFamily.IPV6 : AddressFamily.ANY)
                .withRelayProbe(relayProbe, relayFrom == null ? CheckOptions.DEFAULT_RELAY_FROM : relayFrom,
                        relayTo == null ? CheckOptions.DEFAULT_RELAY_TO : relayTo)
                .withCaFile(caFile)
                .withCertDays(certWarningDays, certCriticalDays)
                .withCertPercent(new CheckOptions.CertPercent(certWarningPercent, certCriticalPercent))
                .withDnsbl(new DnsblOptions(zones, dnsblCritical))
                .withGreetingTime(greetingWarning, greetingCritical)
                .withTimeoutSeverity(timeoutSeverity)
                .withSmtpDiagnostics(smtp)
                .withDane(new DaneOptions(dane, trustAnchor, trustAd))
                .withStsRpt(new CheckOptions.StsRptOptions(mtaSts, tlsRpt))
                .withPostmasterTest(postmasterTest)
                .withDiagnostics(new CheckOptions.DiagnosticOptions(tlsScan, reverseDns, sessions))
                .withRequireTls(requireTls);
    }

    /** The problem {@link #build()} reports, or null when these options are valid. */
    public String problem() {
        try {
            build();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private Range parsed(Threshold threshold) {
        String text = ranges.get(threshold);
        if (text == null) {
            return null;
        }
        try {
            return Range.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(syntax.badRange(threshold, firstLine(e.getMessage())));
        }
    }

    private static boolean isMailbox(String address) {
        return MAILBOX.matcher(address).matches() && address.length() <= 254;
    }

    private static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replace('\r', ' ').strip();
    }
}
