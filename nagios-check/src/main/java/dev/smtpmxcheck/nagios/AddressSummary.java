package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.report.AddressDelivery;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.ClassDelivery;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one line per MX address that opens the long output at every verbosity: the answers a mail administrator
 * asks first, in the order a sender meets them.
 *
 * <pre>
 * mx1.example.com [192.0.2.1]:25 MX 10: connects 0.020 s, STARTTLS TLSv1.3, certificate valid 364 d, relay refused,
 *     postmaster accepted
 * mx2.example.com [192.0.2.2]:25 MX 20: does not connect (timed out)
 * mx3.example.com MX 30: no usable address: no A or AAAA record
 * </pre>
 *
 * <p>Each answer is one method that returns its part, or empty when the probe did not get that far (or the check
 * did not ask): does the address take a TCP connection (times in seconds), where the SMTP dialogue stopped if it
 * stopped early, STARTTLS (RFC 3207), the certificate (days until the earliest expiry of the validated chain, as
 * the {@code cert_days} perfdata), the open-relay probe, the postmaster probe (RFC 5321 §4.5.1). Pure, no I/O; the text is made safe by the caller.
 */
final class AddressSummary {

    private AddressSummary() {}

    /**
     * The summary lines of every address of every MX host of {@code report}, in preference order; a host without an
     * address gets one line that says so.
     */
    static List<String> lines(CheckReport report) {
        boolean directHost = report.mxSource() == MxSource.HOST;  // -H: no MX record, so no preference to show
        List<String> lines = new ArrayList<>();
        for (MxReport m : report.mx()) {
            String host = m.host() + (directHost ? "" : " MX " + m.preference());
            if (m.addresses().isEmpty()) {
                lines.add(host + ": no usable address" + (m.addressProblem() == null ? "" : ": " + m.addressProblem()));
                continue;
            }
            for (AddressReport a : m.addresses()) {
                lines.add(line(report, m, a));
            }
        }
        return lines;
    }

    /**
     * The summary line of one address: {@code host [address]:port MX pref: part, part, ...; delivers: ...}.
     *
     * @param report the whole report (for what is judged per domain, and whether {@code -H} named the host)
     * @param mx the MX host the address belongs to
     * @param a the address report
     */
    static String line(CheckReport report, MxReport mx, AddressReport a) {
        boolean directHost = report.mxSource() == MxSource.HOST;
        List<String> parts = new ArrayList<>();
        connects(a).ifPresent(parts::add);
        dialogueStop(a).ifPresent(parts::add);
        starttls(a).ifPresent(parts::add);
        certificate(a).ifPresent(parts::add);
        relay(a).ifPresent(parts::add);
        postmaster(a).ifPresent(parts::add);
        String line = mx.host() + " [" + a.address() + "]:" + a.port() + (directHost ? "" : " MX " + mx.preference())
                + ": " + String.join(", ", parts);
        return line + delivers(report, mx, a).map(d -> "; delivers: " + d).orElse("");
    }

    /** "connects 0.012 s", or "does not connect (refused)" with the reason of the failure. */
    static Optional<String> connects(AddressReport a) {
        Optional<Long> millis = a.connect().seen();
        if (millis.isPresent()) {
            return Optional.of("connects " + Perfdata.secondsNumber(millis.get()) + " s");
        }
        return Optional.of("does not connect (" + a.connect().failed().map(AddressSummary::reason)
                .orElse("not tried") + ")");
    }

    /**
     * Where the dialogue stopped before STARTTLS, when it did: "greeting 554 5.7.1 no service" or
     * "EHLO timed out". A connect failure is {@link #connects}'s; STARTTLS and the relay probe have parts of their own.
     */
    static Optional<String> dialogueStop(AddressReport a) {
        Optional<Failure> failure = a.failure();
        if (failure.isEmpty() || failure.get().stage() == null) {
            return Optional.empty();
        }
        ProbeStage stage = failure.get().stage();
        if (stage == ProbeStage.GREETING) {
            return Optional.of("greeting " + reason(failure.get()));
        }
        if (stage == ProbeStage.EHLO || stage == ProbeStage.EHLO_AFTER_TLS) {
            return Optional.of((stage == ProbeStage.EHLO ? "EHLO " : "EHLO inside TLS ") + reason(failure.get()));
        }
        return Optional.empty();
    }

    /**
     * "STARTTLS TLSv1.3" after a completed handshake, "no STARTTLS" when the server does not offer it,
     * "STARTTLS refused (454 4.7.0 ...)" or "STARTTLS handshake failed (TLS alert)"; a reply or handshake cut off by a
     * timeout is no refusal and no failed handshake: "STARTTLS timed out", "STARTTLS handshake no time left"; empty
     * when not reached.
     */
    static Optional<String> starttls(AddressReport a) {
        Optional<TlsFacts> tls = a.tlsSession();
        if (tls.isPresent()) {
            return Optional.of("STARTTLS " + tls.get().protocol());
        }
        Optional<Failure> failed = a.tls().failed();
        if (failed.isPresent() && failed.get().timedOut()) {
            return Optional.of((failed.get().stage() == ProbeStage.STARTTLS ? "STARTTLS " : "STARTTLS handshake ")
                    + reason(failed.get()));
        }
        if (failed.isPresent()) {
            return Optional.of(failed.get().stage() == ProbeStage.STARTTLS ? "STARTTLS refused (" + reason(failed.get()) + ")"
                    : "STARTTLS handshake failed (" + reason(failed.get()) + ")");
        }
        return a.tls().notRun().filter(why -> why == NotRunReason.NOT_OFFERED).map(why -> "no STARTTLS");
    }

    /**
     * "certificate valid 364 d" for a trusted chain that names the host; otherwise what is wrong with it, e.g.
     * "certificate self-signed, name mismatch, 80 d" or "certificate expired" (CERT_EXPIRED says how long ago). The days are those of the
     * earliest expiry in the validated chain ({@link #certificateDays}); empty without a TLS session.
     */
    static Optional<String> certificate(AddressReport a) {
        Optional<TlsFacts> tls = a.tlsSession();
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        Long days = certificateDays(tls.get());
        List<String> problems = new ArrayList<>();
        if (tls.get().trust() != TrustStatus.TRUSTED) {
            problems.add(tls.get().trust() == TrustStatus.INCOMPLETE ? "chain incomplete"
                    : tls.get().trust().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (!tls.get().nameMatches()) {
            problems.add("name mismatch");
        }
        if (days == null) {
            problems.add("no certificate");
        } else if (days < 0) {
            // No day count: the finding says how long ago, counted from the check's time ("expired 5 days ago"), which
            // the days left of the facts (rounded down, -6 for 5 days and an hour) cannot give here.
            problems.add("expired");
        }
        if (problems.isEmpty()) {
            return Optional.of("certificate valid " + days + " d");
        }
        return Optional.of("certificate " + String.join(", ", problems) + (days == null || days < 0 ? "" : ", " + days + " d"));
    }

    /**
     * Days until the earliest expiry of the chain that matters, negative once expired, or null without a chain: an
     * intermediate that expires first breaks delivery as surely as the leaf; an extra certificate off the validated
     * path does not.
     */
    static Long certificateDays(TlsFacts tls) {
        if (tls.chain().isEmpty()) {
            return null;
        }
        return tls.chain().stream().filter(c -> tls.judged(c.position())).mapToLong(CertificateFacts::daysLeft).min()
                .orElse(tls.chain().get(0).daysLeft());
    }

    /** "relay refused", "relay open", "relay inconclusive", or "relay probe failed (timed out)"; empty when not run. */
    static Optional<String> relay(AddressReport a) {
        Optional<RelayFacts> relay = a.relay().seen();
        if (relay.isPresent()) {
            return Optional.of("relay " + relay.get().verdict().name().toLowerCase(Locale.ROOT));
        }
        return a.relay().failed().map(f -> "relay probe failed (" + reason(f) + ")");
    }

    /**
     * Whether the address takes mail for postmaster of the domain (RFC 5321 §4.5.1): "postmaster accepted",
     * "postmaster refused", "postmaster inconclusive", or "postmaster probe failed (timed out)"; empty when not run
     * ({@code --no-postmaster-test}, or the dialogue stopped before it).
     */
    static Optional<String> postmaster(AddressReport a) {
        Optional<PostmasterFacts> postmaster = a.postmaster().seen();
        if (postmaster.isPresent()) {
            return Optional.of("postmaster " + postmaster.get().verdict().name().toLowerCase(Locale.ROOT));
        }
        return a.postmaster().failed().map(f -> "postmaster probe failed (" + reason(f) + ")");
    }

    /**
     * Which classes of sender deliver to the address, from the report's delivery matrix: "opportunistic yes, MTA-STS
     * no (not listed in the MTA-STS policy), DANE n/a" (n/a: the domain does not invite that class at this host;
     * under an MTA-STS policy in testing mode a refusal reads "yes, testing mode (would refuse: ...)").
     * Empty when the report has no matrix (a report of an earlier version, or a check that ended before it).
     */
    static Optional<String> delivers(CheckReport report, MxReport mx, AddressReport a) {
        DomainDelivery delivery = report.delivery();
        if (delivery == null) {
            return Optional.empty();
        }
        AddressDelivery here = delivery.bySubject().get(Subjects.address(mx.host(), a.address(), a.port()));
        if (here == null) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (ClassDelivery c : here.classes()) {
            // A class the domain invites without enforcing (an MTA-STS policy in testing mode) still delivers, and
            // reports what it would have refused (RFC 8461 §5).
            boolean testing = delivery.of(c.sender()).applies() && !delivery.of(c.sender()).enforced();
            parts.add(c.sender().label() + " " + switch (c.delivers()) {
                case YES -> "yes";
                case NO -> testing ? "yes, testing mode (would refuse: " + c.reason().text() + ")"
                        : "no (" + c.reason().text() + ")";
                case NOT_APPLICABLE -> "n/a";
            });
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    /** The reply that ended a stage, or its reason in words: "554 5.7.1 no service", "timed out", "refused". */
    static String reason(Failure f) {
        if (f.reply() != null) {
            return f.reply().summary();
        }
        FailureReason r = f.reason();
        if (r == null) {
            return "failed";
        }
        switch (r) {
            case TIMEOUT:
                return "timed out";
            case DEADLINE:
                return "no time left";
            case CLOSED:
                return "connection closed";
            case PROTOCOL:
                return "protocol error";
            case TLS_ALERT:
                return "TLS alert";
            case REJECTED_BY_REPLY:
                return "rejected";
            case DNS_RCODE:
                return "DNS error";
            case INTERNAL:
                return "internal error";
            default:
                return r.name().toLowerCase(Locale.ROOT);
        }
    }
}
