package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.dns.DomainNames;
import java.net.InetAddress;
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
 */
public record CheckSettings(Integer port, Integer timeoutSeconds, List<String> dnsServers, String ehloName,
        Boolean relayProbe, String relayFrom, String relayTo, Integer certWarningDays, Integer certCriticalDays,
        String caFile) {

    /** Longest wait per stage, as check_smtp_mx. */
    static final Duration MAX_STAGE_TIMEOUT = Duration.ofSeconds(10);

    /** Longest overall deadline the step accepts, in seconds. */
    public static final int MAX_TIMEOUT_SECONDS = 3600;

    public CheckSettings {
        dnsServers = dnsServers == null ? List.of() : dnsServers.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
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
        return o;
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
