package dev.smtpmxcheck.core.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server on 127.0.0.1 for tests, in the manner of okhttp's MockWebServer: queue one
 * {@link Script} per expected connection with {@link #enqueue}, run the code under test against {@link #port()},
 * then assert on {@link #receivedCommands()} and {@link #assertNoDataSent()}.
 *
 * <p>A script is a list of steps: send raw text, expect (read and record) a command, stall, close, reset
 * (SO_LINGER 0), drip octets slowly, send continuation lines forever, start TLS, or hand over to the
 * {@linkplain Script#wellBehaved() well-behaved} mode, which answers EHLO, HELO, STARTTLS, MAIL, RCPT, RSET, NOOP
 * and QUIT as configured. A connection without a queued script is closed at once.
 *
 * <p>Connections are served one after another by a single daemon thread. {@link #close()} (call it in
 * {@code @AfterEach}, or use try-with-resources) ends any stall, closes every socket and joins the thread.
 */
public final class FakeSmtpServer implements AutoCloseable {
    private final ServerSocket serverSocket;
    private final Queue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile Socket current;
    private volatile int connections;

    /** Binds 127.0.0.1 on an ephemeral port and starts accepting. */
    public FakeSmtpServer() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** Binds {@code loopback} (127.0.0.1 or ::1; never a routable address) on an ephemeral port. */
    public FakeSmtpServer(InetAddress loopback) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("the fake server binds loopback addresses only: " + loopback);
        }
        serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(loopback, 0), 10);
        thread = new Thread(this::serve, "fake-smtp-" + serverSocket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the script of the next connection; returns this for chaining. */
    public FakeSmtpServer enqueue(Script script) {
        scripts.add(script);
        return this;
    }

    /** The port the server listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The loopback address the server listens on. */
    public InetAddress address() {
        return serverSocket.getInetAddress();
    }

    /** Every command line received so far, over all connections and inside TLS, without CRLF, in order. */
    public List<String> receivedCommands() {
        return List.copyOf(commands);
    }

    /** The SNI host names clients asked for in TLS handshakes, in order ("" for a handshake without SNI). */
    public List<String> requestedServerNames() {
        return List.copyOf(serverNames);
    }

    /** True while the server thread runs; false after {@link #close()}. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** How many connections were accepted. */
    public int connectionCount() {
        return connections;
    }

    /** Errors of the scripts (an expected command that did not come, an I/O error other than a closed socket). */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    /** Fails when any received command starts with DATA or BDAT (RFC 5321 §4.1.1.4, RFC 3030). */
    public void assertNoDataSent() {
        for (String c : commands) {
            String verb = c.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
            if (verb.equals("DATA") || verb.equals("BDAT")) {
                throw new AssertionError("the client sent " + c + "; received: " + commands);
            }
        }
    }

    /** Ends stalls, closes all sockets and waits for the server thread. */
    @Override
    public void close() throws IOException {
        closing.countDown();
        serverSocket.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                connections++;
                current = socket;
                Script script = scripts.poll();
                if (script == null) {
                    continue;
                }
                Connection conn = new Connection(socket);
                try {
                    for (Step step : script.steps) {
                        if (!step.run(conn)) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    if (!(e instanceof SocketException) && closing.getCount() > 0) {
                        errors.add(e);
                    }
                } catch (AssertionError | RuntimeException e) {
                    errors.add(e);
                } finally {
                    conn.socket.close();
                }
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    errors.add(e);
                }
            } finally {
                current = null;
            }
        }
    }

    /** One step of a script; false ends the connection's script. */
    @FunctionalInterface
    private interface Step {
        boolean run(Connection c) throws IOException;
    }

    /** The state of one served connection. */
    private final class Connection {
        Socket socket;
        InputStream in;
        OutputStream out;
        /** Command lines received in plain text behind STARTTLS, kept by a server vulnerable to injection. */
        final java.util.Deque<String> injected = new java.util.ArrayDeque<>();
        /** The last MAIL command line of the connection, for {@link Behaviour#rcptReply(java.util.function.BiFunction)}. */
        String lastMail;

        Connection(Socket socket) throws IOException {
            attach(socket);
        }

        void attach(Socket s) throws IOException {
            socket = s;
            current = s;
            in = s.getInputStream();
            out = new BufferedOutputStream(s.getOutputStream());
        }

        void send(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void reply(String line) throws IOException {
            send(line + "\r\n");
        }

        /**
         * The complete command lines already received but not read (what a client pipelined behind the last
         * command), recorded; a partial last line is dropped.
         */
        List<String> drainPending() throws IOException {
            List<String> lines = new ArrayList<>();
            int n = in.available();
            if (n <= 0) {
                return lines;
            }
            byte[] pending = in.readNBytes(n);
            for (String l : new String(pending, StandardCharsets.ISO_8859_1).split("\r?\n", -1)) {
                if (!l.isEmpty()) {
                    commands.add(l);
                    lines.add(l);
                }
            }
            return lines;
        }

        /** Reads one command line (at most 4096 octets), records it; null at EOF. */
        String readCommand() throws IOException {
            if (!injected.isEmpty()) {
                return injected.poll();  // already recorded when it arrived
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    break;
                }
                if (line.size() < 4096) {
                    line.write(b);
                }
            }
            String s = line.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r")) {
                s = s.substring(0, s.length() - 1);
            }
            commands.add(s);
            return s;
        }

        boolean serverOpen() {
            return closing.getCount() > 0;
        }

        boolean sleep(Duration d) {
            try {
                return !closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void startTls(SSLContext context) throws IOException {
            startTls(context, false, false);
        }

        void startTls(SSLContext context, boolean wantClientAuth, boolean needClientAuth) throws IOException {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            ssl.setUseClientMode(false);
            if (needClientAuth) {
                ssl.setNeedClientAuth(true);
            } else if (wantClientAuth) {
                ssl.setWantClientAuth(true);
            }
            ssl.startHandshake();
            List<String> names = new ArrayList<>();
            if (ssl.getSession() instanceof ExtendedSSLSession) {
                for (SNIServerName n : ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames()) {
                    if (n instanceof SNIHostName) {
                        names.add(((SNIHostName) n).getAsciiName());
                    }
                }
            }
            serverNames.add(String.join(",", names));
            attach(ssl);
        }
    }

    /** The steps for one connection. Build with {@link #script()} or {@link #wellBehaved()}. */
    public static final class Script {
        private final List<Step> steps = new ArrayList<>();

        private Script() {}

        /** An empty script to add steps to. */
        public static Script script() {
            return new Script();
        }

        /** A greeting {@code 220 mx.test.example ESMTP Fake}, then {@link Behaviour} defaults. */
        public static Script wellBehaved() {
            return script().reply("220 mx.test.example ESMTP Fake").behave(new Behaviour());
        }

        /** The greeting, then the given behaviour. */
        public static Script wellBehaved(Behaviour behaviour) {
            return script().reply(behaviour.greeting).behave(behaviour);
        }

        /** Sends {@code raw} exactly (no CRLF added; ISO-8859-1, so "\u00ff" sends octet 0xFF). */
        public Script send(String raw) {
            steps.add(c -> {
                c.send(raw);
                return true;
            });
            return this;
        }

        /** Sends {@code line} and CRLF. */
        public Script reply(String line) {
            return send(line + "\r\n");
        }

        /** Reads one command; it must start with {@code prefix} (case-insensitive), else the script stops with an error. */
        public Script expect(String prefix) {
            steps.add(c -> {
                String cmd = c.readCommand();
                if (cmd == null) {
                    throw new AssertionError("expected " + prefix + " but the client closed the connection");
                }
                if (!cmd.toUpperCase(Locale.ROOT).startsWith(prefix.toUpperCase(Locale.ROOT))) {
                    throw new AssertionError("expected " + prefix + " but got " + cmd);
                }
                return true;
            });
            return this;
        }

        /** Does nothing for {@code d} (or until the server closes). */
        public Script stall(Duration d) {
            steps.add(c -> c.sleep(d));
            return this;
        }

        /** Closes the connection (FIN). */
        public Script close() {
            steps.add(c -> false);
            return this;
        }

        /** Resets the connection (RST, through SO_LINGER 0). */
        public Script reset() {
            steps.add(c -> {
                c.socket.setSoLinger(true, 0);
                c.socket.close();
                return false;
            });
            return this;
        }

        /** Sends {@code raw} one octet at a time, waiting {@code perOctet} before each. */
        public Script drip(String raw, Duration perOctet) {
            steps.add(c -> {
                for (char ch : raw.toCharArray()) {
                    if (!c.sleep(perOctet)) {
                        return false;
                    }
                    c.send(String.valueOf(ch));
                }
                return true;
            });
            return this;
        }

        /** Sends {@code code + "-more"} lines until the client goes away or the server closes; never the last line. */
        public Script endlessContinuation(int code) {
            steps.add(c -> {
                while (c.serverOpen()) {
                    c.send(code + "-and more, and more\r\n");
                }
                return false;
            });
            return this;
        }

        /** Runs the server side of a TLS handshake with {@code context}; later steps go through TLS. */
        public Script startTls(SSLContext context) {
            steps.add(c -> {
                c.startTls(context);
                return true;
            });
            return this;
        }

        /** Answers every further command as {@code behaviour} says, until QUIT or EOF. */
        public Script behave(Behaviour behaviour) {
            steps.add(c -> behaviour.serve(c));
            return this;
        }

        /**
         * Runs the server side of a TLS handshake with {@code context} that demands a client certificate
         * (a CertificateRequest, and a fatal alert when the client has none); later steps go through TLS.
         */
        public Script startTlsRequiringClientCertificate(SSLContext context) {
            steps.add(c -> {
                c.startTls(context, false, true);
                return true;
            });
            return this;
        }

        /**
         * Runs the server side of a TLS handshake with {@code context} that asks for a client certificate but
         * goes on without one; later steps go through TLS.
         */
        public Script startTlsAskingForClientCertificate(SSLContext context) {
            steps.add(c -> {
                c.startTls(context, true, false);
                return true;
            });
            return this;
        }
    }

    /**
     * The well-behaved mode: EHLO answers {@code 250-mx.test.example} and the keywords (STARTTLS when a TLS context
     * is set), HELO 250, STARTTLS 220 then the handshake, MAIL and RCPT as configured (250 by default), RSET 250,
     * NOOP 250, QUIT 221 and close, DATA/BDAT 554, anything else 500.
     */
    public static final class Behaviour {
        private String greeting = "220 mx.test.example ESMTP Fake";
        private List<String> keywords = new ArrayList<>(List.of("PIPELINING", "SIZE 10240000", "8BITMIME"));
        private List<String> tlsOnlyKeywords = new ArrayList<>();
        private String ehloReply;
        private String heloReply = "250 mx.test.example";
        private String starttlsReply = "220 2.0.0 Ready to start TLS";
        private SSLContext tls;
        private boolean offerStarttls;
        private String mailReply = "250 2.1.0 Ok";
        private String rcptReply = "250 2.1.5 Ok";
        private java.util.function.BiFunction<String, String, String> rcptRule;
        private boolean injectionVulnerable;

        /** The greeting line, e.g. "554 5.7.1 no service". */
        public Behaviour greeting(String line) {
            greeting = line;
            return this;
        }

        /** The EHLO keywords after the first line. */
        public Behaviour keywords(String... lines) {
            keywords = new ArrayList<>(List.of(lines));
            return this;
        }

        /** EHLO keywords announced only inside TLS, after the others (REQUIRETLS, RFC 8689 §4.1). */
        public Behaviour keywordsInTls(String... lines) {
            tlsOnlyKeywords = new ArrayList<>(List.of(lines));
            return this;
        }

        /** A fixed reply to EHLO instead of the keywords, e.g. "502 5.5.2 Error: command not recognized". */
        public Behaviour ehloReply(String rawReplyLine) {
            ehloReply = rawReplyLine;
            return this;
        }

        /** The reply line to HELO (default {@code 250 mx.test.example}). */
        public Behaviour heloReply(String line) {
            heloReply = line;
            return this;
        }

        /** Offers STARTTLS and answers it with {@link #starttlsReply}, then handshakes with {@code context}. */
        public Behaviour tls(SSLContext context) {
            tls = context;
            offerStarttls = true;
            return this;
        }

        /** Offers STARTTLS (even without a TLS context) and answers it with {@code line}. */
        public Behaviour starttls(String line) {
            offerStarttls = true;
            starttlsReply = line;
            return this;
        }

        /** The reply line to MAIL FROM (default {@code 250 2.1.0 Ok}). */
        public Behaviour mailReply(String line) {
            mailReply = line;
            return this;
        }

        /** The reply line to RCPT TO (default {@code 250 2.1.5 Ok}: an open relay). */
        public Behaviour rcptReply(String line) {
            rcptReply = line;
            return this;
        }

        /**
         * A closed relay that takes mail for the checked domain: {@code 250 2.1.5 Ok} to a recipient
         * {@code postmaster@...} (the postmaster probe, RFC 5321 §4.5.1), {@code 554 5.7.1 Relay access denied} to
         * every other.
         */
        public Behaviour closedRelayTakingPostmaster() {
            return rcptReply((mail, rcpt) -> rcpt.startsWith("RCPT TO:<postmaster@") ? "250 2.1.5 Ok"
                    : "554 5.7.1 Relay access denied");
        }

        /**
         * The reply line to RCPT TO chosen by {@code rule} from the last MAIL command line and the RCPT command line
         * (e.g. "MAIL FROM:&lt;&gt;", "RCPT TO:&lt;x%y@[127.0.0.1]&gt;"); overrides {@link #rcptReply(String)}.
         */
        public Behaviour rcptReply(java.util.function.BiFunction<String, String, String> rule) {
            rcptRule = rule;
            return this;
        }

        /**
         * Behaves like a server with the CVE-2011-0411 bug: command lines pipelined behind STARTTLS in plain text
         * are kept and answered inside TLS right after the handshake, before anything sent inside TLS. By default
         * (like Postfix since 2.8) they are read and discarded before the handshake (RFC 3207 §4.2). Either way they
         * are recorded in {@link FakeSmtpServer#receivedCommands()}.
         */
        public Behaviour injectionVulnerable() {
            injectionVulnerable = true;
            return this;
        }

        private boolean serve(Connection c) throws IOException {
            while (true) {
                String cmd = c.readCommand();
                if (cmd == null) {
                    return false;
                }
                String verb = cmd.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO":
                        if (ehloReply != null) {
                            c.reply(ehloReply);
                        } else {
                            List<String> lines = new ArrayList<>();
                            lines.add("mx.test.example");
                            lines.addAll(keywords);
                            if (offerStarttls && !(c.socket instanceof SSLSocket)) {
                                lines.add("STARTTLS");
                            }
                            if (c.socket instanceof SSLSocket) {
                                lines.addAll(tlsOnlyKeywords);
                            }
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < lines.size(); i++) {
                                sb.append(250).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i))
                                        .append("\r\n");
                            }
                            c.send(sb.toString());
                        }
                        break;
                    case "HELO":
                        c.reply(heloReply);
                        break;
                    case "STARTTLS":
                        // Lines the client sent behind STARTTLS in the same write are already here.
                        List<String> pending = c.drainPending();
                        c.reply(starttlsReply);
                        if (starttlsReply.startsWith("220")) {
                            if (tls == null) {
                                return false;
                            }
                            c.startTls(tls);
                            if (injectionVulnerable) {
                                c.injected.addAll(pending);
                            }
                        }
                        break;
                    case "MAIL":
                        c.lastMail = cmd;
                        c.reply(mailReply);
                        break;
                    case "RCPT":
                        c.reply(rcptRule != null ? rcptRule.apply(c.lastMail, cmd) : rcptReply);
                        break;
                    case "RSET":
                    case "NOOP":
                        c.reply("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        c.reply("221 2.0.0 Bye");
                        return false;
                    case "DATA":
                    case "BDAT":
                        c.reply("554 5.5.1 the fake server refuses message content");
                        break;
                    default:
                        c.reply("500 5.5.2 Error: command not recognized");
                }
            }
        }
    }
}
