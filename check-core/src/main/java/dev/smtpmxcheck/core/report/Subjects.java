package dev.smtpmxcheck.core.report;

import java.net.InetAddress;

/** How findings name what they are about, so that subjects are identical across probes and builds. */
public final class Subjects {
    private Subjects() {}

    /**
     * The subject of one MX address: {@code mx1.example.com [192.0.2.1]:25}, or
     * {@code mx1.example.com [2001:db8::1]:25} for IPv6.
     *
     * @param host MX host name without trailing dot
     * @param address textual IP address
     * @param port TCP port
     */
    public static String address(String host, String address, int port) {
        return host + " [" + address + "]:" + port;
    }

    /** The subject of one element of a certificate chain: {@code mx1.example.com [192.0.2.1]:25 chain[1]}. */
    public static String chainElement(String addressSubject, int position) {
        return position == 0 ? addressSubject : addressSubject + " chain[" + position + "]";
    }

    /**
     * The canonical text of an address: dotted quad for IPv4, RFC 5952 §4 compressed lower-case
     * hexadecimal for IPv6 ({@code 2001:db8::1}).
     */
    public static String addressText(InetAddress address) {
        byte[] mapped = address.getAddress();
        if (mapped.length == 16 && isV4Mapped(mapped)) {
            // RFC 5952 §5: an IPv4-mapped address keeps its dotted quad, "::ffff:192.0.2.1".
            return "::ffff:" + (mapped[12] & 0xff) + "." + (mapped[13] & 0xff) + "." + (mapped[14] & 0xff) + "."
                    + (mapped[15] & 0xff);
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952 §4.2: the longest run of two or more zero groups, the first if tied, becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
