package dev.smtpmxcheck.core.dns;

import java.util.List;

/** The outcome of looking up where a domain's mail goes (RFC 5321 §5.1, RFC 7505). */
public sealed interface MxLookup {

    /**
     * MX records were found.
     *
     * @param hosts the MX hosts in preference order (ties keep DNS order)
     * @param alsoNullMx true when a null MX "0 ." was published beside real MX records (RFC 7505 §3 forbids it)
     */
    record Hosts(List<MxHost> hosts, boolean alsoNullMx) implements MxLookup {
        public Hosts {
            hosts = List.copyOf(hosts);
        }
    }

    /** The only MX is "0 .": the domain accepts no mail (RFC 7505). */
    record NullMx() implements MxLookup {}

    /**
     * No MX records: the domain itself is the mail host, with preference 0 (RFC 5321 §5.1). Its
     * {@code addresses} may be empty, which means the domain cannot receive mail.
     */
    record Implicit(MxHost domainItself) implements MxLookup {}

    /**
     * The MX query failed.
     *
     * @param failure the kind of failure
     * @param detail what the resolver said, for the finding's message
     */
    record Failed(DnsFailure failure, String detail) implements MxLookup {}
}
