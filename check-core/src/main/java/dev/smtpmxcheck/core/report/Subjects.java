package dev.smtpmxcheck.core.report;

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
}
