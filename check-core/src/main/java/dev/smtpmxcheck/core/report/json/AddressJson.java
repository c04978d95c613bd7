package dev.smtpmxcheck.core.report.json;

import dev.smtpmxcheck.core.report.FindingCode;
import java.util.List;

/**
 * One address of one MX host in the JSON report ({@code AddressReport} of {@code json.adoc}): what the SMTP
 * dialogue and the diagnostics saw. Parts that were not reached or not run are null.
 *
 * @param address the IP address in its textual form
 * @param port the TCP port
 * @param failedStage the name of the probe stage that failed ({@code CONNECT}, {@code GREETING}, {@code EHLO},
 *     {@code STARTTLS}, {@code TLS_HANDSHAKE}, {@code EHLO_AFTER_TLS}, {@code RELAY_PROBE}, {@code POSTMASTER_PROBE},
 *     {@code QUIT}), or null
 *     when the dialogue completed
 * @param failureCode the finding code that describes the failure, or null
 * @param failure what went wrong, in words, or null
 * @param connectMillis milliseconds to establish the TCP connection, or null when it failed
 * @param greeting the greeting (RFC 5321 §4.3.2), or null
 * @param ehlo the reply to EHLO (or HELO), or null
 * @param tls the TLS session after STARTTLS, or null
 * @param ehloAfterTls the reply to EHLO inside TLS (RFC 3207 §4.2), or null
 * @param relay the open-relay probe, or null when it was not run
 * @param totalMillis milliseconds from the start of the connection to the end of the probe
 * @param transcript the dialogue, one line per command or reply line, bounded
 * @param extensions the service extensions of the last successful EHLO reply, or null
 * @param starttlsInjection the STARTTLS command-injection test, or null when not run
 * @param tlsVersions the TLS version scan, or null when not run
 * @param reverseDns the PTR records of the address and their forward confirmation, or null
 * @param dnsbl the blocklist lookups (DNSBL, RFC 5782), or null when no list was asked for
 * @param postmaster the postmaster probe (RCPT TO:&lt;postmaster@domain&gt;, RFC 5321 §4.5.1), or null when it was
 *     not run
 * @param sessions with {@code --probes N}, one entry per session to the address, the main probe's first; null
 *     (omitted) otherwise
 */
public record AddressJson(
        String address,
        int port,
        String failedStage,
        FindingCode failureCode,
        String failure,
        Long connectMillis,
        Greeting greeting,
        Ehlo ehlo,
        TlsJson tls,
        Ehlo ehloAfterTls,
        Relay relay,
        long totalMillis,
        List<String> transcript,
        Extensions extensions,
        StartTlsInjection starttlsInjection,
        TlsVersions tlsVersions,
        ReverseDns reverseDns,
        Dnsbl dnsbl,
        Postmaster postmaster,
        List<Session> sessions) {

    public AddressJson {
        transcript = Lists.of(transcript);
    }

    /**
     * One session of {@code --probes N}.
     *
     * @param failureCode the finding code of the failure that ended it, or null when it went through
     * @param failure what went wrong, in words, or null
     * @param greetingHost the host name its greeting announced, or null
     * @param starttlsOffered whether EHLO offered STARTTLS
     * @param leafSha256 the SHA-256 fingerprint of the leaf certificate presented, or null
     * @param millis milliseconds the session took
     */
    public record Session(FindingCode failureCode, String failure, String greetingHost, boolean starttlsOffered,
            String leafSha256, long millis) {}

    /**
     * One SMTP reply (RFC 5321 §4.2.1).
     *
     * @param code the three-digit reply code
     * @param enhancedCode the enhanced status code (RFC 3463), or null
     * @param lines the text of each line without code and separator
     */
    public record Reply(int code, String enhancedCode, List<String> lines) {
        public Reply {
            lines = Lists.of(lines);
        }
    }

    /**
     * The greeting.
     *
     * @param reply the reply
     * @param millis milliseconds from connection established to the end of the greeting
     * @param announcedHost the host name the server announces, or null
     * @param software the MTA software recognised in the banner, or null
     * @param version the software version the banner leaks, or null
     */
    public record Greeting(Reply reply, long millis, String announcedHost, String software, String version) {}

    /**
     * The answer to EHLO or HELO (RFC 5321 §4.1.1.1).
     *
     * @param command "EHLO" or "HELO"
     * @param reply the reply
     * @param keywords the service extensions announced, in the server's order
     */
    public record Ehlo(String command, Reply reply, List<Keyword> keywords) {
        public Ehlo {
            keywords = Lists.of(keywords);
        }
    }

    /**
     * One service extension of an EHLO reply.
     *
     * @param keyword the keyword in upper case
     * @param params its parameters
     */
    public record Keyword(String keyword, List<String> params) {
        public Keyword {
            params = Lists.of(params);
        }
    }

    /**
     * The postmaster probe: MAIL FROM, RCPT TO:&lt;postmaster@domain&gt; (RFC 5321 §4.5.1), RSET; no DATA is ever sent.
     *
     * @param reversePath the address given in MAIL FROM
     * @param forwardPath the address given in RCPT TO
     * @param mailReply the reply to MAIL FROM
     * @param rcptReply the reply to RCPT TO, or null when MAIL FROM was refused
     * @param verdict {@code ACCEPTED}, {@code REFUSED} or {@code INCONCLUSIVE}
     */
    public record Postmaster(String reversePath, String forwardPath, Reply mailReply, Reply rcptReply, String verdict) {
    }

    /**
     * The open-relay probe (RFC 5321 §3.6, RFC 2505 §2); no DATA is ever sent.
     *
     * @param reversePath the address given in MAIL FROM
     * @param forwardPath the address given in RCPT TO
     * @param mailReply the reply to MAIL FROM
     * @param rcptReply the reply to RCPT TO, or null
     * @param verdict {@code OPEN}, {@code REFUSED} or {@code INCONCLUSIVE}
     * @param reason one sentence explaining the verdict
     * @param variants the relay-variant attempts in order, or null when they were not run
     */
    public record Relay(
            String reversePath,
            String forwardPath,
            Reply mailReply,
            Reply rcptReply,
            String verdict,
            String reason,
            List<RelayVariant> variants) {
        public Relay {
            variants = variants == null ? null : List.copyOf(variants);
        }
    }

    /**
     * One relay-variant attempt.
     *
     * @param variant the address form tried ({@code NULL_SENDER}, {@code PERCENT_HACK}, ...)
     * @param reversePath the address sent in MAIL FROM
     * @param forwardPath the address sent in RCPT TO
     * @param mailReply the reply to MAIL FROM, or null when the attempt was not made
     * @param rcptReply the reply to RCPT TO, or null
     * @param verdict {@code OPEN}, {@code REFUSED} or {@code INCONCLUSIVE}
     * @param reason one sentence explaining the verdict
     */
    public record RelayVariant(
            String variant,
            String reversePath,
            String forwardPath,
            Reply mailReply,
            Reply rcptReply,
            String verdict,
            String reason) {}

    /**
     * The service extensions that matter to senders.
     *
     * @param afterTls true when read from the EHLO reply inside TLS
     * @param pipelining PIPELINING (RFC 2920)
     * @param chunking CHUNKING (RFC 3030)
     * @param eightBitMime 8BITMIME (RFC 6152)
     * @param smtpUtf8 SMTPUTF8 (RFC 6531)
     * @param requireTls REQUIRETLS (RFC 8689)
     * @param size SIZE (RFC 1870) announced
     * @param sizeLimit the SIZE limit in octets, or null
     */
    public record Extensions(
            boolean afterTls,
            boolean pipelining,
            boolean chunking,
            boolean eightBitMime,
            boolean smtpUtf8,
            boolean requireTls,
            boolean size,
            Long sizeLimit) {}

    /**
     * The STARTTLS command-injection test (CVE-2011-0411; RFC 3207 §4.2).
     *
     * @param verdict {@code VULNERABLE}, {@code NOT_VULNERABLE} or {@code INCONCLUSIVE}
     * @param injected the command sent after STARTTLS in the same write
     * @param firstReplyInTls the first reply read inside TLS, or null
     * @param reason one sentence explaining the verdict
     * @param millis milliseconds the test took
     */
    public record StartTlsInjection(String verdict, String injected, Reply firstReplyInTls, String reason,
            long millis) {}

    /**
     * The TLS version scan (RFC 8996, RFC 9325).
     *
     * @param versions one result per version tried, oldest first
     * @param dhPrimeBits the finite-field DH group size in bits the server chose, or null
     * @param weakSuite the weak suite the server chose, or null
     * @param weakSuiteDetail what the weak-suite probe saw, in words
     * @param keyExchangeGroup the named group the handshake of the newest accepted version agreed on ("X25519",
     *     "secp256r1"), or null (omitted) when unknown
     * @param postQuantum the TLS 1.3 handshake offering only a hybrid post-quantum group, or null (omitted) when not
     *     part of the scan
     */
    public record TlsVersions(List<VersionResult> versions, Integer dhPrimeBits, String weakSuite,
            String weakSuiteDetail, String keyExchangeGroup, PostQuantum postQuantum) {
        public TlsVersions {
            versions = Lists.of(versions);
        }
    }

    /**
     * The post-quantum probe of the TLS version scan.
     *
     * @param group the hybrid group offered ("X25519MLKEM768")
     * @param outcome {@code ACCEPTED}, {@code REFUSED} or {@code UNKNOWN}
     * @param detail why it was refused or unknown, else null
     */
    public record PostQuantum(String group, String outcome, String detail) {}

    /**
     * One version of the TLS version scan.
     *
     * @param version the protocol as the JDK names it ("TLSv1.2")
     * @param outcome {@code ACCEPTED}, {@code REFUSED} or {@code UNKNOWN}
     * @param cipherSuite the suite the server chose when accepted, else null
     * @param detail why it was refused or unknown, else null
     */
    public record VersionResult(String version, String outcome, String cipherSuite, String detail) {}

    /**
     * Reverse DNS of the address (RFC 1035 §3.5) and its forward confirmation (RFC 8601 §2.7.3).
     *
     * @param ptrNames the PTR names, lower case, without trailing dot
     * @param confirmedNames those whose A or AAAA records contain the address
     * @param problem why the PTR lookup gave no answer, or null
     */
    public record ReverseDns(List<String> ptrNames, List<String> confirmedNames, String problem) {
        public ReverseDns {
            ptrNames = Lists.of(ptrNames);
            confirmedNames = Lists.of(confirmedNames);
        }
    }

    /**
     * The blocklist lookups of the address (DNSBL, RFC 5782).
     *
     * @param listings how many lists list the address
     * @param lists what each list said, in the order the lists were given
     */
    public record Dnsbl(int listings, List<DnsblList> lists) {
        public Dnsbl {
            lists = Lists.of(lists);
        }
    }

    /**
     * What one blocklist said.
     *
     * @param zone the list's zone
     * @param query the name queried (reversed octets or nibbles under the zone, RFC 5782 §2.1, §2.4)
     * @param status {@code LISTED}, {@code NOT_LISTED} or {@code UNCHECKED}
     * @param codes the A records of the answer (the listing's return codes, or the answer that is no listing)
     * @param meanings for a listing, what each code means for this list where it documents it, else "listed"
     * @param reason for a listing, the list's TXT record, or null
     * @param why for {@code UNCHECKED}: {@code REFUSED_BY_LIST}, {@code NOT_A_LISTING}, {@code TIMEOUT} or
     *     {@code DNS_ERROR}; else null
     * @param detail for {@code UNCHECKED}, what happened in words; else null
     */
    public record DnsblList(String zone, String query, String status, List<String> codes, List<String> meanings,
            String reason, String why, String detail) {
        public DnsblList {
            codes = Lists.of(codes);
            meanings = Lists.of(meanings);
        }
    }
}
