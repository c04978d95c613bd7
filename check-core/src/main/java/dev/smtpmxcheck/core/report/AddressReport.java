package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * Everything seen at one address of one MX host. Fields of stages that were not reached are null.
 *
 * @param address the IP address in its textual form ("192.0.2.1", "2001:db8::1")
 * @param port the TCP port (25 unless configured)
 * @param failedStage the stage at which the probe stopped, or null when the dialogue completed
 * @param failureCode the finding code that describes the failure (e.g. {@link FindingCode#MX_UNREACHABLE}), or null
 * @param failure what went wrong, in words ("connection refused", "no reply within 10 s"), or null
 * @param connectMillis milliseconds to establish the TCP connection, or null when it failed
 * @param greeting the greeting, or null
 * @param ehlo the reply to EHLO (or HELO), or null
 * @param tls the TLS session after STARTTLS, or null when STARTTLS was not offered or failed
 * @param ehloAfterTls the reply to EHLO inside TLS, or null
 * @param relay the open-relay probe, or null when it was not run
 * @param totalMillis milliseconds from the start of the connection to the end of the probe
 * @param transcript the dialogue, one line per command or reply line ("C: EHLO ..." / "S: 250-..."), bounded
 * @param extensions the service extensions of the last successful EHLO reply, or null when EHLO did not succeed
 * @param starttlsInjection the STARTTLS command-injection test (on a connection of its own), or null when it was not
 *     run (STARTTLS not offered or not negotiated, or the test turned off)
 * @param tlsVersions the TLS versions and weak key exchange the opt-in version scan saw, or null when it did not run
 *     (not asked for, or no STARTTLS); when asked for but out of time, every version is UNKNOWN "not tried: ..."
 * @param reverseDns the PTR records of the address and their forward confirmation, or null when not looked up
 * @param dnsbl what the blocklists asked for (DNSBL, RFC 5782) said of the address, or null when none was asked for
 */
public record AddressReport(
        String address,
        int port,
        ProbeStage failedStage,
        FindingCode failureCode,
        String failure,
        Long connectMillis,
        Greeting greeting,
        Ehlo ehlo,
        TlsFacts tls,
        Ehlo ehloAfterTls,
        RelayFacts relay,
        long totalMillis,
        List<String> transcript,
        EsmtpExtensions extensions,
        StartTlsInjectionFacts starttlsInjection,
        TlsVersionScan tlsVersions,
        ReverseDns reverseDns,
        DnsblFacts dnsbl) {

    public AddressReport {
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
    }

    /** A report of the main probe alone: no extension summary, STARTTLS injection test, TLS version scan or reverse DNS. */
    public AddressReport(String address, int port, ProbeStage failedStage, FindingCode failureCode, String failure,
            Long connectMillis, Greeting greeting, Ehlo ehlo, TlsFacts tls, Ehlo ehloAfterTls, RelayFacts relay,
            long totalMillis, List<String> transcript) {
        this(address, port, failedStage, failureCode, failure, connectMillis, greeting, ehlo, tls, ehloAfterTls, relay,
                totalMillis, transcript, null, null, null, null, null);
    }

    /** A report of the main dialogue with its extension summary and STARTTLS injection test, without the scans. */
    public AddressReport(String address, int port, ProbeStage failedStage, FindingCode failureCode, String failure,
            Long connectMillis, Greeting greeting, Ehlo ehlo, TlsFacts tls, Ehlo ehloAfterTls, RelayFacts relay,
            long totalMillis, List<String> transcript, EsmtpExtensions extensions, StartTlsInjectionFacts starttlsInjection) {
        this(address, port, failedStage, failureCode, failure, connectMillis, greeting, ehlo, tls, ehloAfterTls, relay,
                totalMillis, transcript, extensions, starttlsInjection, null, null, null);
    }

    /** A report with every diagnostic but the blocklist lookups. */
    public AddressReport(String address, int port, ProbeStage failedStage, FindingCode failureCode, String failure,
            Long connectMillis, Greeting greeting, Ehlo ehlo, TlsFacts tls, Ehlo ehloAfterTls, RelayFacts relay,
            long totalMillis, List<String> transcript, EsmtpExtensions extensions, StartTlsInjectionFacts starttlsInjection,
            TlsVersionScan tlsVersions, ReverseDns reverseDns) {
        this(address, port, failedStage, failureCode, failure, connectMillis, greeting, ehlo, tls, ehloAfterTls, relay,
                totalMillis, transcript, extensions, starttlsInjection, tlsVersions, reverseDns, null);
    }

    /** This with the TLS version scan {@code scan} (null for none). */
    public AddressReport withTlsVersions(TlsVersionScan scan) {
        return new AddressReport(address, port, failedStage, failureCode, failure, connectMillis, greeting, ehlo, tls,
                ehloAfterTls, relay, totalMillis, transcript, extensions, starttlsInjection, scan,
                reverseDns, dnsbl);
    }

    /** This with the reverse DNS facts {@code reverse} (null for none). */
    public AddressReport withReverseDns(ReverseDns reverse) {
        return new AddressReport(address, port, failedStage, failureCode, failure, connectMillis, greeting, ehlo, tls,
                ehloAfterTls, relay, totalMillis, transcript, extensions, starttlsInjection,
                tlsVersions, reverse, dnsbl);
    }

    /** This with the blocklist results {@code lists} (null for none asked for). */
    public AddressReport withDnsbl(DnsblFacts lists) {
        return new AddressReport(address, port, failedStage, failureCode, failure, connectMillis, greeting, ehlo, tls,
                ehloAfterTls, relay, totalMillis, transcript, extensions, starttlsInjection,
                tlsVersions, reverseDns, lists);
    }

    /**
     * True when this address would take a message: it greeted with 220 and answered EHLO or HELO.
     * Later failures (STARTTLS, relay probe) are findings of their own but do not stop delivery, except a 421 at
     * any stage ({@link FindingCode#GREETING_TEMPORARY_FAILURE}): the server closes the channel (RFC 5321 §3.8), so
     * no sender gets a message through now.
     */
    public boolean acceptsSessions() {
        return greeting != null && greeting.reply().code() == 220 && ehlo != null && ehlo.reply().positive()
                && (failedStage == null || failedStage.compareTo(ProbeStage.EHLO) > 0)
                && failureCode != FindingCode.GREETING_TEMPORARY_FAILURE;
    }
}
