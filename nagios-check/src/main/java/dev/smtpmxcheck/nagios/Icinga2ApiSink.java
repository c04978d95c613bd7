package dev.smtpmxcheck.nagios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --submit icinga2-api=https://host:5665}: one {@code POST /v1/actions/process-check-result} per entry, as
 * the Icinga 2 REST API documents it ("Actions", process-check-result), with {@code exit_status},
 * {@code plugin_output}, {@code performance_data} and {@code check_source}. The service is chosen with a filter on
 * {@code host.name} and {@code service.name} whose values travel in {@code filter_vars}, so that no name is ever
 * parsed as filter syntax. The API user needs only the permission {@code actions/process-check-result}.
 *
 * <p>TLS: the server's certificate must chain to {@code --api-ca-file} (Icinga 2's own CA, {@code ca.crt}), or to
 * the JDK's trusted CAs without it, and must name the URL's host (RFC 6125 / RFC 2818 §3.1, as the JDK's HTTP
 * client checks it). Basic authentication, with user and password from the credentials file.
 */
public final class Icinga2ApiSink implements ResultSink {
    /** How long a connection to the API may take to open. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one request may take, from sending to the end of the answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final String authorization;
    private final String checkSource;
    private final HttpClient client;

    /**
     * A sink for the API at {@code base}.
     *
     * @param base the API's URL, {@code https://host:port}
     * @param credentials the API user
     * @param caFile PEM certificates the server's chain must end in, or null for the JDK's trusted CAs
     * @param checkSource the {@code check_source} of every result: the name of the host that ran the checks
     * @throws IOException when the CA file cannot be read or holds no certificate
     */
    public Icinga2ApiSink(URI base, Credentials credentials, Path caFile, String checkSource) throws IOException {
        this.base = Objects.requireNonNull(base, "base");
        this.checkSource = Objects.requireNonNull(checkSource, "checkSource");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        if (caFile != null) {
            b.sslContext(sslContext(caFile));
        }
        this.client = b.build();
    }

    /**
     * The API user, read from the credentials file: lines {@code user = NAME} and {@code password = SECRET};
     * blank lines and lines starting with {@code #} are ignored; spaces around {@code =} and at the ends are not
     * part of the values.
     *
     * @param user the API user's name
     * @param password its password
     */
    public record Credentials(String user, String password) {
        /** Requires both. */
        public Credentials {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /**
         * Parses the text of a credentials file.
         *
         * @throws IllegalArgumentException naming the line when a line is not {@code key = value} with a known
         *     key, or when the user or password is missing (the message never contains the password)
         */
        public static Credentials parse(String text) {
            String user = null;
            String password = null;
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                String key = eq < 0 ? "" : line.substring(0, eq).strip();
                String value = eq < 0 ? "" : line.substring(eq + 1).strip();
                if (key.equals("user")) {
                    user = value;
                } else if (key.equals("password")) {
                    password = value;
                } else {
                    throw new IllegalArgumentException("line " + (i + 1) + " is not 'user = NAME' or 'password = SECRET'");
                }
            }
            if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("it needs a line 'user = NAME' and a line 'password = SECRET'");
            }
            return new Credentials(user, password);
        }
    }

    @Override
    public void deliver(BatchResult result) throws IOException {
        PassiveResult passive = PassiveResult.of(result);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/actions/process-check-result"))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body(passive, checkSource), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String problem = problem(response.statusCode(), response.body());
        if (problem != null) {
            throw new IOException(problem);
        }
    }

    /** The JSON body of the request for {@code r}. */
    static String body(PassiveResult r, String checkSource) {
        ObjectNode node = StdoutSink.MAPPER.createObjectNode();
        node.put("type", "Service");
        node.put("filter", "host.name==smtp_mx_host && service.name==smtp_mx_service");
        ObjectNode vars = node.putObject("filter_vars");
        vars.put("smtp_mx_host", r.host());
        vars.put("smtp_mx_service", r.service());
        node.put("exit_status", r.exitStatus());
        node.put("plugin_output", r.pluginOutput());
        r.performanceData().forEach(node.putArray("performance_data")::add);
        node.put("check_source", checkSource);
        try {
            return StdoutSink.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request for " + r.host() + "!" + r.service(), e);
        }
    }

    /**
     * What went wrong according to the API's answer, or null when it processed the result: HTTP 200 with results
     * whose {@code code} is 200. When no service matches, Icinga 2.13 answers HTTP 500 with an empty result list and
     * later versions 404 "No objects found."; 401 means a wrong user or password, 403 a missing permission.
     */
    static String problem(int status, String body) {
        JsonNode json;
        try {
            json = StdoutSink.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        JsonNode results = json == null ? null : json.get("results");
        if (results != null && results.isArray() && results.size() == 0) {
            return "no such service: the API answered HTTP " + status + " with no result";
        }
        if (status != 200) {
            String why = json != null && json.hasNonNull("status") ? json.get("status").asText()
                    : body == null || body.isBlank() || body.startsWith("<") ? "" : body;
            why = PluginArguments.firstLine(why);
            return "HTTP " + status + (why.isEmpty() ? "" : " " + (why.length() > 200 ? why.substring(0, 200) + "..." : why));
        }
        if (results == null || !results.isArray()) {
            return "the API answered HTTP 200 without a result";
        }
        for (JsonNode r : results) {
            if (r.path("code").asInt() != 200) {
                return "the API answered " + r.path("code").asInt() + " " + PluginArguments.firstLine(r.path("status").asText());
            }
        }
        return null;
    }

    private static SSLContext sslContext(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IOException("no certificate in " + caFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + caFile + " as CA file: " + PluginArguments.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        // HttpClient of Java 17 has no close(); its threads are daemons and end with the process
    }

    @Override
    public String describe() {
        return "icinga2-api " + base;
    }
}
