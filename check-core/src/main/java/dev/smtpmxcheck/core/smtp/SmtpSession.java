package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * One SMTP connection: the socket, the reply reader and the command writer, plus what the probe needs to name
 * the step in progress when something fails. Every reply is read within the stage timeout and the overall
 * deadline. Package-private: the probe's plumbing.
 */
final class SmtpSession {
    private final Socket socket;
    private ReplyReader reader;
    private CommandWriter writer;
    private final Transcript transcript;
    private final Deadline deadline;
    private final Duration stageTimeout;
    private final FirstHandshakeGate gate;
    private String step = "the greeting";
    private long stepStartNanos = System.nanoTime();

    /** What the TLS handshake produced: the JDK's names of the version and suite, and the chain, leaf first. */
    record Negotiated(String protocol, String cipherSuite, long handshakeMillis, X509Certificate[] chain) {}

    SmtpSession(Socket socket, Transcript transcript, Deadline deadline, Duration stageTimeout) throws IOException {
        this(socket, transcript, deadline, stageTimeout, FirstHandshakeGate.PROCESS);
    }

    /** As above, with the gate the handshake waits at instead of the process's (for tests). */
    SmtpSession(Socket socket, Transcript transcript, Deadline deadline, Duration stageTimeout,
            FirstHandshakeGate gate) throws IOException {
        this.gate = gate;
        this.transcript = transcript;
        this.deadline = deadline;
        this.stageTimeout = stageTimeout;
        this.socket = socket;
        attach(socket.getInputStream(), socket.getOutputStream());
    }

    /** Reads and writes through {@code in} and {@code out} from now on (the socket's, or TLS over them). */
    private void attach(InputStream in, OutputStream out) {
        this.reader = new ReplyReader(in, socket::setSoTimeout, transcript::server);
        this.writer = new CommandWriter(out, transcript);
    }

    /** Reads the next reply (the greeting at first). */
    SmtpReply readReply() throws IOException {
        return reader.read(deadline.limit(stageTimeout));
    }

    /** Sends {@code command} and reads its reply. */
    SmtpReply command(String command) throws IOException {
        CommandWriter.validate(command);
        String verb = CommandWriter.verb(command);
        step = "the reply to " + (verb.equals("MAIL") ? "MAIL FROM" : verb.equals("RCPT") ? "RCPT TO" : verb);
        stepStartNanos = System.nanoTime();
        writer.send(command);
        return readReply();
    }

    /**
     * Sends {@code commands} in one write (see {@link CommandWriter#sendAll}) and reads the reply to the first; the
     * replies to the others stay unread.
     */
    SmtpReply pipelined(List<String> commands) throws IOException {
        String verb = CommandWriter.verb(commands.get(0));
        step = "the reply to " + verb;
        stepStartNanos = System.nanoTime();
        writer.sendAll(commands);
        return readReply();
    }

    /** Sends QUIT and waits briefly for 221; never fails (RFC 5321 §4.1.1.10). */
    void quitQuietly() {
        try {
            writer.send("QUIT");
            reader.read(deadline.limit(
                    Duration.ofMillis(Math.min(TimeBudget.QUIT_WAIT_MILLIS, stageTimeout.toMillis()))));
        } catch (IOException ignored) {
            // a missing 221 is not a finding
        }
    }

    /** "the reply to EHLO": the step in progress, for failure messages. */
    String step() {
        return step;
    }

    /** Milliseconds since the step in progress started. */
    long stepMillis() {
        return (System.nanoTime() - stepStartNanos) / 1_000_000;
    }

    /** True when octets beyond the last reply are buffered (plain text where TLS should start). */
    boolean hasBufferedInput() {
        return reader.hasBufferedInput();
    }

    /**
     * Layers TLS over the connection after a 220 reply to STARTTLS (RFC 3207 §4) with {@link ProbeTlsClient}: SNI
     * {@code serverName}, every chain accepted and captured, no endpoint identification. The handshake waits for the
     * process's first one ({@link FirstHandshakeGate}, at most 200 ms), then must end within the stage timeout and
     * the deadline. Afterwards commands and replies go through TLS.
     *
     * @param serverName the MX host name, for SNI without a trailing dot (RFC 6066 §3; omitted when it is not a
     *     valid SNI host name, e.g. an IP literal)
     * @throws org.bouncycastle.tls.TlsFatalAlertReceived when the server ended the handshake with a fatal alert
     * @throws TlsFatalAlert when this client ended it (an alert sent: e.g. {@code protocol_version} for a server that
     *     chose TLS 1.0 or 1.1, {@code bad_certificate}, {@code certificate_required} for a server that sent none)
     * @throws java.net.SocketTimeoutException when the stage timeout or the deadline cut it off
     * @throws EOFException when the server closed the connection during the handshake
     * @throws TlsFatalAlert {@code decode_error} also when a certificate or name in the server's handshake is nested
     *     too deeply to parse (the stack overflowed)
     * @throws IOException when the connection closed or failed otherwise
     */
    Negotiated startTls(String serverName) throws IOException {
        step = "the TLS handshake";
        boolean leader = gate.enter(deadline);
        // Everything after enter() is inside the try: a leader that fails early (the deadline passed) still opens
        // the gate, or every later handshake of the process would wait its longest.
        long start;
        ProbeTlsClient client;
        TlsClientProtocol tls;
        try {
            start = System.nanoTime();
            stepStartNanos = start;
            client = new ProbeTlsClient(serverName);
            socket.setSoTimeout(deadline.limit(stageTimeout).soTimeoutMillis());
            EndNotingInput in = new EndNotingInput(socket.getInputStream());
            tls = new TlsClientProtocol(in, socket.getOutputStream());
            try {
                tls.connect(client);
            } catch (TlsFatalAlert e) {
                if (in.ended()) {
                    // BouncyCastle words a server that closed between two records as its own handshake_failure.
                    throw (EOFException) new EOFException("the server closed the connection during the handshake")
                            .initCause(e);
                }
                throw e;
            } catch (RuntimeException e) {
                // BouncyCastle reports some malformed server messages as unchecked exceptions: a failed handshake.
                throw new TlsFatalAlert(AlertDescription.internal_error, "malformed handshake from the server: " + e,
                        e);
            } catch (StackOverflowError e) {
                // BouncyCastle parses ASN.1 recursively: a certificate nested thousands deep (a few KB) overflows the
                // stack, where OpenSSL stops at 30 levels and the JDK's parser fails. The unwound stack is whole again.
                throw new TlsFatalAlert(AlertDescription.decode_error,
                        "an ASN.1 structure in the server's handshake is nested too deeply to be read", e);
            }
        } finally {
            if (leader) {
                gate.leaderDone();
            }
        }
        X509Certificate[] chain = client.chain();
        if (chain == null || chain.length == 0) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "the server sent no certificate");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        attach(tls.getInputStream(), tls.getOutputStream());
        transcript.event("TLS negotiated: " + client.protocol() + " " + client.cipherSuite()
                + "; what follows is inside TLS");
        return new Negotiated(client.protocol(), client.cipherSuite(), millis, chain);
    }
}
