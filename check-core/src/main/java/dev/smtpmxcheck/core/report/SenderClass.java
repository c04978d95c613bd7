package dev.smtpmxcheck.core.report;

/**
 * The classes of sending MTA whose rules differ when they deliver to an MX (RFC 3207, RFC 8461 §4, RFC 7672 §3).
 * Severity follows them: a finding is CRITICAL when a class the domain invites can deliver to no MX.
 */
public enum SenderClass {
    /**
     * Senders that use STARTTLS when offered and deliver whatever the certificate is (RFC 3207 without
     * verification; the default of Postfix, Exim and most MTAs). Under {@code --require-tls} they are held to PKIX
     * and the MX name, as verifying senders.
     */
    OPPORTUNISTIC("opportunistic"),
    /**
     * Senders that apply the domain's MTA-STS policy (RFC 8461 §4): the MX must match an {@code mx} pattern and
     * present, over STARTTLS, a PKIX-valid certificate that names it.
     */
    MTA_STS("MTA-STS"),
    /**
     * Senders that apply DANE (RFC 7672 §3): where the MX host has DNSSEC-secure TLSA records, STARTTLS is mandatory
     * and the chain must match a usable record; PKIX trust does not matter for DANE-EE.
     */
    DANE("DANE");

    private final String label;

    SenderClass(String label) {
        this.label = label;
    }

    /** The class as people write it: "opportunistic", "MTA-STS", "DANE". */
    public String label() {
        return label;
    }
}
