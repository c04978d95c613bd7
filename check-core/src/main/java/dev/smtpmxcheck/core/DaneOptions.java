package dev.smtpmxcheck.core;

import java.nio.file.Path;

/**
 * How the check does DANE (RFC 7672): whether at all, and where DNSSEC trust comes from.
 *
 * @param enabled whether TLSA records are looked up and matched (plugin option {@code --no-dane} turns it off)
 * @param trustAnchorFile DS or DNSKEY records in zone-file syntax to validate from, or null for the IANA root
 *     trust anchors shipped with the check (plugin option {@code --trust-anchor FILE})
 * @param trustAd true to validate nothing and trust the AD bit of the check's resolvers instead, as Postfix's
 *     {@code smtp_dns_support_level = dnssec} does (plugin option {@code --dnssec-trust-ad}); only over a
 *     trusted path to a validating resolver
 */
public record DaneOptions(boolean enabled, Path trustAnchorFile, boolean trustAd) {

    public DaneOptions {
        if (trustAd && trustAnchorFile != null) {
            throw new IllegalArgumentException("a trust anchor file and trusting the resolver's AD bit exclude each other");
        }
    }

    /** DANE on, validating from the root trust anchors. */
    public static DaneOptions defaults() {
        return new DaneOptions(true, null, false);
    }
}
