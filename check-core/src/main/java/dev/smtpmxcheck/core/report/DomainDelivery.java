package dev.smtpmxcheck.core.report;

import java.util.List;
import java.util.Objects;

/**
 * Who can deliver to the domain: per sender class whether the domain invites it and whether it finds an MX it
 * delivers to (senders try the MX hosts in preference order and fall back to the next, RFC 5321 §5.1), and the
 * per-address matrix it is computed from.
 *
 * @param requireTls true when the check was told that the domain's partners require verified TLS
 *     ({@code --require-tls}): opportunistic senders were then held to PKIX and the MX name
 * @param classes one entry per sender class, opportunistic first
 * @param addresses one entry per MX address probed, in the order of the report
 */
public record DomainDelivery(boolean requireTls, List<Domain> classes, List<AddressDelivery> addresses) {
    public DomainDelivery {
        classes = List.copyOf(classes);
        addresses = List.copyOf(addresses);
    }

    /**
     * One class of sender, for the whole domain.
     *
     * @param sender the class
     * @param applies true when the domain invites the class: always for opportunistic senders; for MTA-STS an enforce
     *     or testing policy (RFC 8461 §5); for DANE DNSSEC-secure TLSA records at one MX host at least (RFC 7672 §2.2)
     * @param enforced true when the class refuses to deliver where it fails; false for an MTA-STS policy in testing
     *     mode, whose senders report failures and deliver anyway (RFC 8461 §5)
     * @param canDeliver true when the class delivers to at least one MX address (for DANE, hosts without secure TLSA
     *     count as the opportunistic senders see them)
     */
    public record Domain(SenderClass sender, boolean applies, boolean enforced, boolean canDeliver) {
        public Domain {
            Objects.requireNonNull(sender, "sender");
        }

        /** True when the domain invites the class, the class enforces, and it finds no MX to deliver to. */
        public boolean blocked() {
            return applies && enforced && !canDeliver;
        }
    }

    /** The domain entry of {@code sender}. */
    public Domain of(SenderClass sender) {
        return classes.stream().filter(c -> c.sender() == sender).findFirst()
                .orElseThrow(() -> new IllegalStateException("no domain entry for " + sender));
    }

    /**
     * The address entries by the subject of their findings ({@link AddressDelivery#subject()}), built with the
     * function that builds the subjects, so that no subject is parsed.
     */
    public java.util.Map<String, AddressDelivery> bySubject() {
        java.util.Map<String, AddressDelivery> out = new java.util.HashMap<>();
        addresses.forEach(a -> out.put(a.subject(), a));
        return out;
    }
}
