package dev.smtpmxcheck.core.policy.mtasts;

import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.Waited;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fetches an MTA-STS policy over HTTPS (RFC 8461 §3.3) with {@link HttpClient}: GET
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}, HTTP/1.1, the certificate validated by PKIX against
 * the given trust anchors and matched to the host name by the client (RFC 6125), redirects never followed, the body
 * cut off after {@value #MAX_POLICY_BYTES} bytes, everything done by the deadline. The only network I/O of the
 * MTA-STS check besides DNS.
 *
 * <p>The policy host's name is resolved by the check's own resolver (the {@code addresses} function), not by the
 * JVM's: the client is given a proxy on the loopback interface, a small CONNECT tunnel in this class, that
 * connects to the address found. TLS runs end to end through it, so SNI and the host name check see
 * {@code mta-sts.<domain>}.
 */
public final class PolicyFetcher {

    /** The largest policy body read, in bytes (64 KiB, the bound RFC 8461 §3.3 suggests). */
    public static final int MAX_POLICY_BYTES = 64 * 1024;

    /** The path of the policy under the policy host (RFC 8461 §3.3). */
    public static final String WELL_KNOWN_PATH = "/.well-known/mta-sts.txt";

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Supplier<SSLContext> ssl;
    private volatile SSLContext context;
    private final Function<String, List<InetAddress>> addresses;
    private final int port;
    private final Duration stageTimeout;

    /** Why a fetch failed. */
    public enum FailureKind {
        /** No address, no connection, no response in time, or an HTTP status other than 200 (also a redirect). */
        UNREACHABLE,
        /** The TLS handshake failed on the certificate: untrusted, expired, or not naming the policy host. */
        CERTIFICATE_INVALID,
        /** The body exceeds {@link #MAX_POLICY_BYTES}. */
        TOO_LARGE
    }

    /** The outcome of {@link #fetch}. */
    public sealed interface Result {
        /**
         * A 200 response.
         *
         * @param contentType the Content-Type header, or null
         * @param body the body decoded as UTF-8 (malformed bytes replaced)
         */
        record Fetched(String contentType, String body) implements Result {}

        /**
         * No usable response.
         *
         * @param kind the class of failure
         * @param reason one line: "connection refused by 127.0.0.119:443", "HTTP 404", "redirect (HTTP 301 to ...)
         *     not followed"
         * @param httpStatus the HTTP status when a response came, else null
         */
        record Failed(FailureKind kind, String reason, Integer httpStatus) implements Result {}
    }

    /**
     * A fetcher.
     *
     * @param ssl the TLS context: its trust managers decide which chains are valid (the JDK store plus the check's
     *     CA file)
     * @param addresses resolves a host name to its addresses (empty when it has none); the check's DNS resolver
     * @param port the HTTPS port, 443 (another only in tests)
     * @param stageTimeout the longest wait for one connect or one read
     */
    public PolicyFetcher(SSLContext ssl, Function<String, List<InetAddress>> addresses, int port, Duration stageTimeout) {
        this(constant(Objects.requireNonNull(ssl, "ssl")), addresses, port, stageTimeout);
    }

    /**
     * A fetcher whose TLS context is made on its first fetch (a domain without an MTA-STS record never pays for
     * reading the trust store).
     *
     * @param ssl makes the TLS context, as for {@link #PolicyFetcher(SSLContext, Function, int, Duration)}; called
     *     at most once per fetcher that fetches (twice at worst when two fetches race)
     * @param addresses resolves a host name to its addresses (empty when it has none); the check's DNS resolver
     * @param port the HTTPS port, 443 (another only in tests)
     * @param stageTimeout the longest wait for one connect or one read
     */
    public PolicyFetcher(Supplier<SSLContext> ssl, Function<String, List<InetAddress>> addresses, int port,
            Duration stageTimeout) {
        this.ssl = Objects.requireNonNull(ssl, "ssl");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.port = port;
        this.stageTimeout = Objects.requireNonNull(stageTimeout, "stageTimeout");
    }

    /**
     * A TLS context that trusts exactly {@code anchors} (PKIX, with the JDK's revocation settings), for the
     * constructor.
     *
     * @param anchors trust anchors, e.g. the JDK store plus the check's CA file
     * @throws IllegalStateException when the JDK lacks PKIX or TLS (a broken runtime)
     */
    public static SSLContext sslContext(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + n++, anchor);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the MTA-STS policy fetch: " + e, e);
        }
    }

    private static Supplier<SSLContext> constant(SSLContext context) {
        return () -> context;
    }

    private SSLContext context() {
        SSLContext c = context;
        if (c == null) {
            c = Objects.requireNonNull(ssl.get(), "the TLS context of the policy fetch");
            context = c;
        }
        return c;
    }

    /** The policy URL of {@code domain}: {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}. */
    public static String policyUrl(String domain) {
        return "https://mta-sts." + domain + WELL_KNOWN_PATH;
    }

    /**
     * Fetches the policy of {@code domain}; never throws for network or server trouble.
     *
     * @param domain the policy domain, A-labels without trailing dot
     * @param deadline the fetch ends by then
     * @return the response body, or why there is none
     */
    public Result fetch(String domain, Deadline deadline) {
        String host = "mta-sts." + domain;
        List<InetAddress> found = addresses.apply(host);
        if (found.isEmpty()) {
            return new Result.Failed(FailureKind.UNREACHABLE, host + " has no address", null);
        }
        // Every thread of this fetch lives in one group: the HttpClient's selector thread is started by build()
        // in the group of the thread that builds it, and Java 17's HttpClient has no close(); interrupting it
        // is what ends its selector loop, so that no thread is left in epoll_wait once the fetch is over.
        ThreadGroup group = new ThreadGroup("mta-sts-fetch");
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(group, r, "mta-sts-fetch-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (Tunnel tunnel = new Tunnel(host, found, port, stageTimeout, deadline)) {
            threads.execute(tunnel::serve);
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .sslContext(context())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(positive(min(stageTimeout, deadline.remaining())))
                    .proxy(ProxySelector.of(tunnel.address()))
                    .executor(threads);
            HttpClient client = CompletableFuture.supplyAsync(builder::build, threads).join();
            HttpRequest request = HttpRequest.newBuilder(URI.create(policyUrl(domain)))
                    .timeout(positive(deadline.remaining()))
                    .header("Cache-Control", "no-cache") // RFC 8461 §3.3: no HTTP caching
                    .GET().build();
            CompletableFuture<HttpResponse<Body>> future = client.sendAsync(request, info -> new LimitedBody());
            Waited<HttpResponse<Body>> waited = deadline.await(future);
            if (waited instanceof Waited.Completed<HttpResponse<Body>> done) {
                return judge(host, done.value());
            }
            if (waited instanceof Waited.Failed<HttpResponse<Body>> failed) {
                return failure(host, failed.cause(), tunnel.problem());
            }
            if (waited instanceof Waited.TimedOut) {
                return new Result.Failed(FailureKind.UNREACHABLE, "no complete response from " + host
                        + " within the time left for the check", null);
            }
            return new Result.Failed(FailureKind.UNREACHABLE, "interrupted", null);
        } catch (IOException e) {
            return new Result.Failed(FailureKind.UNREACHABLE, "cannot open the local tunnel: " + e.getMessage(), null);
        } finally {
            threads.shutdownNow();
            stop(group);
        }
    }

    /** How long {@link #stop} waits for the interrupted threads of a fetch to end, in ms. */
    private static final long STOP_WAIT_MILLIS = 500;

    /**
     * Interrupts every thread of a fetch (the HttpClient's selector thread ends its loop on interrupt; the tunnel's
     * are already closed) and waits for them to end, at most {@link #STOP_WAIT_MILLIS} ms in all.
     */
    private static void stop(ThreadGroup group) {
        group.interrupt();
        Deadline until = Deadline.after(Duration.ofMillis(STOP_WAIT_MILLIS));
        Thread[] members = new Thread[Math.max(4, group.activeCount() * 2)];
        int n = group.enumerate(members);
        for (int i = 0; i < n; i++) {
            if (members[i] == Thread.currentThread()) {
                continue;
            }
            try {
                members[i].join(Math.max(1, until.remainingMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Result judge(String host, HttpResponse<Body> response) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").orElse("(no Location)");
            return new Result.Failed(FailureKind.UNREACHABLE, "redirect (HTTP " + status + " to " + clip(location)
                    + ") not followed: RFC 8461 §3.3 forbids redirects", status);
        }
        if (status != 200) {
            return new Result.Failed(FailureKind.UNREACHABLE, "HTTP " + status + " from " + host, status);
        }
        Body body = response.body();
        if (body.tooLarge) {
            return new Result.Failed(FailureKind.TOO_LARGE, "the policy is larger than " + MAX_POLICY_BYTES + " bytes",
                    status);
        }
        return new Result.Fetched(response.headers().firstValue("Content-Type").orElse(null),
                new String(body.bytes, StandardCharsets.UTF_8));
    }

    private static Result failure(String host, Throwable error, String tunnelProblem) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof SSLPeerUnverifiedException) {
                return new Result.Failed(FailureKind.CERTIFICATE_INVALID, certificateProblem(host, error), null);
            }
        }
        if (tunnelProblem != null) {
            return new Result.Failed(FailureKind.UNREACHABLE, tunnelProblem, null);
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return new Result.Failed(FailureKind.UNREACHABLE, "TLS handshake with " + host + " failed: "
                        + clip(message(t)), null);
            }
        }
        return new Result.Failed(FailureKind.UNREACHABLE, "no response from " + host + ": " + clip(message(error)), null);
    }

    /**
     * One sentence in mail-admin terms for a certificate the JDK refused, from the exception chain
     * ({@code CertificateExpiredException}, "No subject alternative DNS name matching ...", "PKIX path building
     * failed"); the JDK's own text only when none of these applies, clipped.
     *
     * @param host the policy host
     * @param error the failure, with its causes
     */
    static String certificateProblem(String host, Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateExpiredException) {
                return "the certificate of " + host + " has expired";
            }
            if (t instanceof java.security.cert.CertificateNotYetValidException) {
                return "the certificate of " + host + " is not valid yet";
            }
            all.append(' ').append(message(t));
        }
        String text = all.toString();
        if (text.contains("No subject alternative") || text.contains("No name matching")) {
            return "the certificate of " + host + " does not name " + host + " (no matching subject alternative name)";
        }
        if (text.contains("validity check failed") || text.contains("NotAfter")) {
            return "the certificate of " + host + " has expired";
        }
        if (text.contains("PKIX path building failed") || text.contains("unable to find valid certification path")
                || text.contains("Path does not chain")) {
            return "the certificate of " + host + " is not issued by a CA the check trusts (no chain to a trusted root)";
        }
        return "the certificate of " + host + " is not valid for it: " + clip(message(error));
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String clip(String s) {
        String t = s.replaceAll("[\\r\\n]+", " ");
        return t.length() <= 200 ? t : t.substring(0, 197) + "...";
    }

    private static Duration positive(Duration d) {
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A body of at most {@link #MAX_POLICY_BYTES} bytes; {@code tooLarge} when more came. */
    private static final class Body {
        final byte[] bytes;
        final boolean tooLarge;

        Body(byte[] bytes, boolean tooLarge) {
            this.bytes = bytes;
            this.tooLarge = tooLarge;
        }
    }

    /** Collects up to {@link #MAX_POLICY_BYTES} and cancels the transfer beyond, so a huge body costs nothing. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<Body> {
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            if (bytes.size() > MAX_POLICY_BYTES) {
                result.complete(new Body(new byte[0], true));
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(bytes.toByteArray(), false));
        }
    }

    /**
     * A one-connection HTTP CONNECT proxy on 127.0.0.1 that connects to the addresses the check resolved for
     * the policy host, and only for that host; it remembers why a connection failed for the finding's message.
     */
    private static final class Tunnel implements AutoCloseable {
        private static final int MAX_HEAD = 8 * 1024;

        private final String host;
        private final List<InetAddress> targets;
        private final int port;
        private final Duration stageTimeout;
        private final Deadline deadline;
        private final ServerSocket server;
        private volatile Socket client;
        private volatile Socket upstream;
        private volatile String problem;

        Tunnel(String host, List<InetAddress> targets, int port, Duration stageTimeout, Deadline deadline)
                throws IOException {
            this.host = host;
            this.targets = List.copyOf(targets);
            this.port = port;
            this.stageTimeout = stageTimeout;
            this.deadline = deadline;
            this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        }

        InetSocketAddress address() {
            return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        }

        String problem() {
            return problem;
        }

        void serve() {
            try {
                server.setSoTimeout(millisLeft());
                client = server.accept();
                client.setSoTimeout(millisLeft());
                String head = readHead(client.getInputStream());
                String[] request = head.split("\r\n", 2)[0].split(" ");
                String expected = host + ":443";
                if (request.length != 3 || !request[0].equals("CONNECT")
                        || !request[1].toLowerCase(Locale.ROOT).equals(expected)) {
                    respond("HTTP/1.1 403 Forbidden\r\n\r\n");
                    return;
                }
                upstream = connect();
                if (upstream == null) {
                    respond("HTTP/1.1 502 Bad Gateway\r\n\r\n");
                    return;
                }
                respond("HTTP/1.1 200 Connection established\r\n\r\n");
                Socket up = upstream;
                Socket down = client;
                Thread back = new Thread(() -> pump(up, down), "mta-sts-tunnel");
                back.setDaemon(true);
                back.start();
                pump(down, up);
            } catch (IOException e) {
                // The client gave up or the deadline passed; fetch() reports what the client saw.
            } finally {
                close();
            }
        }

        private Socket connect() {
            StringBuilder why = new StringBuilder();
            for (InetAddress target : targets) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(target, port), (int) Math.min(stageTimeout.toMillis(), millisLeft()));
                    s.setSoTimeout(millisLeft());
                    return s;
                } catch (SocketTimeoutException e) {
                    append(why, "connect to " + where(target) + " timed out");
                    closeQuietly(s);
                } catch (IOException e) {
                    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    append(why, (m.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused by " : m + ": ")
                            + where(target));
                    closeQuietly(s);
                }
            }
            problem = "cannot connect to " + host + ": " + why;
            return null;
        }

        private String where(InetAddress target) {
            String text = target.getHostAddress();
            return (text.indexOf(':') >= 0 ? "[" + text + "]" : text) + ":" + port;
        }

        private static void append(StringBuilder sb, String s) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(s);
        }

        private int millisLeft() {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.remainingMillis()));
        }

        private void respond(String response) throws IOException {
            OutputStream out = client.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0 || head.size() >= MAX_HEAD) {
                    throw new IOException("incomplete CONNECT request");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        private static void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        @Override
        public void close() {
            closeQuietly(server);
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private static void closeQuietly(AutoCloseable c) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing after use or after an error: nothing to report
                }
            }
        }
    }
}
