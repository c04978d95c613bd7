package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.TrustStatus;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathBuilderResult;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The PKIX verdict on a presented chain (RFC 5280 §6), with revocation checking off and no network
 * access (no AIA fetching, no OCSP, no CRL).
 *
 * <p><b>Validation date.</b> Validity periods are judged separately, per element and against the
 * check's clock, by {@link CertificateFindings} (CERT_EXPIRED, CERT_NOT_YET_VALID). So that an expired
 * but otherwise sound chain is {@link TrustStatus#TRUSTED} (plus CERT_EXPIRED) rather than
 * UNTRUSTED, the path is validated at the check's time moved into the window in which every
 * certificate sent is valid: {@code clamp(now, latest notBefore, earliest notAfter)}. When the sent
 * certificates have no common window, the leaf's own window is used. Trust anchors' own validity is
 * not checked (the JDK does not either).
 *
 * <p><b>Order.</b> {@code CertPathValidator} first validates the chain exactly as sent. If that fails, a
 * {@code CertPathBuilder} is given the sent certificates as a pool, which accepts the out-of-order or
 * surplus certificates (e.g. an old cross-signed root) that TLS clients tolerate (RFC 8446 §4.4.2).
 *
 * <p><b>Classifying a failure</b>, given that we never fetch a missing certificate:
 * <ol>
 *   <li>the leaf is self-signed → {@link TrustStatus#SELF_SIGNED};</li>
 *   <li>follow issuer names from the leaf through the certificates sent; at the last one reached (the
 *       "top"): if it is self-issued (a root the server sent), or its issuer is the subject of a trust
 *       anchor (the path is there but fails: signature, constraints, usage, algorithm) →
 *       {@link TrustStatus#UNTRUSTED};</li>
 *   <li>otherwise the top's issuer was not sent and is no trust anchor → {@link TrustStatus#INCOMPLETE}.
 *       Without the missing certificate this cannot tell a missing intermediate of a public CA from a
 *       private CA whose root the server did not send; the detail says both, and names the missing issuer.</li>
 * </ol>
 *
 * <p><b>Memo.</b> A verdict depends only on the chain, the anchors and the validation date, so the verdicts of the
 * last {@value #REMEMBERED} chains are kept, by chain and validation date to the second: the addresses of one MX
 * host (IPv4 and IPv6, or a pool behind one name) mostly present the same chain, and each signature check costs
 * milliseconds in a JVM that has just started. Thread-safe.
 */
final class TrustEvaluator {
    private final Set<TrustAnchor> anchors;
    private final Set<X509Certificate> anchorCertificates;
    private final Set<X500Principal> anchorSubjects;

    /** How many chains' verdicts are remembered (least recently used first out). */
    static final int REMEMBERED = 32;

    /**
     * A remembered chain and validation second. Its equals and hashCode are written out: a record's generated ones
     * are linked through {@code ObjectMethods} on first use, ~6 ms of a one-host check's CPU.
     */
    private record Key(List<X509Certificate> chain, long second) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.second == second && k.chain.equals(chain);
        }

        @Override
        public int hashCode() {
            return chain.hashCode() * 31 + Long.hashCode(second);
        }
    }

    private final Map<Key, Verdict> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Verdict> eldest) {
            return size() > REMEMBERED;
        }
    };

    TrustEvaluator(List<X509Certificate> anchorCertificates) {
        this.anchorCertificates = new HashSet<>(anchorCertificates);
        this.anchors = new HashSet<>();
        this.anchorSubjects = new HashSet<>();
        for (X509Certificate c : anchorCertificates) {
            anchors.add(new TrustAnchor(c, null));
            anchorSubjects.add(c.getSubjectX500Principal());
        }
    }

    /**
     * The verdict and, unless trusted, a one-line reason naming the chain element concerned.
     *
     * @param path when trusted, the positions (in the chain as sent) of the certificates on the validated
     *     path, leaf first; empty otherwise
     */
    record Verdict(TrustStatus status, String detail, List<Integer> path) {
        Verdict(TrustStatus status, String detail) {
            this(status, detail, List.of());
        }
    }

    /**
     * The verdict on {@code chain} at {@code now} (moved into the chain's validity window, see the class description),
     * remembered for later calls with the same chain in the same second.
     *
     * @param chain the chain as presented, leaf first; not empty, no null element
     * @param now the check's time
     * @return the verdict; the same instance for the same chain and validation second while remembered
     */
    Verdict evaluate(X509Certificate[] chain, Instant now) {
        Key key = new Key(List.of(chain), validationDate(chain, now).getEpochSecond());
        synchronized (remembered) {
            // One lock for all: a second address with the same chain waits for the first verdict instead of
            // computing it again.
            return remembered.computeIfAbsent(key, k -> judge(chain, Date.from(Instant.ofEpochSecond(k.second()))));
        }
    }

    /** The verdict at {@code date}, the validation date in whole seconds (certificate times have no fractions). */
    private Verdict judge(X509Certificate[] chain, Date date) {
        X509Certificate leaf = chain[0];
        if (anchorCertificates.contains(leaf)) {
            // pinned: the server certificate itself is an anchor
            return new Verdict(TrustStatus.TRUSTED, null, List.of(0));
        }
        String reason = anchors.isEmpty() ? "no trust anchors are configured" : validate(chain, date);
        if (reason == null) {
            return new Verdict(TrustStatus.TRUSTED, null, sentPath(chain));
        }
        List<Integer> built = anchors.isEmpty() ? null : build(chain, date);
        if (built != null) {
            return new Verdict(TrustStatus.TRUSTED, null, built);
        }
        if (CertificateReader.isSelfSigned(leaf)) {
            return new Verdict(TrustStatus.SELF_SIGNED,
                    "chain[0] " + name(leaf) + " is self-signed and is not a trust anchor");
        }
        int top = topOfSentPath(chain);
        X509Certificate topCert = chain[top];
        X500Principal missing = topCert.getIssuerX500Principal();
        if (missing.equals(topCert.getSubjectX500Principal())) {
            return new Verdict(TrustStatus.UNTRUSTED, CertificateReader.isSelfSigned(topCert)
                    ? "chain[" + top + "] " + name(topCert) + " is a root that is not a trust anchor (" + reason + ")"
                    : reason);
        }
        if (anchorSubjects.contains(missing)) {
            return new Verdict(TrustStatus.UNTRUSTED, reason);
        }
        return new Verdict(TrustStatus.INCOMPLETE, "chain[" + top + "] " + name(topCert) + " is issued by "
                + missing.getName(X500Principal.RFC2253) + ", which was not sent and is not a trust anchor"
                + " (a missing intermediate, or an unknown CA)");
    }

    /** The positions of the chain as sent up to, not including, a trailing copy of an anchor. */
    private List<Integer> sentPath(X509Certificate[] chain) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < chain.length; i++) {
            if (i > 0 && anchorCertificates.contains(chain[i])) {
                break; // the anchor itself must not be part of the path (RFC 5280 §6.1)
            }
            positions.add(i);
        }
        return List.copyOf(positions);
    }

    /** Validates the chain as sent, without a trailing copy of an anchor; null when valid, else the reason. */
    private String validate(X509Certificate[] chain, Date date) {
        List<X509Certificate> path = new ArrayList<>();
        for (int i : sentPath(chain)) {
            path.add(chain[i]);
        }
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(date);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return null;
        } catch (CertPathValidatorException e) {
            int index = e.getIndex();
            String message = oneLine(e.getMessage());
            return index >= 0 && index < path.size()
                    ? "chain[" + index + "] " + name(path.get(index)) + ": " + message
                    : message;
        } catch (GeneralSecurityException e) {
            return oneLine(e.getMessage());
        }
    }

    /**
     * Builds a path from the leaf to an anchor from the certificates sent, in any order: the positions of
     * the certificates it uses, or null when there is none.
     */
    private List<Integer> build(X509Certificate[] chain, Date date) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain[0]);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(date);
            params.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(Arrays.asList(chain))));
            CertPathBuilderResult result = CertPathBuilder.getInstance("PKIX").build(params);
            List<Integer> positions = new ArrayList<>();
            for (java.security.cert.Certificate c : result.getCertPath().getCertificates()) {
                positions.add(Arrays.asList(chain).indexOf(c));
            }
            return List.copyOf(positions);
        } catch (CertPathBuilderException | InvalidAlgorithmParameterException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX path building is not available", e);
        }
    }

    /** The index of the last certificate reached by following issuer names from the leaf through the chain sent. */
    private static int topOfSentPath(X509Certificate[] chain) {
        int current = 0;
        Set<Integer> seen = new HashSet<>();
        seen.add(0);
        while (true) {
            X509Certificate cert = chain[current];
            if (cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
                return current;
            }
            int next = -1;
            for (int i = 0; i < chain.length && next < 0; i++) {
                if (!seen.contains(i) && chain[i].getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                    next = i;
                }
            }
            if (next < 0) {
                return current;
            }
            seen.add(next);
            current = next;
        }
    }

    /** {@code now} moved into the window where every certificate sent is valid (see the class description). */
    static Instant validationDate(X509Certificate[] chain, Instant now) {
        Instant from = Instant.MIN;
        Instant until = Instant.MAX;
        for (X509Certificate c : chain) {
            Instant nb = c.getNotBefore().toInstant();
            Instant na = c.getNotAfter().toInstant();
            from = nb.isAfter(from) ? nb : from;
            until = na.isBefore(until) ? na : until;
        }
        if (from.isAfter(until)) {
            from = chain[0].getNotBefore().toInstant();
            until = chain[0].getNotAfter().toInstant();
        }
        return now.isBefore(from) ? from : now.isAfter(until) ? until : now;
    }

    private static String name(X509Certificate c) {
        return c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static String oneLine(String s) {
        return s == null ? "path validation failed" : s.replaceAll("\\s+", " ").trim();
    }
}
