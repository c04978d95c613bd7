package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a presented certificate chain into {@link TlsFacts}: each element's facts, the PKIX verdict
 * against the JDK trust store plus an optional CA file (RFC 5280 §6), and the RFC 6125 / RFC 9525 name
 * check. Pure apart from reading the CA file once, in the constructor, and the JDK trust store once per process,
 * when a chain first needs it: it never opens a socket, fetches
 * no missing intermediate (AIA), and checks no revocation (OCSP, CRL).
 *
 * <p>Validity is kept apart from trust: {@code daysLeft} of every element is computed against the
 * injected clock and judged by {@link CertificateFindings}, while the PKIX verdict is reached at a date
 * inside the chain's validity, so that an expired chain from a trusted CA is TRUSTED with CERT_EXPIRED,
 * not UNTRUSTED. How INCOMPLETE is told from UNTRUSTED is described on {@link #inspect}.
 *
 * <p>Instances are immutable and safe to share between threads (one per check run).
 */
public final class TlsInspector {
    /** The certificates of the CA file; empty without one. */
    private final List<X509Certificate> caFileAnchors;
    /** The CA file's anchors alone, or null without a CA file. */
    private final TrustEvaluator caFileTrust;
    /** The JDK store plus the CA file, made on first need. */
    private volatile TrustEvaluator fullTrust;
    private final Clock clock;

    /**
     * Reads the CA file now; the JDK default trust store (the accepted issuers of the default
     * {@link X509TrustManager}, i.e. {@code cacerts} or {@code javax.net.ssl.trustStore}) is read when a chain
     * first needs it, once per process. The anchors are that store plus every {@code -----BEGIN CERTIFICATE-----}
     * block of {@code caFile} (a DER file with one certificate is accepted too).
     *
     * @param caFile PEM file of extra trust anchors (e.g. a private CA), or null for the JDK store alone
     * @param clock the time validity and days left are computed against
     * @throws IllegalArgumentException with a one-line message naming the file when the CA file cannot be
     *     read, is not PEM (or DER), or holds no certificate
     */
    public TlsInspector(Path caFile, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.caFileAnchors = caFile == null ? List.of() : List.copyOf(readCaFile(caFile));
        this.caFileTrust = caFileAnchors.isEmpty() ? null : new TrustEvaluator(caFileAnchors);
    }

    /** The evaluator over the JDK store and the CA file; reads the JDK store on the first call of the process. */
    private TrustEvaluator fullTrust() {
        TrustEvaluator t = fullTrust;
        if (t == null) {
            List<X509Certificate> all = new ArrayList<>(JdkAnchors.ALL);
            all.addAll(caFileAnchors);
            t = new TrustEvaluator(all);
            fullTrust = t;  // two threads may both build it: the same result, no harm
        }
        return t;
    }

    /**
     * The trust anchors of this inspector: the JDK default trust store plus the CA file's certificates, for other
     * TLS clients of the check (the MTA-STS policy fetch, RFC 8461 §3.3). Reads the JDK store on the first call of
     * the process.
     */
    public List<X509Certificate> anchors() {
        List<X509Certificate> all = new ArrayList<>(JdkAnchors.ALL);
        all.addAll(caFileAnchors);
        return all;
    }

    /**
     * Judges the chain a server presented after STARTTLS.
     *
     * <p>Trust, in order: TRUSTED when the leaf itself is an anchor or a PKIX path from the leaf to an
     * anchor exists (as sent, or rebuilt from the certificates sent in any order); SELF_SIGNED when the
     * leaf is self-signed; UNTRUSTED when the certificates sent end at a root that is not an anchor, or
     * lead to an anchor's name but fail validation (signature, basic constraints, key usage, disabled
     * algorithm); INCOMPLETE when the last certificate reached is issued by a name that was neither sent
     * nor is an anchor. As nothing is fetched, INCOMPLETE also covers a private CA whose root was not sent.
     *
     * @param protocol negotiated protocol ("TLSv1.3")
     * @param cipherSuite negotiated suite (IANA name)
     * @param handshakeMillis handshake time in milliseconds
     * @param referenceName the MX host name (SNI and DNS-ID reference identifier): lower-case A-labels,
     *     without trailing dot (a trailing dot and upper case are tolerated); stored as {@code sni}
     * @param chain the chain as presented, leaf first; not empty
     * @return the facts, with {@code trustDetail} null when TRUSTED and a one-line reason otherwise
     * @throws IllegalArgumentException when the chain is null or empty
     */
    public TlsFacts inspect(String protocol, String cipherSuite, long handshakeMillis, String referenceName,
            X509Certificate[] chain) {
        if (chain == null || chain.length == 0 || Arrays.asList(chain).contains(null)) {
            throw new IllegalArgumentException("no certificate chain to inspect for " + referenceName);
        }
        Instant now = clock.instant();
        List<CertificateFacts> facts = new ArrayList<>(chain.length);
        for (int i = 0; i < chain.length; i++) {
            facts.add(CertificateReader.read(chain[i], i, now));
        }
        // A chain that leads to an anchor of the CA file is trusted whatever the JDK store holds: the store (about
        // 140 certificates to parse) is read only for a chain that the CA file alone does not validate.
        TrustEvaluator.Verdict verdict = caFileTrust == null ? null : caFileTrust.evaluate(chain.clone(), now);
        if (verdict == null || verdict.status() != TrustStatus.TRUSTED) {
            verdict = fullTrust().evaluate(chain.clone(), now);
        }
        String sni = referenceName == null ? null
                : referenceName.endsWith(".") ? referenceName.substring(0, referenceName.length() - 1) : referenceName;
        boolean nameMatches = HostnameMatcher.matches(sni, facts.get(0));
        return new TlsFacts(protocol, cipherSuite, handshakeMillis, sni, facts, verdict.status(), verdict.detail(),
                nameMatches, verdict.path());
    }

    /**
     * The trust anchors this class validates against: the JDK default trust store plus the certificates of
     * {@code caFile}, for other TLS clients of the check (the MTA-STS policy fetch, RFC 8461 §3.3).
     *
     * @param caFile PEM file of extra trust anchors, or null
     * @throws IllegalArgumentException as the constructor, when the CA file is unusable
     */
    public static List<X509Certificate> trustAnchors(Path caFile) {
        List<X509Certificate> anchors = new ArrayList<>(JdkAnchors.ALL);
        if (caFile != null) {
            anchors.addAll(readCaFile(caFile));
        }
        return anchors;
    }

    /** The JDK default trust store's anchors, read when this class is first used (once per process). */
    private static final class JdkAnchors {
        static final List<X509Certificate> ALL = List.copyOf(jdkTrustAnchors());

        private JdkAnchors() {}
    }

    private static List<X509Certificate> jdkTrustAnchors() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager) {
                    return Arrays.asList(((X509TrustManager) tm).getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK default trust store: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readCaFile(Path caFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(caFile);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("CA file " + caFile + " cannot be read: " + describe(e));
        }
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (text.contains("-----BEGIN ")) {
                for (byte[] der : pemCertificates(text)) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            } else if (bytes.length > 0 && bytes[0] == 0x30) { // an ASN.1 SEQUENCE: try DER
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("CA file " + caFile + " holds a certificate that cannot be parsed: "
                    + describe(e));
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("CA file " + caFile
                    + " holds no certificate (expected PEM blocks \"-----BEGIN CERTIFICATE-----\")");
        }
        return certs;
    }

    /**
     * The contents of the PEM blocks of type {@code CERTIFICATE} (or the older {@code X509 CERTIFICATE}) of
     * {@code text}, in order (RFC 7468 §2, §5); blocks of other types (a key beside the certificates) are skipped,
     * and so are RFC 1421 header lines ({@code Name: value}) inside a block. Plain JDK code: BouncyCastle's reader
     * sets up java.util.logging when first used, about 20 ms of CPU at every start.
     *
     * @throws IOException when a block has no END line or its base64 is malformed
     */
    static List<byte[]> pemCertificates(String text) throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf(PEM_BEGIN, from);
            if (begin < 0) {
                return blocks;
            }
            int typeEnd = text.indexOf(PEM_DASHES, begin + PEM_BEGIN.length());
            if (typeEnd < 0) {
                throw new IOException("malformed PEM: a BEGIN line without its closing dashes");
            }
            String type = text.substring(begin + PEM_BEGIN.length(), typeEnd);
            String endLine = "-----END " + type + PEM_DASHES;
            int end = text.indexOf(endLine, typeEnd + PEM_DASHES.length());
            if (end < 0) {
                throw new IOException("malformed PEM: " + endLine + " not found");
            }
            if (type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE")) {
                StringBuilder base64 = new StringBuilder();
                for (String line : text.substring(typeEnd + PEM_DASHES.length(), end).split("\r?\n|\r")) {
                    if (line.indexOf(':') < 0) {
                        base64.append(line.strip());
                    }
                }
                try {
                    blocks.add(Base64.getDecoder().decode(base64.toString()));
                } catch (IllegalArgumentException e) {
                    throw new IOException("malformed base64 in a PEM " + type + " block: " + e.getMessage(), e);
                }
            }
            from = end + endLine.length();
        }
    }

    private static final String PEM_BEGIN = "-----BEGIN ";
    private static final String PEM_DASHES = "-----";

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
