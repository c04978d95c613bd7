package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.relay.RelayForms;
import dev.smtpmxcheck.core.relay.RelayJudge;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EsmtpExtensions;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Future;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsException;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * Probes one address of one MX host: connect, greeting, EHLO (HELO fallback), STARTTLS, EHLO again,
 * the open-relay probe, RSET, QUIT. Never sends DATA. Never throws for network trouble: each stage of the
 * {@link AddressReport} is an {@link Outcome}, and a failure is classified once, here, where its exception or reply is
 * seen, into a {@link FailureReason}; {@link dev.smtpmxcheck.core.report.FailureJudge} turns stage, reason and reply
 * into the finding codes below.
 *
 * <p>The dialogue (RFC 5321 §4.3.2, §3.9; RFC 3207 §4):
 * <ol>
 *   <li>TCP connect within min(stage timeout, time left); refused ({@code REFUSED}), timed out ({@code TIMEOUT}) or
 *       unroutable ({@code UNREACHABLE}) → {@code MX_UNREACHABLE} at {@link ProbeStage#CONNECT}; not tried because
 *       the deadline had passed ({@code DEADLINE}) → {@code SMTP_TIMEOUT}.</li>
 *   <li>Greeting, a non-220 failing with {@code REJECTED_BY_REPLY} and the reply: any 4xx (421, 451) →
 *       {@code GREETING_TEMPORARY_FAILURE}, 554 → {@code GREETING_REJECTED}, other non-220 →
 *       {@code GREETING_UNEXPECTED}; then QUIT. A 421 later (EHLO, STARTTLS, EHLO after TLS) →
 *       {@code SESSION_TEMPORARY_FAILURE}, and nothing more is sent.</li>
 *   <li>EHLO; if refused, HELO; both refused → {@code HELO_REJECTED} at {@link ProbeStage#EHLO}.</li>
 *   <li>When STARTTLS is offered: STARTTLS; on 220 the TLS handshake (SNI = MX name, every chain accepted and
 *       captured, judged afterwards by the {@link ChainInspector}), then EHLO again. A refused STARTTLS fails its stage
 *       with the reply but does not end the dialogue ({@link SmtpFindings} reports {@code STARTTLS_REJECTED}); a
 *       failed handshake ({@code TLS_ALERT}, {@code CLOSED}, or {@code PROTOCOL} for plain text after the 220) is
 *       {@code TLS_HANDSHAKE_FAILED} at {@link ProbeStage#TLS_HANDSHAKE}, after which the relay probe runs over a new
 *       plain-text connection if time allows. A handshake cut off by the stage timeout ({@code TIMEOUT}) or the
 *       overall deadline ({@code DEADLINE}) did not fail: it is {@code SMTP_TIMEOUT}, and no plain-text retry
 *       follows.</li>
 *   <li>Relay probe when enabled: MAIL FROM, RCPT TO (only when MAIL was accepted), RSET. With relay variants
 *       ({@link ProbeSettings#relayVariants()}), each {@link RelayForms} form follows as its own MAIL, RCPT, RSET:
 *       up to 27 more round trips; a form is not tried when less than twice the basic exchange's time plus
 *       {@value TimeBudget#VARIANT_RESERVE_MILLIS} ms is left before the deadline.</li>
 *   <li>Postmaster probe when enabled for a domain ({@link ProbeSettings#runsPostmasterProbe()}), after the relay
 *       probe's RSET (or after EHLO/STARTTLS when the relay probe is off): MAIL FROM with the relay probe's
 *       reverse-path, RCPT TO:&lt;postmaster@domain&gt; (only when MAIL was accepted; RFC 5321 §4.5.1), RSET. Not run
 *       after a 421 ended the relay probe.</li>
 *   <li>QUIT; a missing 221 is ignored.</li>
 *   <li>STARTTLS injection test ({@link ProbeSettings#starttlsInjection()}), only when the dialogue negotiated TLS, on
 *       a second connection: connect, greeting, EHLO, then {@code STARTTLS} and {@code NOOP} in one write, the
 *       handshake, and {@code QUIT} inside TLS. A first reply of 221 means the server dropped the plain-text NOOP as
 *       RFC 3207 §4.2 requires; a 250 first means it ran it inside TLS (CVE-2011-0411). It is skipped when less than
 *       twice the main dialogue's time to the end of its handshake (plus
 *       {@value TimeBudget#VARIANT_RESERVE_MILLIS} ms) is left;
 *       its failures only make it inconclusive, never a finding of their own.</li>
 * </ol>
 *
 * <p>Failures during the dialogue: a reply not complete in time ({@code TIMEOUT}, or {@code DEADLINE} when the
 * overall deadline passed, worded "overall deadline reached (-t)" rather than as a slow server) →
 * {@code SMTP_TIMEOUT}; EOF or reset ({@code CLOSED}) → {@code SMTP_CONNECTION_LOST}; a
 * malformed reply ({@code PROTOCOL}) → {@code SMTP_PROTOCOL_ERROR}; each failure's detail names the step.
 * Every read uses min(stage timeout, time left) as socket timeout, and a watchdog closes the socket
 * {@value TimeBudget#SOCKET_CLOSE_GRACE_MILLIS} ms after the deadline, so the probe returns by the deadline plus that
 * grace.
 *
 * <p>Thread-safe: one instance can probe many addresses in parallel.
 */
public final class SmtpProbe {
    /** The command sent behind STARTTLS in the injection test: harmless, answered with 250 by every server. */
    static final String INJECTED_COMMAND = "NOOP";
    /** Less time than this (ms) left before the deadline counts as none: a stage ending then was cut off by it. */
    static final long OUT_OF_TIME_MILLIS = 10;

    private final ProbeSettings settings;
    private final ChainInspector inspector;

    /**
     * @param settings port, stage timeout, EHLO name and relay-probe addresses
     * @param inspector judges the chain captured after STARTTLS
     * @throws IllegalArgumentException when the port is out of range, the stage timeout not positive, or the EHLO
     *     name or a relay address contains CR, LF, NUL or another character that could inject a command; nothing is
     *     sent in that case
     */
    public SmtpProbe(ProbeSettings settings, ChainInspector inspector) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        if (settings.port() < 1 || settings.port() > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + settings.port());
        }
        Objects.requireNonNull(settings.stageTimeout(), "stageTimeout");
        if (settings.stageTimeout().isNegative() || settings.stageTimeout().isZero()) {
            throw new IllegalArgumentException("stage timeout must be positive");
        }
        Objects.requireNonNull(settings.ehloName(), "ehloName");
        if (settings.ehloName().isEmpty()) {
            throw new IllegalArgumentException("EHLO name is empty");
        }
        CommandWriter.validateArgument("EHLO name", settings.ehloName());
        CommandWriter.validate("EHLO " + settings.ehloName());
        if (settings.runsPostmasterProbe()) {
            CommandWriter.validateArgument("postmaster-probe reverse-path", settings.relayFrom());
            CommandWriter.validateArgument("postmaster-probe forward-path", postmaster(settings.postmasterDomain()));
        }
        if (settings.relayProbe()) {
            CommandWriter.validateArgument("relay-test reverse-path", settings.relayFrom());
            CommandWriter.validateArgument("relay-test forward-path", settings.relayTo());
            if (settings.relayTo().isEmpty()) {
                throw new IllegalArgumentException("relay-test forward-path is empty");
            }
            if (settings.relayVariants()) {
                // Builds the forms once with placeholders, so unusable relay addresses fail before any connection.
                RelayForms.variants(settings.relayFrom(), settings.relayTo(), settings.relayDomain(), "mx.invalid",
                        InetAddress.getLoopbackAddress());
            }
        }
    }

    /**
     * Runs the dialogue with {@code address}, using {@code mxName} for SNI and the certificate name check.
     *
     * @param mxName MX host name without trailing dot
     * @param address the address to connect to
     * @param deadline the probe returns by then (plus at most a few hundred milliseconds) whatever the server does
     * @return what was seen; {@code totalMillis} counts from the start of the connect
     * @throws RuntimeException only what the {@link ChainInspector} throws (a programming error); network trouble
     *     never throws
     */
    public AddressReport probe(String mxName, InetAddress address, Deadline deadline) {
        Objects.requireNonNull(mxName, "mxName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(deadline, "deadline");
        return new Run(mxName, address, deadline).run();
    }

    /** The mutable state of one probe; becomes an {@link AddressReport}. */
    private final class Run {
        private final String mxName;
        private final InetAddress address;
        private final Deadline deadline;
        private final Transcript transcript = new Transcript();
        private final long startNanos = System.nanoTime();
        private final AddressReport.Builder report;
        private Failure failure;
        private Ehlo ehlo;
        private Ehlo ehloAfterTls;
        private TlsFacts tls;
        private RelayFacts relay;
        private boolean sessionClosed;
        private long connectTimeoutMillis;
        private long tlsDoneNanos;

        Run(String mxName, InetAddress address, Deadline deadline) {
            this.mxName = mxName;
            this.address = address;
            this.deadline = deadline;
            this.report = AddressReport.builder(Subjects.addressText(address), settings.port())
                    .relay(Outcome.notRun(settings.relayProbe() ? NotRunReason.SKIPPED_AFTER_FAILURE
                            : NotRunReason.NOT_ASKED))
                    .postmaster(Outcome.notRun(settings.runsPostmasterProbe() ? NotRunReason.SKIPPED_AFTER_FAILURE
                            : settings.postmasterTest() ? NotRunReason.NO_DOMAIN : NotRunReason.NOT_ASKED));
        }

        AddressReport run() {
            Socket socket = new Socket();
            Future<?> watchdog = Watchdog.closeAfter(deadline, socket);
            try {
                dialogue(socket);
            } finally {
                watchdog.cancel(false);
                closeQuietly(socket);
            }
            if (failure != null && failure.stage() == ProbeStage.TLS_HANDSHAKE && !failure.timedOut()
                    && (settings.relayProbe() || settings.runsPostmasterProbe())) {
                relayOverPlainText();
            }
            long totalMillis = (System.nanoTime() - startNanos) / 1_000_000;
            report.starttlsInjection(!settings.starttlsInjection() ? Outcome.notRun(NotRunReason.NOT_ASKED)
                    : tls != null ? Outcome.done(starttlsInjection())
                    : Outcome.notRun(ehlo != null && !ehlo.has("STARTTLS") ? NotRunReason.NOT_OFFERED
                            : NotRunReason.SKIPPED_AFTER_FAILURE));
            EsmtpExtensions extensions = EsmtpExtensions.of(ehlo, ehloAfterTls);
            report.extensions(extensions == null ? Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE)
                    : Outcome.done(extensions));
            return report.totalMillis(totalMillis).transcript(transcript.lines()).build();
        }

        private void dialogue(Socket socket) {
            try {
                report.connected(connect(socket));
            } catch (IOException e) {
                report.connect(Outcome.failed(record(connectFailure(e))));
                return;
            }
            ProbeStage stage = ProbeStage.GREETING;
            SmtpSession session = null;
            try {
                long connected = System.nanoTime();
                session = new SmtpSession(socket, transcript, deadline, settings.stageTimeout());
                SmtpReply reply = session.readReply();
                Greeting greeting = GreetingAnalysis.analyse(reply, (System.nanoTime() - connected) / 1_000_000);
                if (reply.code() != 220) {
                    report.greeting(Outcome.failed(record(Failure.rejected(stage, reply,
                            "the server greets with " + reply.summary())), greeting));
                    session.quitQuietly();
                    return;
                }
                report.greeting(greeting);

                stage = ProbeStage.EHLO;
                ehlo = hello(session);
                if (ehlo.reply().code() == 421) {
                    // RFC 5321 §3.8: the server closes the channel; temporary, and HELO was never sent.
                    report.ehlo(Outcome.failed(record(Failure.rejected(stage, ehlo.reply(),
                            "answered " + ehlo.reply().summary())), ehlo));
                    return;
                }
                if (!ehlo.reply().positive()) {
                    report.ehlo(Outcome.failed(record(Failure.rejected(stage, ehlo.reply(),
                            "EHLO and HELO refused; HELO answered " + ehlo.reply().summary())), ehlo));
                    session.quitQuietly();
                    return;
                }
                report.ehlo(ehlo);

                if (ehlo.command().equals("EHLO") && ehlo.has("STARTTLS")) {
                    stage = ProbeStage.STARTTLS;
                    SmtpReply starttls = session.command("STARTTLS");
                    if (starttls.code() == 421) {
                        // RFC 5321 §3.8: the server closes the channel; nothing more can be sent.
                        report.tls(Outcome.failed(record(Failure.rejected(stage, starttls,
                                "answered " + starttls.summary()))));
                        return;
                    }
                    if (starttls.code() == 220) {
                        stage = ProbeStage.TLS_HANDSHAKE;
                        if (!startTls(session)) {
                            return;
                        }
                        stage = ProbeStage.EHLO_AFTER_TLS;
                        SmtpReply again = session.command("EHLO " + settings.ehloName());
                        Ehlo after = Ehlo.ehlo(again, EhloKeywords.parse(again));
                        ehloAfterTls = after;
                        if (again.code() == 421) {
                            report.ehloAfterTls(Outcome.failed(record(Failure.rejected(stage, again,
                                    "answered " + again.summary())), after));
                            return;
                        }
                        if (!again.positive()) {
                            report.ehloAfterTls(Outcome.failed(record(Failure.rejected(stage, again,
                                    "EHLO after STARTTLS refused: " + again.summary())), after));
                            session.quitQuietly();
                            return;
                        }
                        report.ehloAfterTls(after);
                    } else {
                        // Not the end of the dialogue: senders go on in plain text (RFC 3207 §4).
                        report.tls(Outcome.failed(Failure.rejected(stage, starttls,
                                "STARTTLS refused: " + starttls.summary())));
                        report.ehloAfterTls(Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE));
                        transcript.event("STARTTLS refused; the relay probe continues in plain text");
                    }
                } else {
                    report.tls(Outcome.notRun(NotRunReason.NOT_OFFERED));
                    report.ehloAfterTls(Outcome.notRun(NotRunReason.NOT_OFFERED));
                }

                if (settings.relayProbe()) {
                    stage = ProbeStage.RELAY_PROBE;
                    relay = relayProbe(session);
                    report.relay(relay);
                }
                if (settings.runsPostmasterProbe() && !sessionClosed) {
                    stage = ProbeStage.POSTMASTER_PROBE;
                    report.postmaster(postmasterProbe(session));
                }
                stage = ProbeStage.QUIT;
                session.quitQuietly();
            } catch (IOException e) {
                describe(stage, session, e);
            }
        }

        /** Keeps {@code f} as the failure that ended the dialogue, unless an earlier one did; returns it. */
        private Failure record(Failure f) {
            if (failure == null) {
                failure = f;
            }
            return f;
        }

        /** Puts {@code f} on the outcome of the stage it belongs to, with what that stage saw so far. */
        private void failAt(ProbeStage stage, Failure f) {
            record(f);
            switch (stage) {
                case CONNECT:
                    report.connect(Outcome.failed(f));
                    break;
                case GREETING:
                    report.greeting(Outcome.failed(f));
                    break;
                case EHLO:
                    report.ehlo(Outcome.failed(f));
                    break;
                case STARTTLS:
                case TLS_HANDSHAKE:
                    report.tls(Outcome.failed(f));
                    break;
                case EHLO_AFTER_TLS:
                    report.ehloAfterTls(Outcome.failed(f));
                    break;
                case POSTMASTER_PROBE:
                    report.postmaster(Outcome.failed(f));
                    break;
                default:
                    report.relay(Outcome.failed(f, relay));
                    break;
            }
        }

        /** EHLO, or HELO when EHLO is refused (RFC 5321 §4.1.1.1, §3.2). */
        private Ehlo hello(SmtpSession session) throws IOException {
            SmtpReply reply = session.command("EHLO " + settings.ehloName());
            if (reply.positive()) {
                return Ehlo.ehlo(reply, EhloKeywords.parse(reply));
            }
            if (reply.code() == 421) {
                // The server is closing the channel (RFC 5321 §3.8); HELO would meet a closed connection.
                return Ehlo.ehlo(reply, List.of());
            }
            SmtpReply helo = session.command("HELO " + settings.ehloName());
            return Ehlo.helo(helo, reply);
        }

        /** The handshake; false (with the failure recorded) when it failed. */
        private boolean startTls(SmtpSession session) {
            if (session.hasBufferedInput()) {
                failAt(ProbeStage.TLS_HANDSHAKE, Failure.of(ProbeStage.TLS_HANDSHAKE, FailureReason.PROTOCOL,
                        "the server sent plain text right after its 220 reply to STARTTLS instead of starting TLS"));
                return false;
            }
            SmtpSession.Negotiated n;
            try {
                n = session.startTls(mxName);
            } catch (IOException e) {
                if (e instanceof SocketTimeoutException || outOfTime()) {
                    // Cut off by the stage timeout or the overall deadline: a timeout, not a TLS failure.
                    failAt(ProbeStage.TLS_HANDSHAKE, timedOut(ProbeStage.TLS_HANDSHAKE, session));
                    transcript.event("TLS handshake timed out: " + failure.detail());
                    return false;
                }
                boolean alert = e instanceof TlsFatalAlertReceived || e instanceof TlsFatalAlert;
                String why = handshakeFailure(e);
                FailureReason reason = alert ? FailureReason.TLS_ALERT : FailureReason.CLOSED;
                failAt(ProbeStage.TLS_HANDSHAKE, Failure.of(ProbeStage.TLS_HANDSHAKE, reason, why));
                transcript.event("TLS handshake failed: " + why);
                return false;
            }
            tls = inspector.inspect(n.protocol(), n.cipherSuite(), n.handshakeMillis(), mxName, n.chain());
            report.tls(tls);
            tlsDoneNanos = System.nanoTime();
            return true;
        }

        /** MAIL FROM, RCPT TO when MAIL was accepted, then RSET; never DATA (RFC 5321 §3.3, §4.1.1.5). */
        private RelayFacts relayProbe(SmtpSession session) throws IOException {
            long start = System.nanoTime();
            SmtpReply mail = session.command("MAIL FROM:<" + settings.relayFrom() + ">");
            SmtpReply rcpt = mail.positive() ? session.command("RCPT TO:<" + settings.relayTo() + ">") : null;
            RelayFacts facts = RelayJudge.judge(settings.relayFrom(), settings.relayTo(), mail, rcpt);
            relay = facts;
            boolean closing = mail.code() == 421 || (rcpt != null && rcpt.code() == 421);
            sessionClosed = closing;
            if (!closing) {
                session.command("RSET"); // after a 421 the server has closed the channel (RFC 5321 §3.8)
            }
            if (settings.relayVariants()) {
                RelayVariantFacts.NotTried why = closing ? RelayVariantFacts.NotTried.SESSION_CLOSED : null;
                facts = facts.withVariants(relayVariants(session, (System.nanoTime() - start) / 1_000_000, why));
                relay = facts;
            }
            return facts;
        }

        /**
         * MAIL FROM the probe's reverse-path, RCPT TO:&lt;postmaster@domain&gt; when MAIL was accepted, then RSET
         * unless the server closed the session with 421; never DATA (RFC 5321 §4.5.1, §3.3).
         */
        private PostmasterFacts postmasterProbe(SmtpSession session) throws IOException {
            String to = postmaster(settings.postmasterDomain());
            SmtpReply mail = session.command("MAIL FROM:<" + settings.relayFrom() + ">");
            SmtpReply rcpt = mail.positive() ? session.command("RCPT TO:<" + to + ">") : null;
            boolean closing = mail.code() == 421 || (rcpt != null && rcpt.code() == 421);
            if (!closing) {
                session.command("RSET");
            }
            sessionClosed = closing;
            return PostmasterFacts.judge(settings.relayFrom(), to, mail, rcpt);
        }

        /**
         * Each relay-variant form as MAIL FROM, RCPT TO (when MAIL was accepted) and RSET; never DATA. A form is not
         * tried once the server closed the session, the connection failed, or too little time is left; it is then
         * reported INCONCLUSIVE with the reason and no replies.
         *
         * @param pairMillis how long the basic MAIL/RCPT/RSET exchange took, the estimate of one more
         * @param notTried why no form can be tried at all, or null
         */
        private List<RelayVariantFacts> relayVariants(SmtpSession session, long pairMillis,
                RelayVariantFacts.NotTried notTried) {
            List<RelayVariantFacts> out = new ArrayList<>();
            RelayVariantFacts.NotTried why = notTried;
            for (RelayForms.Form form : RelayForms.variants(settings.relayFrom(), settings.relayTo(),
                    settings.relayDomain(), mxName, address)) {
                if (why == null && deadline.remainingMillis() < 2 * pairMillis + TimeBudget.VARIANT_RESERVE_MILLIS) {
                    why = RelayVariantFacts.NotTried.NO_TIME_LEFT;
                    transcript.event("relay variants stopped: too little time left before the deadline");
                }
                if (why != null) {
                    out.add(RelayVariantFacts.notTried(form.variant(), form.reversePath(), form.forwardPath(), why));
                    continue;
                }
                try {
                    CommandWriter.validateArgument("relay-variant reverse-path", form.reversePath());
                    CommandWriter.validateArgument("relay-variant forward-path", form.forwardPath());
                    SmtpReply mail = session.command("MAIL FROM:<" + form.reversePath() + ">");
                    SmtpReply rcpt = mail.positive() ? session.command("RCPT TO:<" + form.forwardPath() + ">") : null;
                    RelayFacts judged = RelayJudge.judge(form.reversePath(), form.forwardPath(), mail, rcpt);
                    out.add(RelayVariantFacts.sent(form.variant(), form.reversePath(), form.forwardPath(), mail, rcpt,
                            judged.verdict(), judged.reason()));
                    if (mail.code() == 421 || (rcpt != null && rcpt.code() == 421)) {
                        why = RelayVariantFacts.NotTried.SESSION_CLOSED;
                        sessionClosed = true;
                    } else {
                        session.command("RSET");
                    }
                } catch (IllegalArgumentException e) {
                    out.add(RelayVariantFacts.sent(form.variant(), form.reversePath(), form.forwardPath(), null, null,
                            RelayVerdict.INCONCLUSIVE, "not sent: " + e.getMessage()));
                } catch (IOException e) {
                    why = RelayVariantFacts.NotTried.CONNECTION_FAILED;
                    sessionClosed = true;
                    transcript.event("relay variants stopped: " + e);
                    out.add(RelayVariantFacts.sent(form.variant(), form.reversePath(), form.forwardPath(), null, null,
                            RelayVerdict.INCONCLUSIVE, "no complete reply: " + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
                }
            }
            return out;
        }

        /**
         * The STARTTLS command-injection test on a connection of its own (see the class comment). Never throws and
         * never fails the probe: trouble makes the result INCONCLUSIVE.
         */
        private StartTlsInjectionFacts starttlsInjection() {
            long start = System.nanoTime();
            long needed = 2 * ((tlsDoneNanos - startNanos) / 1_000_000) + TimeBudget.VARIANT_RESERVE_MILLIS;
            if (deadline.remainingMillis() < needed) {
                transcript.event("STARTTLS injection test not run: too little time left before the deadline");
                return injection(StartTlsInjectionVerdict.INCONCLUSIVE, null,
                        "not run: too little time left before the deadline", start);
            }
            transcript.event("STARTTLS injection test on a new connection: STARTTLS and " + INJECTED_COMMAND
                    + " in one write");
            Socket socket = new Socket();
            Future<?> watchdog = Watchdog.closeAfter(deadline, socket);
            try {
                connect(socket);
                SmtpSession session = new SmtpSession(socket, transcript, deadline, settings.stageTimeout());
                SmtpReply greet = session.readReply();
                if (greet.code() != 220) {
                    session.quitQuietly();
                    return injection(StartTlsInjectionVerdict.INCONCLUSIVE, null,
                            "the server greeted the test connection with " + greet.summary(), start);
                }
                SmtpReply hello = session.command("EHLO " + settings.ehloName());
                if (!hello.positive() || EhloKeywords.parse(hello).stream().noneMatch(k -> k.keyword().equals("STARTTLS"))) {
                    session.quitQuietly();
                    return injection(StartTlsInjectionVerdict.INCONCLUSIVE, null,
                            "the test connection's EHLO did not offer STARTTLS: " + hello.summary(), start);
                }
                SmtpReply starttls = session.pipelined(List.of("STARTTLS", INJECTED_COMMAND));
                if (starttls.code() != 220) {
                    session.quitQuietly();
                    return injection(StartTlsInjectionVerdict.INCONCLUSIVE, null,
                            "STARTTLS on the test connection answered " + starttls.summary(), start);
                }
                if (session.hasBufferedInput()) {
                    return injection(StartTlsInjectionVerdict.INCONCLUSIVE, null, "the server answered the "
                            + INJECTED_COMMAND + " in plain text before the handshake, so TLS could not start", start);
                }
                try {
                    session.startTls(mxName);
                } catch (IOException e) {
                    transcript.event("STARTTLS injection test: handshake failed: " + e);
                    return injection(StartTlsInjectionVerdict.INCONCLUSIVE, null,
                            "the handshake on the test connection failed", start);
                }
                SmtpReply first;
                try {
                    first = session.command("QUIT");
                } catch (EOFException e) {
                    return injection(StartTlsInjectionVerdict.NOT_VULNERABLE, null,
                            "the server closed the connection without answering the " + INJECTED_COMMAND
                                    + " sent before the handshake", start);
                }
                if (first.code() == 221) {
                    return injection(StartTlsInjectionVerdict.NOT_VULNERABLE, first, "the first reply inside TLS"
                            + " answered our QUIT: the " + INJECTED_COMMAND + " sent before the handshake was discarded",
                            start);
                }
                if (first.positive()) {
                    session.quitQuietly();
                    return injection(StartTlsInjectionVerdict.VULNERABLE, first, "inside TLS the server first answered"
                            + " the " + INJECTED_COMMAND + " sent in plain text before the handshake (\""
                            + first.summary() + "\"), before our QUIT", start);
                }
                session.quitQuietly();
                return injection(StartTlsInjectionVerdict.INCONCLUSIVE, first,
                        "the first reply inside TLS was neither 221 nor 250: " + first.summary(), start);
            } catch (IOException e) {
                transcript.event("STARTTLS injection test failed: " + e);
                return injection(StartTlsInjectionVerdict.INCONCLUSIVE, null, "the test connection failed: "
                        + (e instanceof SocketTimeoutException || deadline.expired() ? "no reply in time"
                                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())),
                        start);
            } finally {
                watchdog.cancel(false);
                closeQuietly(socket);
            }
        }

        private StartTlsInjectionFacts injection(StartTlsInjectionVerdict verdict, SmtpReply first, String reason,
                long startNanos) {
            return new StartTlsInjectionFacts(verdict, INJECTED_COMMAND, first, reason,
                    (System.nanoTime() - startNanos) / 1_000_000);
        }

        /**
         * After a failed handshake the connection is unusable; senders that do not insist on TLS would retry in
         * plain text, so the relay and postmaster probes do too, on a new connection, if a stage timeout's worth
         * of time is left.
         * Its failures are only noted in the transcript.
         */
        private void relayOverPlainText() {
            if (deadline.remainingMillis() < Math.min(settings.stageTimeout().toMillis(), 1000)) {
                transcript.event("no time left to retry the relay probe without TLS");
                return;
            }
            transcript.event("reconnecting without TLS for the relay probe");
            Socket socket = new Socket();
            Future<?> watchdog = Watchdog.closeAfter(deadline, socket);
            try {
                connect(socket);
                SmtpSession session = new SmtpSession(socket, transcript, deadline, settings.stageTimeout());
                if (session.readReply().code() != 220) {
                    session.quitQuietly();
                    return;
                }
                SmtpReply hello = session.command("EHLO " + settings.ehloName());
                if (!hello.positive()) {
                    hello = session.command("HELO " + settings.ehloName());
                }
                if (hello.positive() && settings.relayProbe()) {
                    relay = relayProbe(session);
                    report.relay(relay);
                }
                if (hello.positive() && settings.runsPostmasterProbe() && !sessionClosed) {
                    report.postmaster(postmasterProbe(session));
                }
                session.quitQuietly();
            } catch (IOException e) {
                transcript.event("relay probe without TLS failed: " + e);
            } finally {
                watchdog.cancel(false);
                closeQuietly(socket);
            }
        }

        /** Connects within min(stage timeout, time left); returns the milliseconds it took. */
        private long connect(Socket socket) throws IOException {
            if (deadline.expired()) {
                throw new SocketTimeoutException("deadline passed before connecting");
            }
            int timeout = deadline.limit(settings.stageTimeout()).soTimeoutMillis();
            connectTimeoutMillis = timeout;
            long start = System.nanoTime();
            transcript.event("connecting to " + Subjects.addressText(address) + " port " + settings.port());
            socket.connect(new InetSocketAddress(address, settings.port()), timeout);
            long millis = (System.nanoTime() - start) / 1_000_000;
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException e) {
                // Reset right after the handshake: connected all the same; the greeting read will say what happened.
            }
            return millis;
        }

        /**
         * The connect failure, classified here once: not tried before the deadline (DEADLINE), refused, no route,
         * timed out, or another network error (UNREACHABLE).
         */
        private Failure connectFailure(IOException e) {
            ProbeStage stage = ProbeStage.CONNECT;
            if (connectTimeoutMillis == 0) {
                // Not tried at all is no verdict on the server: the check ran out of time.
                return Failure.of(stage, FailureReason.DEADLINE, "not tried: the deadline had passed before connecting");
            }
            long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
            if (e instanceof ConnectException) {
                // The JDK words a refused connection "Connection refused" and throws the same type for other errors.
                String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
                return msg.contains("refused") ? Failure.of(stage, FailureReason.REFUSED, "connection refused")
                        : Failure.of(stage, FailureReason.UNREACHABLE, "connect failed: " + e.getMessage());
            }
            if (e instanceof NoRouteToHostException) {
                return Failure.of(stage, FailureReason.UNREACHABLE, "no route to host");
            }
            if (e instanceof SocketTimeoutException || deadline.expired()) {
                return Failure.of(stage, FailureReason.TIMEOUT, "connect timed out after "
                        + seconds(Math.max(elapsed, connectTimeoutMillis) / 100 * 100));
            }
            return Failure.of(stage, FailureReason.UNREACHABLE, "connect failed: " + e.getMessage());
        }

        /**
         * True when the overall deadline has passed or is less than {@value #OUT_OF_TIME_MILLIS} ms away: a stage
         * that ends now was cut off by the deadline, not by a slow server.
         */
        private boolean outOfTime() {
            return deadline.remainingMillis() < OUT_OF_TIME_MILLIS;
        }

        /**
         * The failure of {@code stage} cut off in {@code session}'s step in progress: {@code DEADLINE}, "overall
         * deadline reached", when the check's deadline left the step no more time ({@link #outOfTime()}), so that
         * the message does not blame the server for a wait the check cut short; else {@code TIMEOUT} after the
         * stage timeout, "no complete reply to EHLO within 10 s".
         */
        private Failure timedOut(ProbeStage stage, SmtpSession session) {
            String step = session == null ? "the greeting" : session.step();
            long millis = session == null ? (System.nanoTime() - startNanos) / 1_000_000 : session.stepMillis();
            if (outOfTime()) {
                return Failure.of(stage, FailureReason.DEADLINE, "overall deadline reached (-t)" + (millis >= 100
                        ? " after waiting " + seconds(millis / 100 * 100) + " for " + step : ": no time left for " + step));
            }
            return Failure.of(stage, FailureReason.TIMEOUT, "no complete " + step.replace("the ", "") + " within "
                    + seconds(millis));
        }

        private void describe(ProbeStage stage, SmtpSession session, IOException e) {
            String step = session == null ? "the greeting" : session.step();
            // Not when our own deadline closed the socket: that is a timeout, and -t N:STATE applies to it.
            if (stage == ProbeStage.EHLO_AFTER_TLS && !outOfTime() && (e instanceof TlsException
                    || e instanceof SocketException || e instanceof EOFException)) {
                // TLS 1.3: the client's side of the handshake ends before the server has judged it, so a server
                // that demands a client certificate sends its fatal alert (or just closes) after the handshake, when
                // EHLO is on its way. For a sender TLS failed there, and it falls back as after a failed handshake.
                String why = "the server ended TLS right after the handshake, before answering EHLO (as a server"
                        + " that demands a client certificate does): " + (e instanceof TlsFatalAlertReceived r
                                ? "alert " + AlertDescription.getText(r.getAlertDescription())
                                : e.getMessage() == null ? "connection closed" : e.getMessage());
                FailureReason reason = e instanceof TlsException ? FailureReason.TLS_ALERT
                        : FailureReason.CLOSED;
                failAt(ProbeStage.EHLO_AFTER_TLS, Failure.of(ProbeStage.TLS_HANDSHAKE, reason, why));
                transcript.event("TLS handshake failed: " + why);
            } else if (e instanceof SmtpProtocolException) {
                failAt(stage, Failure.of(stage, FailureReason.PROTOCOL, "malformed " + step.replace("the ", "")
                        + ": " + e.getMessage()));
            } else if (e instanceof SocketTimeoutException || outOfTime()) {
                failAt(stage, timedOut(stage, session));
            } else if (e instanceof EOFException) {
                failAt(stage, Failure.of(stage, FailureReason.CLOSED,
                        "the server closed the connection while we waited for " + step));
            } else if (e instanceof SocketException) {
                failAt(stage, Failure.of(stage, FailureReason.CLOSED, "connection lost while we waited for " + step
                        + ": " + e.getMessage()));
            } else {
                failAt(stage, Failure.of(stage, FailureReason.CLOSED, "connection failed while we waited for " + step
                        + ": " + e));
            }
        }
    }

    /**
     * What ended a failed handshake, for people: the fatal alert the server sent, or the one this client sent and
     * why, or the closed connection. An alert {@code protocol_version} either way (the server refused TLS 1.2 and
     * 1.3, or chose an older version than offered; RFC 8446 §4.1.3, RFC 5246 §E.1) is said to mean what it most
     * likely does: the server speaks only TLS 1.0/1.1, deprecated by RFC 8996 and not offered by this client.
     *
     * @param e what the handshake threw, not a timeout
     * @return one sentence without a final period
     */
    static String handshakeFailure(IOException e) {
        short alert;
        String what;
        if (e instanceof TlsFatalAlertReceived received) {
            alert = received.getAlertDescription();
            what = "the server ended the handshake with the alert " + AlertDescription.getText(alert);
        } else if (e instanceof TlsFatalAlert sent) {
            alert = sent.getAlertDescription();
            // BouncyCastle's message is the alert's text, then "; " and the reason when there is one.
            String text = AlertDescription.getText(alert);
            String message = sent.getMessage() == null ? "" : sent.getMessage();
            String reason = message.startsWith(text) ? message.substring(text.length()).replaceFirst("^; ", "")
                    : message;
            if (reason.isEmpty() && sent.getCause() != null) {
                reason = String.valueOf(sent.getCause());
            }
            what = "this client ended the handshake with the alert " + text + (reason.isEmpty() ? "" : ": " + reason);
        } else if (e instanceof EOFException || e.getMessage() == null) {
            return "the server closed the connection during the handshake";
        } else {
            return "the connection failed during the handshake: " + e.getMessage();
        }
        if (alert == AlertDescription.protocol_version) {
            return "no common TLS version: the server probably accepts only legacy TLS 1.0/1.1 (deprecated by RFC 8996),"
                    + " which this check's client does not offer; --tls-scan tells which versions it accepts (" + what
                    + ")";
        }
        return what;
    }

    /** The postmaster address of {@code domain} (RFC 5321 §4.5.1). */
    static String postmaster(String domain) {
        return "postmaster@" + domain;
    }

    /** Milliseconds as seconds for messages: "10 s", "1.5 s". */
    static String seconds(long millis) {
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
