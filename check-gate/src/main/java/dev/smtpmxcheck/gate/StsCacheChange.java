package dev.smtpmxcheck.gate;

import java.util.Objects;

/**
 * A change of a domain's MTA-STS policy between the previous build's report and this one that hurts senders holding
 * the previous policy in their cache (RFC 8461 §3.1, §3.3, §5.1). It is not a finding of either report: only the
 * comparison shows it. Each is a regression of the gate.
 *
 * @param kind what changed
 * @param subject the domain, or for {@link Kind#MX_DROPPED} the MX host
 * @param message what changed, with the values
 * @param remediation the corrective action, in imperative mood
 */
public record StsCacheChange(Kind kind, String subject, String message, String remediation) {

    public StsCacheChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remediation, "remediation");
    }

    /** What changed. */
    public enum Kind {
        /**
         * The policy file's content changed while the TXT record's {@code id} stayed the same: senders that cached
         * the previous policy see no new id, do not fetch again, and keep the old one until its {@code max_age} runs
         * out (RFC 8461 §3.1: the id must change whenever the policy does).
         */
        POLICY_CHANGED_SAME_ID,
        /**
         * A host that is still an MX of the domain matched an {@code mx} pattern of the previous policy and matches
         * none of this one: senders that fetch the new policy refuse it (RFC 8461 §4.1).
         */
        MX_DROPPED,
        /**
         * {@code max_age} went from one day or more to under one day (RFC 8461 §3.2 expects weeks or more): senders
         * soon hold no policy, and an attacker who blocks the fetch then strips it (§10.2).
         */
        MAX_AGE_LOWERED
    }
}
