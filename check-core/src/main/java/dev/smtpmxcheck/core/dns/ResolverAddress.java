package dev.smtpmxcheck.core.dns;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One resolver the check asks instead of the system's, as the user writes it ({@code check_smtp_mx -s}, the Jenkins
 * step's {@code dnsServer}): {@code host}, {@code host:port}, a bare IPv6 address, or {@code [IPv6]} with an optional
 * {@code :port} (the bracket form of RFC 3986 §3.2.2, since a bare IPv6 address has colons of its own). Parsing is
 * syntax only: no name is resolved here.
 *
 * @param host the host name or IP address, without brackets
 * @param port the UDP/TCP port of the resolver, 1 to 65535; {@link #DNS_PORT} when none was written
 */
public record ResolverAddress(String host, int port) {

    /** The port of DNS (RFC 1035 §4.2): 53. */
    public static final int DNS_PORT = 53;

    private static final Pattern BRACKETED_V6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?");
    private static final Pattern BARE_V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.-]*)(?::(\\d{1,5}))?");

    /**
     * Requires a non-empty host and a port from 1 to 65535.
     *
     * @throws IllegalArgumentException when the host is empty or the port out of range
     */
    public ResolverAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("resolver host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("resolver port must be 1 to 65535, got " + port);
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, a bare IPv6 address or {@code [IPv6]:port}.
     *
     * @param text the address as written, without surrounding white space
     * @return the address; the port is {@link #DNS_PORT} when {@code text} names none
     * @throws IllegalArgumentException with a one-line message when {@code text} is empty, not in that syntax, or
     *     its port is not 1 to 65535
     */
    public static ResolverAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty resolver address");
        }
        String host;
        String portText;
        Matcher m = BRACKETED_V6.matcher(text);
        if (m.matches()) {
            host = m.group(1);
            portText = m.group(2);
        } else if (BARE_V6.matcher(text).matches()) {
            host = text;
            portText = null;
        } else {
            m = HOST_PORT.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(malformed(text));
            }
            host = m.group(1);
            portText = m.group(2);
        }
        int port = portText == null ? DNS_PORT : Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(malformed(text));
        }
        return new ResolverAddress(host, port);
    }

    private static String malformed(String text) {
        return "invalid resolver address " + DomainNames.quote(text) + ": expected host, host:port, IPv6 or [IPv6]:port";
    }
}
