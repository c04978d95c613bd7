package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureJudge;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.PostmasterVerdict;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Findings of the SMTP dialogue and relay probe of one address (everything except certificates). Pure. */
public final class SmtpFindings {
    private SmtpFindings() {}

    /**
     * The findings of one address, in dialogue order.
     *
     * <ul>
     *   <li>The failure that ended the dialogue ({@code report.failure()}, its code from
     *       {@link FailureJudge#code}) with the stage and what went wrong. A failure during the
     *       relay or postmaster probe ({@link ProbeStage#RELAY_PROBE}, {@link ProbeStage#POSTMASTER_PROBE}) is lowered
     *       to WARNING: the server took the session, it only
     *       stalled or broke on the probe.</li>
     *   <li>{@code BANNER_VERSION_LEAK} (INFO) when the greeting reveals a version.</li>
     *   <li>{@code EHLO_REJECTED} when only HELO worked; {@code STARTTLS_NOT_OFFERED} when a successful EHLO lacks
     *       STARTTLS; {@code STARTTLS_REJECTED} when STARTTLS was offered and refused (its outcome failed with the reply);
     *       {@code AUTH_OFFERED_WITHOUT_TLS} when the plain-text EHLO offers AUTH.</li>
     *   <li>{@code MAIL_FROM_REJECTED} (CRITICAL; the verdict lowers it while another MX takes mail) quoting a 5xx to the
     *       relay or postmaster probe's MAIL FROM that is not about the sender's own address
     *       ({@link AddressReport#mailFromRefusal()}).</li>
     *   <li>{@code OPEN_RELAY} (CRITICAL) quoting the RCPT TO reply; {@code RELAY_TEST_INCONCLUSIVE} (INFO) with the
     *       reason and reply, unless MAIL_FROM_REJECTED already says why.</li>
     *   <li>{@code POSTMASTER_REJECTED} quoting a 5xx to RCPT TO:&lt;postmaster@domain&gt; (RFC 5321 §4.5.1),
     *       {@code POSTMASTER_TEST_INCONCLUSIVE} (INFO) for a 4xx or unexpected reply.</li>
     * </ul>
     *
     * @param mxName the MX host name
     * @param report what the probe saw
     * @return the failure finding, greeting, EHLO, STARTTLS, AUTH,
     *     banner and relay findings, each with subject {@code Subjects.address(mxName, address, port)}
     */
    public static List<Finding> of(String mxName, AddressReport report) {
        String subject = Subjects.address(mxName, report.address(), report.port());
        List<Finding> findings = new ArrayList<>();
        Optional<Failure> failure = report.failure();
        if (failure.isPresent()) {
            Failure f = failure.get();
            FindingCode code = FailureJudge.code(f);
            String stage = f.stage() == null ? "" : stageName(f.stage()) + ": ";
            Severity severity = f.stage() == ProbeStage.RELAY_PROBE || f.stage() == ProbeStage.POSTMASTER_PROBE
                    ? Severity.WARNING : code.defaultSeverity();
            findings.add(f.reason() == FailureReason.DEADLINE
                    ? new Finding(code, severity, subject, stage + f.detail(), deadlineRemediation(subject))
                    : Finding.of(code, severity, subject, stage + f.detail()));
        }
        Greeting greeting = report.greeting().seen().orElse(null);
        if (greeting != null && greeting.version() != null) {
            findings.add(Finding.of(FindingCode.BANNER_VERSION_LEAK, subject, "the banner names "
                    + greeting.software() + " " + greeting.version() + ": \""
                    + greeting.reply().summary() + "\""));
        }
        Ehlo ehlo = report.ehlo().seen().orElse(null);
        if (ehlo != null && ehlo.command().equals("HELO") && ehlo.reply().positive()) {
            findings.add(Finding.of(FindingCode.EHLO_REJECTED, subject, "EHLO was refused"
                    + (ehlo.refusedEhlo() == null ? "" : " (" + lastLine(ehlo.refusedEhlo()) + ")")
                    + "; HELO was accepted"));
        }
        boolean ehloOk = ehlo != null && ehlo.command().equals("EHLO") && ehlo.reply().positive();
        if (ehloOk && !ehlo.has("STARTTLS")) {
            findings.add(Finding.of(FindingCode.STARTTLS_NOT_OFFERED, subject,
                    "the EHLO reply does not offer STARTTLS"));
        }
        Optional<Failure> starttls = report.tls().failed()
                .filter(f -> f.stage() == ProbeStage.STARTTLS && !FailureJudge.endsDialogue(f));
        if (ehloOk && starttls.isPresent()) {
            findings.add(Finding.of(FindingCode.STARTTLS_REJECTED, subject, "STARTTLS is offered but refused: "
                    + lastLine(starttls.get().reply())));
        }
        if (ehloOk) {
            Optional<EhloKeyword> auth = ehlo.find("AUTH");
            if (auth.isPresent()) {
                findings.add(Finding.of(FindingCode.AUTH_OFFERED_WITHOUT_TLS, subject,
                        "the plain-text EHLO reply offers AUTH " + String.join(" ", auth.get().params())));
            }
        }
        Optional<SmtpReply> mailFrom = report.mailFromRefusal();
        mailFrom.ifPresent(reply -> findings.add(Finding.of(FindingCode.MAIL_FROM_REJECTED, subject,
                "MAIL FROM:<" + reversePath(report) + "> was refused: \"" + reply.summary()
                        + "\"; no sender without credentials can deliver a message here")));
        RelayFacts relay = report.relay().seen().orElse(null);
        if (relay != null && relay.verdict() == RelayVerdict.OPEN) {
            findings.add(Finding.of(FindingCode.OPEN_RELAY, subject, "RCPT TO:<" + relay.forwardPath()
                    + "> after MAIL FROM:<" + relay.reversePath() + "> was accepted: \""
                    + relay.rcptReply().summary() + "\""));
        } else if (relay != null && relay.verdict() == RelayVerdict.INCONCLUSIVE && mailFrom.isEmpty()) {
            String reply = relay.rcptReply() != null ? "RCPT TO answered \"" + relay.rcptReply().summary() + "\""
                    : "MAIL FROM answered \"" + relay.mailReply().summary() + "\"";
            findings.add(Finding.of(FindingCode.RELAY_TEST_INCONCLUSIVE, subject, relay.reason() + "; " + reply));
        }
        findings.addAll(postmaster(subject, report, mailFrom.isPresent()));
        return List.copyOf(findings);
    }

    /**
     * POSTMASTER_REJECTED quoting the 5xx reply to RCPT TO:&lt;postmaster@domain&gt; (its severity is CRITICAL, lowered
     * by the verdict while another MX takes the domain's mail), or POSTMASTER_TEST_INCONCLUSIVE (INFO) with the
     * temporary or unexpected reply; nothing when the postmaster was accepted, the probe did not run, or MAIL FROM was
     * already reported refused.
     */
    private static List<Finding> postmaster(String subject, AddressReport report, boolean mailFromReported) {
        PostmasterFacts p = report.postmaster().seen().orElse(null);
        if (p == null || p.verdict() == PostmasterVerdict.ACCEPTED) {
            return List.of();
        }
        if (p.verdict() == PostmasterVerdict.REFUSED) {
            return List.of(Finding.of(FindingCode.POSTMASTER_REJECTED, subject, "RCPT TO:<" + p.forwardPath()
                    + "> was refused: \"" + p.rcptReply().summary() + "\"; every domain must accept mail for its"
                    + " postmaster (RFC 5321 §4.5.1), so this MX does not take mail for the domain"));
        }
        if (mailFromReported && p.rcptReply() == null) {
            return List.of();
        }
        String reply = p.rcptReply() != null ? "RCPT TO:<" + p.forwardPath() + "> answered \"" + p.rcptReply().summary()
                : "MAIL FROM:<" + p.reversePath() + "> answered \"" + p.mailReply().summary();
        return List.of(Finding.of(FindingCode.POSTMASTER_TEST_INCONCLUSIVE, subject, reply + "\""
                + (p.rcptReply() != null && p.rcptReply().transientNegative()
                        ? " (temporary: greylisting or a rate limit)" : "")));
    }

    /** The reverse-path of the MAIL FROM that was refused: the relay probe's, else the postmaster probe's. */
    private static String reversePath(AddressReport report) {
        return report.relay().seen().map(RelayFacts::reversePath)
                .or(() -> report.postmaster().seen().map(PostmasterFacts::reversePath)).orElse("");
    }

    /** The stage as the messages name it: "connect", "greeting", "EHLO", "STARTTLS"... */
    static String stageName(ProbeStage stage) {
        switch (stage) {
            case CONNECT:
                return "connect";
            case GREETING:
                return "greeting";
            case EHLO:
                return "EHLO";
            case STARTTLS:
                return "STARTTLS";
            case TLS_HANDSHAKE:
                return "TLS handshake";
            case EHLO_AFTER_TLS:
                return "EHLO after STARTTLS";
            case RELAY_PROBE:
                return "relay probe";
            case POSTMASTER_PROBE:
                return "postmaster probe";
            default:
                return "QUIT";
        }
    }

    /** The last line of {@code reply} with its code, as the transcript shows it: "454 4.7.0 TLS not available". */
    static String lastLine(SmtpReply reply) {
        String text = reply.lines().isEmpty() ? "" : reply.lines().get(reply.lines().size() - 1);
        return text.isEmpty() ? String.valueOf(reply.code()) : reply.code() + " " + text;
    }

    /**
     * The fix for a stage that the check's own deadline ended ({@code FailureReason.DEADLINE}): the server was not
     * shown to be at fault, so the fix does not blame it as the code's own does.
     */
    static String deadlineRemediation(String subject) {
        return "The check's own time limit (-t) ended this step before " + subject + " had answered: give the check"
                + " more time (-t) and look at the time each step took (-v); if " + subject + " is slow with more"
                + " time too, check its load and SMTP daemon.";
    }
}
