/**
 * Certificate judgement for the chain an MX presents after STARTTLS (RFC 3207): facts per chain
 * element, the PKIX trust verdict (RFC 5280 §6), the host name check (RFC 6125 §6.4, RFC 9525 §6.3) and
 * the CERT_* findings. Nothing here touches the network: the SMTP probe captures the chain, even an
 * untrusted one, and hands it to {@link dev.smtpmxcheck.core.tls.TlsInspector#inspect}; the facts then
 * go to {@link dev.smtpmxcheck.core.tls.CertificateFindings#of}.
 *
 * <p>Validity and trust are separate questions. Days left are counted against the injected clock; the
 * PKIX verdict is reached at a date inside the chain's validity, so an expired certificate from a trusted
 * CA yields TRUSTED plus CERT_EXPIRED.
 */
package dev.smtpmxcheck.core.tls;
