package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.Subjects;
import java.net.InetAddress;
import java.net.UnknownHostException;

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

    /** The text form of 4 or 16 address bytes: {@link Subjects#addressText(InetAddress)}; no DNS lookup. */
    static String format(byte[] address) {
        try {
            return Subjects.addressText(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + address.length + " bytes", e);
        }
    }
}
