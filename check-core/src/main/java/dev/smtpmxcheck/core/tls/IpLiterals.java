package dev.smtpmxcheck.core.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses and prints IP address literals without ever touching DNS. {@link InetAddress#getByName} does a
 * lookup for anything that is not a literal, so it is called only on strings already known to be one.
 */
final class IpLiterals {
    private IpLiterals() {}

    /** The address bytes (4 or 16) of an IPv4 dotted quad or an IPv6 literal (optionally in brackets), else null. */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.indexOf(':') < 0) {
            return parseIpv4(t);
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null; // also rules out zone ids ("%eth0"), which a certificate cannot hold
            }
        }
        try {
            // Safe: a string of hex digits, ':' and '.' containing ':' is parsed as an IPv6 literal or rejected.
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] parseIpv4(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** The text form of 4 or 16 address bytes: dotted quad, or IPv6 as RFC 5952 §4 (lower case, longest zero run as "::"). */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) { // the first of equally long runs wins (§4.2.3)
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
