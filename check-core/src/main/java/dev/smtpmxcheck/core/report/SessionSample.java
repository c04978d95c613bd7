package dev.smtpmxcheck.core.report;

/**
 * What one session to an address showed, reduced to what must be the same on every server behind the address
 * ({@code --probes N}): whether it took the session, its greeting's host name, whether it offered STARTTLS and which
 * certificate it presented.
 *
 * @param failureCode the finding code of the failure that ended the session ({@link FailureJudge#code}), or null when
 *     the session went through
 * @param failure what went wrong, in words, or null
 * @param greetingHost the host name the greeting announced, or null
 * @param starttlsOffered whether EHLO offered STARTTLS (RFC 3207); false when no EHLO succeeded
 * @param leafSha256 the SHA-256 fingerprint of the leaf certificate presented after STARTTLS (hex), or null when no
 *     handshake completed
 * @param millis milliseconds the session took
 */
public record SessionSample(FindingCode failureCode, String failure, String greetingHost, boolean starttlsOffered,
        String leafSha256, long millis) {

    /** The sample of a probe's report: its failure, greeting host, STARTTLS offer and leaf certificate. */
    public static SessionSample of(AddressReport a) {
        Failure f = a.failure().orElse(null);
        return new SessionSample(f == null ? null : FailureJudge.code(f), f == null ? null : f.detail(),
                a.greeting().seen().map(Greeting::announcedHost).orElse(null),
                a.ehlo().seen().filter(e -> e.has("STARTTLS")).isPresent(),
                a.tlsSession().filter(t -> !t.chain().isEmpty()).map(t -> t.chain().get(0).sha256Fingerprint())
                        .orElse(null),
                a.totalMillis());
    }

    /** True when the session went through (no failure ended it). */
    public boolean answered() {
        return failureCode == null;
    }
}
