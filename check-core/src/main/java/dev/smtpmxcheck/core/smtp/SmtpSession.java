package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One SMTP connection: the socket, the reply reader and the command writer, plus what the probe needs to name
 * the step in progress when something fails. Every reply is read within the stage timeout and the overall
 * deadline. Package-private: the probe's plumbing.
 */
final class SmtpSession {
    private Socket socket;
    private ReplyReader reader;
    private CommandWriter writer;
    private final Transcript transcript;
    private final Deadline deadline;
    private final Duration stageTimeout;
    private String step = "the greeting";
    private long stepStartNanos = System.nanoTime();

    /** What the TLS handshake produced, copied out of the {@link SSLSession}. */
    record Negotiated(String protocol, String cipherSuite, long handshakeMillis, X509Certificate[] chain) {}

    SmtpSession(Socket socket, Transcript transcript, Deadline deadline, Duration stageTimeout) throws IOException {
        this.transcript = transcript;
        this.deadline = deadline;
        this.stageTimeout = stageTimeout;
        attach(socket);
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.reader = new ReplyReader(s.getInputStream(), s::setSoTimeout, transcript::server);
        this.writer = new CommandWriter(s.getOutputStream(), transcript);
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
     * Layers TLS over the connection after a 220 reply to STARTTLS (RFC 3207 §4): SNI {@code serverName}, every
     * chain accepted and captured, no endpoint identification. The handshake must end within the stage timeout and
     * the deadline. Afterwards commands and replies go through TLS.
     *
     * @param serverName the MX host name, for SNI without a trailing dot (RFC 6066 §3; omitted when it is not a
     *     valid SNI host name, e.g. an IP literal)
     * @param port the remote port
     * @throws IOException when the handshake fails or times out
     */
    Negotiated startTls(String serverName, int port) throws IOException {
        long start = System.nanoTime();
        step = "the TLS handshake";
        stepStartNanos = start;
        RecordingTrustManager trust = new RecordingTrustManager();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, serverName, port, true);
        ssl.setUseClientMode(true);
        SSLParameters params = ssl.getSSLParameters();
        try {
            String sni = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
            if (sni.indexOf(':') >= 0 || sni.matches("[0-9.]+")) {
                throw new IllegalArgumentException("IP literal");
            }
            params.setServerNames(List.of(new SNIHostName(sni)));
        } catch (IllegalArgumentException e) {
            // An IP literal or an invalid name: RFC 6066 §3 forbids it in SNI, so send none.
            params.setServerNames(List.of());
        }
        params.setEndpointIdentificationAlgorithm(null);
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(deadline.limit(stageTimeout).soTimeoutMillis());
        ssl.startHandshake();
        SSLSession session = ssl.getSession();
        X509Certificate[] chain = trust.chain();
        if (chain == null) {
            Certificate[] peer = session.getPeerCertificates();
            chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                chain[i] = (X509Certificate) peer[i];
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        attach(ssl);
        transcript.event("TLS negotiated: " + session.getProtocol() + " " + session.getCipherSuite()
                + "; what follows is inside TLS");
        return new Negotiated(session.getProtocol(), session.getCipherSuite(), millis, chain);
    }
}
