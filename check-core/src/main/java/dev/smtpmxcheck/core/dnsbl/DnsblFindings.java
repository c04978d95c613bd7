package dev.smtpmxcheck.core.dnsbl;

import dev.smtpmxcheck.core.report.DnsblFacts;
import dev.smtpmxcheck.core.report.DnsblResult;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings of the blocklist lookups of one MX address (DNSBL, RFC 5782): DNSBL_LISTED per list that lists it,
 * WARNING by default or CRITICAL when asked; DNSBL_UNCHECKED (INFO) per list that could not say, so that an answer
 * that is no listing (a refused query, a rewritten NXDOMAIN, a timeout) never reads as one and never goes unseen.
 */
public final class DnsblFindings {
    private DnsblFindings() {}

    /**
     * @param addressSubject the address subject ({@code Subjects.address(...)})
     * @param facts the lookups, or null when none was asked for
     * @param listedCritical true to make a listing CRITICAL instead of WARNING
     * @return the findings in the order of the lists; empty when {@code facts} is null
     */
    public static List<Finding> of(String addressSubject, DnsblFacts facts, boolean listedCritical) {
        List<Finding> out = new ArrayList<>();
        if (facts == null) {
            return out;
        }
        for (DnsblResult r : facts.results()) {
            if (r instanceof DnsblResult.Listed listed) {
                out.add(Finding.of(FindingCode.DNSBL_LISTED, listedCritical ? Severity.CRITICAL : Severity.WARNING,
                        addressSubject, listedText(listed)));
            } else if (r instanceof DnsblResult.Unchecked unchecked) {
                out.add(Finding.of(FindingCode.DNSBL_UNCHECKED, Severity.INFO, addressSubject,
                        "could not check " + unchecked.zone() + ": " + unchecked.detail()));
            }
        }
        return out;
    }

    /** "listed in bl.example: 127.0.0.2 (listed); reason: "...""; the reason quoted as the list gave it. */
    static String listedText(DnsblResult.Listed listed) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < listed.codes().size(); i++) {
            codes.add(listed.codes().get(i) + " (" + listed.meanings().get(i) + ")");
        }
        return "listed in " + listed.zone() + ": " + String.join(", ", codes)
                + (listed.reason() == null ? "" : "; reason: \"" + listed.reason() + "\"");
    }
}
