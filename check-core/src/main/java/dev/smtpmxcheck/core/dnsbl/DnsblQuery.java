package dev.smtpmxcheck.core.dnsbl;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/** The name a DNS blocklist is asked about an address (RFC 5782 §2.1 for IPv4, §2.4 for IPv6). */
public final class DnsblQuery {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DnsblQuery() {}

    /**
     * The query name of {@code address} under {@code zone}: for IPv4 the four octets in reverse order
     * ({@code 192.0.2.99} under {@code bl.example} is {@code 99.2.0.192.bl.example}, RFC 5782 §2.1); for IPv6 the 32
     * nibbles of the address in reverse order, each a hexadecimal digit in lower case, dot-separated (RFC 5782 §2.4).
     * An IPv4-mapped IPv6 address is queried as its IPv4 address, which is where lists keep it.
     *
     * @param address the address
     * @param zone the list's zone, without trailing dot
     * @return the name, without trailing dot
     * @throws IllegalArgumentException when the address is neither IPv4 nor IPv6 or the zone is empty
     */
    public static String name(InetAddress address, String zone) {
        if (zone == null || zone.isEmpty()) {
            throw new IllegalArgumentException("empty DNSBL zone");
        }
        byte[] bytes = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address || bytes.length == 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append(bytes[i] & 0xff).append('.');
            }
        } else if (address instanceof Inet6Address && bytes.length == 16) {
            for (int i = 15; i >= 0; i--) {
                sb.append(HEX[bytes[i] & 0x0f]).append('.').append(HEX[(bytes[i] >> 4) & 0x0f]).append('.');
            }
        } else {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + address);
        }
        String z = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
        return sb.append(z.toLowerCase(Locale.ROOT)).toString();
    }
}
