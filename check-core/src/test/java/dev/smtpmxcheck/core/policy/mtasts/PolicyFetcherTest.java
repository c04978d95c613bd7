package dev.smtpmxcheck.core.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.smtpmxcheck.core.testing.NativeThreads;
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS fetch against a real HTTPS server on 127.0.0.1 (the JDK's {@link HttpsServer}) with certificates of a
 * test CA: what RFC 8461 §3.3 asks of the policy host.
 */
class PolicyFetcherTest {

    private static final String DOMAIN = "example.test";
    private static final String HOST = "mta-sts.example.test";
    private static final TestCertificates.Held CA = TestCertificates.ca("policy test CA");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int serve(TestCertificates.Held leaf, HttpHandler handler) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(leaf)));
        server.createContext("/", handler);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "policy-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server.getAddress().getPort();
    }

    private static TestCertificates.Held leaf(String name) {
        return TestCertificates.builder().commonName(name).dnsName(name).signedBy(CA).build();
    }

    private static HttpHandler respond(int status, String contentType, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    private static PolicyFetcher fetcher(int port) {
        return new PolicyFetcher(PolicyFetcher.sslContext(List.of(CA.certificate())),
                host -> host.equals(HOST) ? List.of(LOOPBACK) : List.of(), port, Duration.ofSeconds(3));
    }

    private static Deadline in(Duration d) {
        return Deadline.after(d);
    }

    @Test
    void fetchesThePolicyThroughTheResolvedAddressWithTheHostsCertificate() throws IOException {
        String policy = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmax_age: 86400\r\n";
        String[] path = new String[1];
        int port = serve(leaf(HOST), exchange -> {
            path[0] = exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Host");
            respond(200, "text/plain; charset=utf-8", policy).handle(exchange);
        });

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(new PolicyFetcher.Result.Fetched("text/plain; charset=utf-8", policy));
        assertThat(path[0]).isEqualTo("/.well-known/mta-sts.txt mta-sts.example.test");
    }

    @Test
    void noThreadOfTheFetchIsLeftInNativeCode() throws Exception {
        int port = serve(leaf(HOST), respond(200, "text/plain", "version: STSv1\r\nmode: testing\r\nmax_age: 86400\r\n"));
        Set<Thread> before = NativeThreads.snapshot();

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(result).isInstanceOf(PolicyFetcher.Result.Fetched.class);
        // without its interrupt, the HttpClient's selector thread would wait in epoll_wait until the client is collected
        assertThat(NativeThreads.startedSinceAndInNative(before)).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowed() throws IOException {
        int port = serve(leaf(HOST), exchange -> {
            exchange.getResponseHeaders().set("Location", "https://elsewhere.example.test/policy.txt");
            respond(301, "text/plain", "").handle(exchange);
        });

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(result).isInstanceOf(PolicyFetcher.Result.Failed.class);
        PolicyFetcher.Result.Failed failed = (PolicyFetcher.Result.Failed) result;
        assertThat(failed.kind()).isEqualTo(PolicyFetcher.FailureKind.UNREACHABLE);
        assertThat(failed.httpStatus()).isEqualTo(301);
        assertThat(failed.reason()).contains("redirect (HTTP 301 to https://elsewhere.example.test/policy.txt)");
    }

    @Test
    void notFound() throws IOException {
        int port = serve(leaf(HOST), respond(404, "text/html", "<h1>Not Found</h1>"));

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(new PolicyFetcher.Result.Failed(PolicyFetcher.FailureKind.UNREACHABLE,
                "HTTP 404 from mta-sts.example.test", 404));
    }

    @Test
    void aBodyOverTheLimitIsCutOff() throws IOException {
        int port = serve(leaf(HOST), respond(200, "text/plain", "x".repeat(PolicyFetcher.MAX_POLICY_BYTES + 1)));

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(result).isInstanceOf(PolicyFetcher.Result.Failed.class);
        assertThat(((PolicyFetcher.Result.Failed) result).kind()).isEqualTo(PolicyFetcher.FailureKind.TOO_LARGE);
    }

    @Test
    void aBodyAtTheLimitIsRead() throws IOException {
        int port = serve(leaf(HOST), respond(200, "text/plain", "x".repeat(PolicyFetcher.MAX_POLICY_BYTES)));

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(result).isInstanceOf(PolicyFetcher.Result.Fetched.class);
    }

    @Test
    void aCertificateForAnotherHostIsInvalid() throws IOException {
        int port = serve(leaf("www.example.test"), respond(200, "text/plain", "version: STSv1\n"));

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(result).isInstanceOf(PolicyFetcher.Result.Failed.class);
        PolicyFetcher.Result.Failed failed = (PolicyFetcher.Result.Failed) result;
        assertThat(failed.kind()).isEqualTo(PolicyFetcher.FailureKind.CERTIFICATE_INVALID);
        // One sentence in mail-admin terms, not the JDK's "No subject alternative DNS name matching ... found."
        assertThat(failed.reason()).isEqualTo("the certificate of mta-sts.example.test does not name"
                + " mta-sts.example.test (no matching subject alternative name)");
    }

    @Test
    void anExpiredCertificateIsInvalid() throws IOException {
        TestCertificates.Held expired = TestCertificates.builder().commonName(HOST).dnsName(HOST).signedBy(CA)
                .validity(Instant.now().minus(Duration.ofDays(100)), Instant.now().minus(Duration.ofDays(5))).build();
        int port = serve(expired, respond(200, "text/plain", "version: STSv1\n"));

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(((PolicyFetcher.Result.Failed) result).kind()).isEqualTo(PolicyFetcher.FailureKind.CERTIFICATE_INVALID);
        assertThat(((PolicyFetcher.Result.Failed) result).reason())
                .isIn("the certificate of mta-sts.example.test has expired",
                        "the certificate of mta-sts.example.test is not issued by a CA the check trusts"
                                + " (no chain to a trusted root)");
    }

    @Test
    void aCertificateOfAnUnknownCaIsInvalid() throws IOException {
        TestCertificates.Held other = TestCertificates.builder().commonName(HOST).dnsName(HOST)
                .signedBy(TestCertificates.ca("another CA")).build();
        int port = serve(other, respond(200, "text/plain", "version: STSv1\n"));

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(((PolicyFetcher.Result.Failed) result).kind()).isEqualTo(PolicyFetcher.FailureKind.CERTIFICATE_INVALID);
        assertThat(((PolicyFetcher.Result.Failed) result).reason()).isEqualTo("the certificate of mta-sts.example.test"
                + " is not issued by a CA the check trusts (no chain to a trusted root)");
    }

    @Test
    void nothingListening() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofSeconds(5)));

        assertThat(result).isInstanceOf(PolicyFetcher.Result.Failed.class);
        PolicyFetcher.Result.Failed failed = (PolicyFetcher.Result.Failed) result;
        assertThat(failed.kind()).isEqualTo(PolicyFetcher.FailureKind.UNREACHABLE);
        assertThat(failed.reason()).isEqualTo("cannot connect to mta-sts.example.test: connection refused by 127.0.0.1:" + port);
    }

    @Test
    void noAddress() {
        PolicyFetcher f = new PolicyFetcher(PolicyFetcher.sslContext(List.of(CA.certificate())), host -> List.of(), 443,
                Duration.ofSeconds(1));

        assertThat(f.fetch(DOMAIN, in(Duration.ofSeconds(2)))).isEqualTo(new PolicyFetcher.Result.Failed(
                PolicyFetcher.FailureKind.UNREACHABLE, "mta-sts.example.test has no address", null));
    }

    @Test
    void aStalledServerEndsByTheDeadline() throws IOException {
        int port = serve(leaf(HOST), (HttpExchange exchange) -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();

        PolicyFetcher.Result result = fetcher(port).fetch(DOMAIN, in(Duration.ofMillis(800)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(((PolicyFetcher.Result.Failed) result).kind()).isEqualTo(PolicyFetcher.FailureKind.UNREACHABLE);
    }
}
