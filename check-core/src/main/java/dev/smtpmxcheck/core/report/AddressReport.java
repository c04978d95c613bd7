package dev.smtpmxcheck.core.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything seen at one address of one MX host: one {@link Outcome} per stage of the dialogue and per optional
 * diagnostic. A stage that was not reached is {@link Outcome.NotRun}, never null.
 *
 * @param address the IP address in its textual form ("192.0.2.1", "2001:db8::1")
 * @param port the TCP port (25 unless configured)
 * @param connect the TCP connection, with the milliseconds it took to establish
 * @param greeting the greeting (RFC 5321 §4.3.2); failed with the greeting itself when it was not 220
 * @param ehlo the reply to EHLO, or to HELO when EHLO was refused (RFC 5321 §4.1.1.1); failed with it when both were
 *     refused
 * @param tls STARTTLS and the TLS handshake (RFC 3207): not run when STARTTLS was not offered; failed at
 *     {@link ProbeStage#STARTTLS} with the reply when STARTTLS was refused, at {@link ProbeStage#TLS_HANDSHAKE} when
 *     the handshake failed
 * @param ehloAfterTls the reply to EHLO inside TLS (RFC 3207 §4.2)
 * @param relay the open-relay probe
 * @param postmaster the postmaster probe (RCPT TO:&lt;postmaster@domain&gt;, RFC 5321 §4.5.1) after the relay probe, in
 *     the same session; not run when not asked or when a host was checked without a domain
 *     ({@link NotRunReason#NO_DOMAIN})
 * @param extensions the service extensions of the last successful EHLO reply ({@link EsmtpExtensions#of}); not run
 *     when no EHLO succeeded
 * @param starttlsInjection the STARTTLS command-injection test, on a connection of its own
 * @param tlsVersions the opt-in TLS version scan
 * @param reverseDns the PTR records of the address and their forward confirmation
 * @param dnsbl what the opt-in DNS blocklists (RFC 5782) said of the address, one result per list; not run when no
 *     list was asked for
 * @param sessions with {@code --probes N}, one sample per session to the address, the main probe's first; not
 *     asked otherwise
 * @param totalMillis milliseconds from the start of the connection to the end of the probe
 * @param transcript the dialogue, one line per command or reply line ("C: EHLO ..." / "S: 250-..."), bounded; for
 *     people only
 */
public record AddressReport(
        String address,
        int port,
        Outcome<Long> connect,
        Outcome<Greeting> greeting,
        Outcome<Ehlo> ehlo,
        Outcome<TlsFacts> tls,
        Outcome<Ehlo> ehloAfterTls,
        Outcome<RelayFacts> relay,
        Outcome<PostmasterFacts> postmaster,
        Outcome<EsmtpExtensions> extensions,
        Outcome<StartTlsInjectionFacts> starttlsInjection,
        Outcome<TlsVersionScan> tlsVersions,
        Outcome<ReverseDns> reverseDns,
        Outcome<DnsblFacts> dnsbl,
        Outcome<List<SessionSample>> sessions,
        long totalMillis,
        List<String> transcript) {

    public AddressReport {
        Objects.requireNonNull(address, "address");
        Stream.of(connect, greeting, ehlo, tls, ehloAfterTls, relay, postmaster, extensions, starttlsInjection,
                tlsVersions, reverseDns, dnsbl, sessions)
                .forEach(o -> Objects.requireNonNull(o, "outcome"));
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
    }

    /** A builder for the report of {@code address}:{@code port}; every outcome starts as not run. */
    public static Builder builder(String address, int port) {
        return new Builder(address, port);
    }

    /**
     * The report of a probe that did not return: {@code failure} (with a null stage) stands at the connect, every
     * other stage is not run.
     *
     * @param totalMillis milliseconds from the start of the probe until it was given up
     */
    public static AddressReport unfinished(String address, int port, Failure failure, long totalMillis) {
        return builder(address, port).connect(Outcome.failed(failure)).totalMillis(totalMillis).build();
    }

    /** A builder that starts from this report. */
    public Builder toBuilder() {
        return builder(address, port).connect(connect).greeting(greeting).ehlo(ehlo).tls(tls).ehloAfterTls(ehloAfterTls)
                .relay(relay).postmaster(postmaster).extensions(extensions).starttlsInjection(starttlsInjection)
                .tlsVersions(tlsVersions).reverseDns(reverseDns).dnsbl(dnsbl)
                .sessions(sessions).totalMillis(totalMillis).transcript(transcript);
    }

    /** This with the TLS version scan {@code scan}. */
    public AddressReport withTlsVersions(Outcome<TlsVersionScan> scan) {
        return toBuilder().tlsVersions(scan).build();
    }

    /** This with the reverse DNS outcome {@code reverse}. */
    public AddressReport withReverseDns(Outcome<ReverseDns> reverse) {
        return toBuilder().reverseDns(reverse).build();
    }

    /** This with the blocklist outcome {@code lists}. */
    public AddressReport withDnsbl(Outcome<DnsblFacts> lists) {
        return toBuilder().dnsbl(lists).build();
    }

    /** This with the session samples {@code samples} ({@code --probes N}). */
    public AddressReport withSessions(Outcome<List<SessionSample>> samples) {
        return toBuilder().sessions(samples).build();
    }

    /**
     * The failure that ended the dialogue: the first failed stage in dialogue order, leaving out a STARTTLS refusal
     * after which the session went on ({@link FailureJudge#endsDialogue}). Empty when the dialogue completed.
     */
    public Optional<Failure> failure() {
        return Stream.of(connect, greeting, ehlo, tls, ehloAfterTls, relay, postmaster)
                .flatMap(o -> o.failed().stream())
                .filter(FailureJudge::endsDialogue)
                .findFirst();
    }

    /** The finding code of {@link #failure()} ({@link FailureJudge#code}), or empty. */
    public Optional<FindingCode> failureCode() {
        return failure().map(FailureJudge::code);
    }

    /** The stage at which the dialogue stopped, or empty when it completed or the probe as a whole gave up. */
    public Optional<ProbeStage> failedStage() {
        return failure().map(Failure::stage);
    }

    /** The TLS session after STARTTLS, when the handshake completed. */
    public Optional<TlsFacts> tlsSession() {
        return tls.seen();
    }

    /**
     * True when this address would take a message: it greeted with 220 and answered EHLO or HELO.
     * Later failures (STARTTLS, relay probe) are findings of their own but do not stop delivery, except a 421 at
     * any stage ({@link FindingCode#GREETING_TEMPORARY_FAILURE}, {@link FindingCode#SESSION_TEMPORARY_FAILURE}): the
     * server closes the channel (RFC 5321 §3.8), so no sender gets a message through now. Whether the session would
     * take a message for the domain is {@link #takesMail()}.
     */
    public boolean acceptsSessions() {
        return greeting.isDone() && ehlo.isDone() && failure().filter(FailureJudge::closedWith421).isEmpty();
    }

    /**
     * True when a sender without credentials could hand this address a message for the domain: it
     * {@linkplain #acceptsSessions() accepts sessions}, did not refuse the probe's MAIL FROM for good
     * ({@link #mailFromRefusal()}) and did not refuse {@code postmaster@domain} for good
     * ({@link #postmasterRefusal()}).
     */
    public boolean takesMail() {
        return acceptsSessions() && mailFromRefusal().isEmpty() && postmasterRefusal().isEmpty();
    }

    /**
     * The 5xx reply with which the address refused MAIL FROM of the relay or postmaster probe, unless its enhanced
     * code is about the sender's address itself ({@link SmtpReply#aboutSenderAddress()}: the probe's reverse-path, not
     * every sender, was refused). Such a refusal ("530 5.7.0 Authentication required") means the server takes no
     * mail from senders without credentials: it takes no mail from the Internet (RFC 5321 §4.5.4.1, RFC 4954 §6).
     */
    public Optional<SmtpReply> mailFromRefusal() {
        return Stream.concat(relay.seen().map(RelayFacts::mailReply).stream(),
                        postmaster.seen().map(PostmasterFacts::mailReply).stream())
                .filter(r -> r != null && r.permanentNegative() && !r.aboutSenderAddress())
                .findFirst();
    }

    /** The 5xx reply to RCPT TO:&lt;postmaster@domain&gt; (RFC 5321 §4.5.1), when the postmaster probe got one. */
    public Optional<SmtpReply> postmasterRefusal() {
        return postmaster.seen().filter(p -> p.verdict() == PostmasterVerdict.REFUSED)
                .map(PostmasterFacts::rcptReply);
    }

    /** Assembles an {@link AddressReport}; outcomes not set are {@link NotRunReason#SKIPPED_AFTER_FAILURE} for the
     * dialogue's stages and {@link NotRunReason#NOT_ASKED} for the optional ones. */
    public static final class Builder {
        private final String address;
        private final int port;
        private Outcome<Long> connect = Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE);
        private Outcome<Greeting> greeting = Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE);
        private Outcome<Ehlo> ehlo = Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE);
        private Outcome<TlsFacts> tls = Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE);
        private Outcome<Ehlo> ehloAfterTls = Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE);
        private Outcome<RelayFacts> relay = Outcome.notRun(NotRunReason.NOT_ASKED);
        private Outcome<PostmasterFacts> postmaster = Outcome.notRun(NotRunReason.NOT_ASKED);
        private Outcome<EsmtpExtensions> extensions = Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE);
        private Outcome<StartTlsInjectionFacts> starttlsInjection = Outcome.notRun(NotRunReason.NOT_ASKED);
        private Outcome<TlsVersionScan> tlsVersions = Outcome.notRun(NotRunReason.NOT_ASKED);
        private Outcome<ReverseDns> reverseDns = Outcome.notRun(NotRunReason.NOT_ASKED);
        private Outcome<List<SessionSample>> sessions = Outcome.notRun(NotRunReason.NOT_ASKED);
        private Outcome<DnsblFacts> dnsbl = Outcome.notRun(NotRunReason.NOT_ASKED);
        private long totalMillis;
        private List<String> transcript = List.of();

        private Builder(String address, int port) {
            this.address = address;
            this.port = port;
        }

        public Builder connect(Outcome<Long> o) {
            connect = o;
            return this;
        }

        /** Connected in {@code millis} ms. */
        public Builder connected(long millis) {
            return connect(Outcome.done(millis));
        }

        public Builder greeting(Outcome<Greeting> o) {
            greeting = o;
            return this;
        }

        public Builder greeting(Greeting g) {
            return greeting(Outcome.done(g));
        }

        public Builder ehlo(Outcome<Ehlo> o) {
            ehlo = o;
            return this;
        }

        public Builder ehlo(Ehlo e) {
            return ehlo(Outcome.done(e));
        }

        public Builder tls(Outcome<TlsFacts> o) {
            tls = o;
            return this;
        }

        public Builder tls(TlsFacts t) {
            return tls(Outcome.done(t));
        }

        public Builder ehloAfterTls(Outcome<Ehlo> o) {
            ehloAfterTls = o;
            return this;
        }

        public Builder ehloAfterTls(Ehlo e) {
            return ehloAfterTls(Outcome.done(e));
        }

        public Builder relay(Outcome<RelayFacts> o) {
            relay = o;
            return this;
        }

        public Builder relay(RelayFacts r) {
            return relay(Outcome.done(r));
        }

        public Builder postmaster(Outcome<PostmasterFacts> o) {
            postmaster = o;
            return this;
        }

        public Builder postmaster(PostmasterFacts p) {
            return postmaster(Outcome.done(p));
        }

        public Builder extensions(Outcome<EsmtpExtensions> o) {
            extensions = o;
            return this;
        }

        public Builder extensions(EsmtpExtensions e) {
            return extensions(Outcome.done(e));
        }

        public Builder starttlsInjection(Outcome<StartTlsInjectionFacts> o) {
            starttlsInjection = o;
            return this;
        }

        public Builder starttlsInjection(StartTlsInjectionFacts f) {
            return starttlsInjection(Outcome.done(f));
        }

        public Builder tlsVersions(Outcome<TlsVersionScan> o) {
            tlsVersions = o;
            return this;
        }

        public Builder tlsVersions(TlsVersionScan s) {
            return tlsVersions(Outcome.done(s));
        }

        public Builder reverseDns(Outcome<ReverseDns> o) {
            reverseDns = o;
            return this;
        }

        public Builder reverseDns(ReverseDns r) {
            return reverseDns(Outcome.done(r));
        }

        public Builder dnsbl(Outcome<DnsblFacts> o) {
            dnsbl = o;
            return this;
        }

        public Builder dnsbl(DnsblFacts d) {
            return dnsbl(Outcome.done(d));
        }

        public Builder sessions(Outcome<List<SessionSample>> o) {
            sessions = o;
            return this;
        }

        /** Milliseconds from the start of the connection to the end of the probe. */
        public Builder totalMillis(long millis) {
            totalMillis = millis;
            return this;
        }

        public Builder transcript(List<String> lines) {
            transcript = lines;
            return this;
        }

        public AddressReport build() {
            return new AddressReport(address, port, connect, greeting, ehlo, tls, ehloAfterTls, relay, postmaster,
                    extensions, starttlsInjection, tlsVersions, reverseDns, dnsbl, sessions, totalMillis, transcript);
        }
    }
}
