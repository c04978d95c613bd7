package dev.smtpmxcheck.core;

import java.time.Duration;
import java.util.Locale;

/**
 * The front end whose user wrote the options of an {@link OptionPlan}: it decides how the plan's one-line messages
 * name the options ({@code -w/--warning} or {@code certWarningDays}) and the few limits in which the front ends
 * differ. The rules themselves are the same for all; see {@link OptionPlan}.
 */
public enum OptionSyntax {

    /** {@code check_smtp_mx}'s command line (Monitoring Plugins style options); {@code -t} up to one day. */
    COMMAND_LINE(Duration.ofDays(1), true),

    /**
     * The Jenkins step's parameters ({@code smtpMxCheck port: 25, ...}); {@code timeout} up to one hour, since a
     * build waits for it. Its form keeps the relay addresses while the relay probe is off, so they do not
     * contradict {@code relayProbe: false}.
     */
    PIPELINE_STEP(Duration.ofHours(1), false);

    private final Duration maxTimeout;
    private final boolean relayAddressesNeedTheProbe;

    OptionSyntax(Duration maxTimeout, boolean relayAddressesNeedTheProbe) {
        this.maxTimeout = maxTimeout;
        this.relayAddressesNeedTheProbe = relayAddressesNeedTheProbe;
    }

    /** The longest overall deadline this front end accepts: 86400 s on the command line, 3600 s in Jenkins. */
    public Duration maxTimeout() {
        return maxTimeout;
    }

    /** Whether a relay address given with the relay probe off is an error (on the command line it is). */
    boolean relayAddressesNeedTheProbe() {
        return relayAddressesNeedTheProbe;
    }

    /**
     * Quotes user input for a one-line message: in single quotes, control characters shown as {@code \r},
     * {@code \n}, {@code \0} or {@code \xNN}, at most 80 characters.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (n++ >= 80) {
                sb.append("...");
                break;
            }
            char ch = s.charAt(i);
            if (ch == '\r') {
                sb.append("\\r");
            } else if (ch == '\n') {
                sb.append("\\n");
            } else if (ch == 0) {
                sb.append("\\0");
            } else if (ch < 0x20 || ch == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('\'').toString();
    }

    // ---- the one-line messages of the rules, in the order OptionPlan checks them ----

    String badPort(int port, String given) {
        return this == COMMAND_LINE
                ? "invalid -p/--port " + quote(given) + ": expected a port number from 1 to 65535"
                : "port must be 1 to 65535, got " + port;
    }

    String bothFamilies() {
        return this == COMMAND_LINE ? "-4 and -6 exclude each other" : "ipv4Only and ipv6Only exclude each other";
    }

    String hostContradictsFamily(String host, boolean v6) {
        String only = this == COMMAND_LINE ? (v6 ? "-4" : "-6") : (v6 ? "ipv4Only" : "ipv6Only");
        return (this == COMMAND_LINE ? "-H " : "host ") + quote(host) + " is an IPv" + (v6 ? "6" : "4")
                + " address; it contradicts " + only;
    }

    String negativeDays(boolean warning, int days) {
        if (this == COMMAND_LINE) {
            return "invalid " + (warning ? "-w/--warning " : "-c/--critical ") + quote(Integer.toString(days))
                    + ": expected a whole number of days (0 or more)";
        }
        return "certificate days must not be negative";
    }

    String criticalDaysExceedWarning(int warning, int critical) {
        return this == COMMAND_LINE
                ? "certificate warning days (-w " + warning + ") must be at least the critical days (-c " + critical + ")"
                : "certCriticalDays (" + critical + ") must not exceed certWarningDays (" + warning + ")";
    }

    String badSessions(int sessions) {
        if (this == COMMAND_LINE) {
            return "invalid --probes " + quote(Integer.toString(sessions)) + ": expected 1 to "
                    + CheckOptions.DiagnosticOptions.MAX_SESSIONS + " sessions per address (2 or more compare them)";
        }
        return "probes must be 1 to " + CheckOptions.DiagnosticOptions.MAX_SESSIONS + ", got " + sessions;
    }

    String badPercent(boolean warning, int percent) {
        if (this == COMMAND_LINE) {
            return "invalid " + (warning ? "-w/--warning " : "-c/--critical ") + quote(percent + "%")
                    + ": expected a share of the certificate's lifetime from 0% to 100%";
        }
        return (warning ? "certWarningPercent" : "certCriticalPercent") + " must be 0 to 100, got " + percent;
    }

    String criticalPercentExceedsWarning(int warning, int critical) {
        return this == COMMAND_LINE
                ? "certificate warning share (-w " + warning + "%) must be at least the critical share (-c " + critical
                        + "%)"
                : "certCriticalPercent (" + critical + ") must not exceed certWarningPercent (" + warning + ")";
    }

    String badRange(OptionPlan.Threshold threshold, String problem) {
        return name(threshold) + ": " + problem;
    }

    /** The name of {@code threshold}'s option: {@code --warning-time} on the command line, {@code warningTime} in Jenkins. */
    public String name(OptionPlan.Threshold threshold) {
        return this == COMMAND_LINE ? threshold.longOption() : threshold.parameter();
    }

    String emptyResolver() {
        return this == COMMAND_LINE ? "empty -s/--dns-server entry" : "dnsServer: empty entry";
    }

    String badResolver(String text) {
        return this == COMMAND_LINE
                ? "invalid -s/--dns-server " + quote(text) + ": expected host, host:port, IPv6 or [IPv6]:port"
                : "not a host[:port]: " + text;
    }

    String badEhloName(String name) {
        return (this == COMMAND_LINE ? "invalid -e/--ehlo " : "invalid ehloName ") + quote(name)
                + ": expected a host name or address literal without spaces, CR, LF, NUL or other control characters";
    }

    String badMailbox(boolean from, String address) {
        String option = this == COMMAND_LINE ? (from ? "--relay-from" : "--relay-to") : (from ? "relayFrom" : "relayTo");
        return "invalid " + option + " " + quote(address) + ": expected an address local@domain";
    }

    String relayAddressWithoutProbe() {
        return this == COMMAND_LINE ? "--no-relay-test contradicts --relay-from/--relay-to"
                : "relayProbe: false contradicts relayFrom/relayTo";
    }

    String relayVariantsWithoutProbe() {
        return this == COMMAND_LINE ? "--no-relay-test contradicts --relay-variants"
                : "relayProbe: false contradicts relayVariants: true (the variants follow the relay probe)";
    }

    String daneOffWithTrust(boolean anchor) {
        return this == COMMAND_LINE ? "--no-dane contradicts --trust-anchor/--dnssec-trust-ad"
                : "dane: false contradicts " + (anchor ? "trustAnchor" : "dnssecTrustAd: true")
                        + ": a trust anchor or the AD bit only matter for DANE";
    }

    String anchorAndTrustAd() {
        return (this == COMMAND_LINE ? "--trust-anchor and --dnssec-trust-ad" : "trustAnchor and dnssecTrustAd: true")
                + " exclude each other: validate from an anchor, or trust the resolver's AD bit";
    }

    String badDnsblZone(String zone, String problem) {
        return (this == COMMAND_LINE ? "invalid --dnsbl " : "invalid dnsbl zone ") + quote(zone) + ": " + problem;
    }

    String dnsblCriticalWithoutZones() {
        return this == COMMAND_LINE ? "--dnsbl-critical needs --dnsbl ZONE or --dnsbl-default"
                : "dnsblCritical: true needs dnsbl zones or dnsblDefault: true";
    }

    String timeoutNotPositive(Duration timeout, String given) {
        return this == COMMAND_LINE
                ? "invalid -t/--timeout " + quote(given) + ": expected a positive number of seconds, e.g. 30 or 2.5"
                : pipelineTimeout(timeout);
    }

    String timeoutTooLong(Duration timeout, String given) {
        return this == COMMAND_LINE
                ? "invalid -t/--timeout " + quote(given) + ": at most " + maxTimeout.toSeconds() + " seconds"
                : pipelineTimeout(timeout);
    }

    private String pipelineTimeout(Duration timeout) {
        return "timeout must be 1 to " + maxTimeout.toSeconds() + " seconds, got " + timeout.toSeconds();
    }
}
