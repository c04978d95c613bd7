package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.time.Waited;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * {@link TlsaResolver} and {@link DnssecResolver} over dnsjava with DNSSEC, in one of two modes:
 *
 * <ul>
 *   <li><b>validating</b> (the default): dnsjava's {@link ValidatingResolver} over the check's resolver validates
 *       every answer itself, from a trust anchor (the IANA root KSK shipped with the check, or a file of DS or
 *       DNSKEY records in zone-file syntax);</li>
 *   <li><b>trusting AD</b>: the check's resolver is a validating resolver the user trusts, and its AD bit
 *       (RFC 4035 §3.2.3, asked for with AD in the query, RFC 6840 §5.7) says SECURE, as Postfix's
 *       {@code smtp_dns_support_level = dnssec} does. Such a resolver answers SERVFAIL for bogus data, which is
 *       then INDETERMINATE.</li>
 * </ul>
 *
 * <p>Rules (RFC 7672 §2.2): the host's address records are asked first; when they are not SECURE, DANE does not
 * apply to the host (§2.2.2) and the lookup is INSECURE (or BOGUS), with any TLSA records still reported. When
 * they came through a secure CNAME chain, TLSA records are looked for at the expanded name first and then at the
 * original name (§2.2.3).
 *
 * <p>Only hosts that publish TLSA records are validated: the records are first asked without validation (with
 * CD set, RFC 4035 §3.2.2), and a host without any gets a lookup of status null ("no TLSA records"), whatever
 * its DNSSEC. So a domain without DANE costs two plain queries, and a resolver that cannot build the chain of
 * trust (an authoritative-only server with the root anchor) does not turn every such domain into a finding.
 *
 * <p>Each query waits at most the query timeout. Safe for concurrent use.
 */
public final class DnssecTlsaResolver implements TlsaResolver, DnssecResolver {

    /** The class path resource with the IANA root zone trust anchors (DS of KSK-2017 and KSK-2024). */
    public static final String ROOT_ANCHORS = "root-anchors.txt";

    private final Resolver head;
    private final Resolver resolver;
    private final boolean trustAd;
    private final Duration queryTimeout;

    /** The owner names of the trust anchors, absolute and lower case ("." for the root); empty when trusting AD. */
    private final Set<String> anchorZones;

    /** Per anchor zone: whether its DNSKEY set validated through {@link #resolver}. */
    private final java.util.concurrent.ConcurrentMap<String, Boolean> anchorChecks =
            new java.util.concurrent.ConcurrentHashMap<>();

    private DnssecTlsaResolver(Resolver head, Resolver resolver, boolean trustAd, Duration queryTimeout,
            Set<String> anchorZones) {
        this.head = head;
        this.resolver = resolver;
        this.trustAd = trustAd;
        this.queryTimeout = queryTimeout;
        this.anchorZones = Set.copyOf(anchorZones);
    }

    /**
     * Validates answers itself, from {@code trustAnchorFile} or the IANA root anchors.
     *
     * @param head the resolver queries go to (a recursive resolver, or an authoritative server for the anchor's zone)
     * @param trustAnchorFile DS or DNSKEY records in zone-file syntax, or null for the root anchors
     * @param queryTimeout the longest wait for one query, validation included
     * @throws IllegalArgumentException with a one-line message naming the file when it cannot be read or holds
     *     no DS or DNSKEY record
     */
    public static DnssecTlsaResolver validating(Resolver head, Path trustAnchorFile, Duration queryTimeout) {
        ValidatingResolver validator = new ValidatingResolver(head);
        validator.setAddReasonToAdditional(true);
        validator.setTimeout(queryTimeout);
        if (trustAnchorFile == null) {
            try (InputStream in = DnssecTlsaResolver.class.getResourceAsStream(ROOT_ANCHORS)) {
                if (in == null) {
                    throw new IllegalStateException("the resource " + ROOT_ANCHORS + " is missing from the class path");
                }
                validator.loadTrustAnchors(in);
            } catch (IOException e) {
                throw new IllegalStateException("the resource " + ROOT_ANCHORS + " does not load: " + e.getMessage(), e);
            }
        } else {
            try (InputStream in = Files.newInputStream(trustAnchorFile)) {
                validator.loadTrustAnchors(in);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(trustAnchorProblem(trustAnchorFile, e));
            }
        }
        if (validator.getTrustAnchors().items().isEmpty()) {
            throw new IllegalArgumentException("trust anchor file " + trustAnchorFile
                    + " holds no DS or DNSKEY record (expected zone-file lines such as \". IN DS 20326 8 2 E06D...\")");
        }
        Set<String> zones = new HashSet<>();
        validator.getTrustAnchors().items().forEach(a -> zones.add(a.getName().toString().toLowerCase(Locale.ROOT)));
        return new DnssecTlsaResolver(head, validator, false, queryTimeout, zones);
    }

    /**
     * Trusts the AD bit of {@code head}, a validating resolver (RFC 6840 §5.7); use it only over a trusted path
     * (the same host, or a protected network), as the AD bit itself is not authenticated.
     *
     * @param head the validating resolver
     * @param queryTimeout the longest wait for one query
     */
    public static DnssecTlsaResolver trustingAd(Resolver head, Duration queryTimeout) {
        head.setEDNS(0, 0, ExtendedFlags.DO);
        return new DnssecTlsaResolver(head, head, true, queryTimeout, Set.of());
    }

    @Override
    public TlsaLookup lookup(String host, int port) {
        Name hostName = name(host);
        String firstTlsa = text(tlsaName(hostName, port));
        Answer plainAddress = query(head, hostName, Type.A, true);
        if (plainAddress.status == DnssecStatus.INDETERMINATE) {
            return new TlsaLookup(firstTlsa, text(hostName), DnssecStatus.INDETERMINATE,
                    "the address records of " + text(hostName) + ": " + plainAddress.detail, List.of());
        }
        boolean published = false;
        for (Name base : bases(hostName, plainAddress.canonical)) {
            Answer plain = query(head, tlsaName(base, port), Type.TLSA, true);
            if (plain.status == DnssecStatus.INDETERMINATE) {
                return new TlsaLookup(text(tlsaName(base, port)), text(base), DnssecStatus.INDETERMINATE, plain.detail,
                        List.of());
            }
            published |= !plain.records.isEmpty();
        }
        if (!published) {
            return new TlsaLookup(firstTlsa, text(hostName), null, null, List.of());
        }
        Answer address = query(resolver, hostName, Type.A, false);
        if (address.status == DnssecStatus.INDETERMINATE || address.status == DnssecStatus.BOGUS) {
            return new TlsaLookup(firstTlsa, text(hostName), address.status,
                    "the address records of " + text(hostName) + ": " + address.detail, List.of());
        }
        List<Name> bases = address.status == DnssecStatus.SECURE ? bases(hostName, address.canonical)
                : List.of(hostName);
        for (Name base : bases) {
            Name owner = tlsaName(base, port);
            Answer tlsa = query(resolver, owner, Type.TLSA, false);
            List<TlsaRecord> records = tlsa.records;
            String tlsaName = text(owner);
            if (tlsa.status == DnssecStatus.INDETERMINATE || tlsa.status == DnssecStatus.BOGUS) {
                return new TlsaLookup(tlsaName, text(base), tlsa.status, tlsa.detail, records);
            }
            if (address.status == DnssecStatus.INSECURE) {
                return new TlsaLookup(tlsaName, text(base), DnssecStatus.INSECURE, "the address records of "
                        + text(hostName) + " are not signed (DNSSEC insecure), so DANE does not apply (RFC 7672 §2.2.2)",
                        records);
            }
            if (tlsa.status == DnssecStatus.INSECURE) {
                return new TlsaLookup(tlsaName, text(base), DnssecStatus.INSECURE,
                        "the TLSA answer is not signed (DNSSEC insecure)", records);
            }
            if (!records.isEmpty()) {
                return new TlsaLookup(tlsaName, text(base), DnssecStatus.SECURE, null, records);
            }
        }
        return new TlsaLookup(firstTlsa, text(hostName), DnssecStatus.SECURE, null, List.of());
    }

    /** The TLSA base domains in the order RFC 7672 §2.2.3 asks them: the expanded name first, then the original. */
    private static List<Name> bases(Name host, Name canonical) {
        return canonical.equals(host) ? List.of(host) : List.of(canonical, host);
    }

    /**
     * The DNSSEC status of the MX lookup of {@code domain}: the MX RRset, or the proof that there is none (RFC 7672
     * §2.2.1), through the validator (or the resolver's AD bit). Unlike {@link #lookup}, nothing is asked without
     * validation first: every domain with MX records is validated.
     *
     * @param domain A-label domain name without trailing dot
     * @return SECURE, INSECURE, BOGUS (with the validator's reason) or INDETERMINATE; never null, never throws for DNS
     *     trouble
     * @throws IllegalArgumentException when {@code domain} is not a valid DNS name
     */
    @Override
    public DnssecFacts validateMx(String domain) {
        Name name = name(domain);
        return anchored(name, query(resolver, name, Type.MX, false));
    }

    /**
     * The DNSSEC status of the A and AAAA records of {@code host} (RFC 4035 §4.3, RFC 7672 §2.2.2): the worse of the
     * two answers (a signed proof that one type does not exist is SECURE).
     *
     * @param host A-label host name without trailing dot
     * @return the status and the reason when not SECURE; never null, never throws for DNS trouble
     * @throws IllegalArgumentException when {@code host} is not a valid DNS name
     */
    @Override
    public DnssecFacts validateAddresses(String host) {
        Name name = name(host);
        Answer a = query(resolver, name, Type.A, false);
        Answer aaaa = query(resolver, name, Type.AAAA, false);
        return DnssecFacts.worse(anchored(name, a), anchored(name, aaaa));
    }

    /**
     * The facts of {@code answer}; a BOGUS one only when the check's own trust anchor for {@code name} validates, else
     * INDETERMINATE. dnsjava's validator calls an unsigned NODATA answer bogus ("failed to prove NODATA status") when
     * it could not even fetch the anchor zone's DNSKEY, as with a resolver that serves no DNSSEC records (an
     * authoritative-only server under the root anchor): that says nothing about the domain.
     */
    private DnssecFacts anchored(Name name, Answer answer) {
        if (answer.status == DnssecStatus.BOGUS && !trustAd) {
            String anchor = anchorOf(name);
            if (anchor != null && !anchorUsable(anchor)) {
                return new DnssecFacts(DnssecStatus.INDETERMINATE, answer.detail + " (the check could not validate DNSSEC"
                        + " from its trust anchor for " + anchor + ": its resolver returned no valid DNSKEY records for "
                        + anchor + ", so nothing under it can be judged)");
            }
        }
        return new DnssecFacts(answer.status, answer.detail);
    }

    /** The closest trust anchor zone that holds {@code name}, absolute and lower case, or null. */
    private String anchorOf(Name name) {
        String best = null;
        for (String zone : anchorZones) {
            Name anchor = Name.fromConstantString(zone);
            if (name.subdomain(anchor) && (best == null || anchor.labels() > Name.fromConstantString(best).labels())) {
                best = zone;
            }
        }
        return best;
    }

    /** Whether the DNSKEY set of the anchor zone validates (asked once per zone and resolver). */
    private boolean anchorUsable(String zone) {
        return anchorChecks.computeIfAbsent(zone, z -> query(resolver, Name.fromConstantString(z), Type.DNSKEY, false)
                .status == DnssecStatus.SECURE);
    }

    private static Name name(String host) {
        try {
            return Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid host name: " + host);
        }
    }

    private static Name tlsaName(Name base, int port) {
        try {
            return Name.concatenate(Name.fromString("_" + port + "._tcp"), base);
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            throw new IllegalArgumentException("no TLSA name for " + base + ": " + e.getMessage());
        }
    }

    /** One answer: its status, the end of its CNAME chain and the TLSA records there. */
    private static final class Answer {
        final DnssecStatus status;
        final String detail;
        final Name canonical;
        final List<TlsaRecord> records;

        Answer(DnssecStatus status, String detail, Name canonical, List<TlsaRecord> records) {
            this.status = status;
            this.detail = detail;
            this.canonical = canonical;
            this.records = records;
        }
    }

    /**
     * One query through {@code via}.
     *
     * @param plain true for a query without validation (CD set, status INSECURE unless it failed)
     */
    private Answer query(Resolver via, Name name, int type, boolean plain) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (plain) {
            query.getHeader().setFlag(Flags.CD);
        } else if (trustAd) {
            query.getHeader().setFlag(Flags.AD);
        }
        String what = text(name) + " " + Type.string(type);
        Message response;
        CompletableFuture<Message> future = via.sendAsync(query).toCompletableFuture();
        // The validator sends several queries (DNSKEY, DS) for one answer: give it a little more.
        Duration wait = queryTimeout.multipliedBy(TimeBudget.DNSSEC_VALIDATION_QUERY_FACTOR);
        Waited<Message> waited = Deadline.after(wait).await(future);
        if (waited instanceof Waited.Completed<Message> done) {
            response = done.value();
        } else if (waited instanceof Waited.Failed<Message> failed) {
            Throwable cause = failed.cause();
            String why = cause instanceof SocketTimeoutException ? "timeout" : String.valueOf(cause.getMessage());
            return failed(what + ": " + why, name);
        } else if (waited instanceof Waited.TimedOut) {
            return failed("no answer to " + what + " within " + wait.toMillis() + " ms", name);
        } else {
            return failed("interrupted", name);
        }
        int rcode = response.getRcode();
        boolean ad = response.getHeader().getFlag(Flags.AD);
        Name canonical = canonical(response, name);
        List<TlsaRecord> records = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof TLSARecord && r.getName().equals(canonical)) {
                TLSARecord t = (TLSARecord) r;
                records.add(TlsaRecord.of(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(),
                        t.getCertificateAssociationData()));
            }
        }
        if (rcode == Rcode.SERVFAIL) {
            String reason = trustAd || plain ? null : validationReason(response);
            String anchor = ValidationReasons.anchorZone(reason, anchorZones);
            if (anchor != null) {
                // Not the domain's fault: the check could not validate from its own trust anchor at all.
                return new Answer(DnssecStatus.INDETERMINATE, what + ": the check could not validate DNSSEC from its"
                        + " trust anchor for " + anchor + " (its resolver returned no usable DNSKEY/RRSIG records for "
                        + anchor + ", or the anchor does not match them)", canonical, records);
            }
            if (reason != null) {
                return new Answer(DnssecStatus.BOGUS, what + ": " + reason, canonical, records);
            }
            return new Answer(DnssecStatus.INDETERMINATE, what + ": SERVFAIL"
                    + (trustAd ? " (a validating resolver answers so also for data that does not validate)" : ""),
                    canonical, records);
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new Answer(DnssecStatus.INDETERMINATE, what + ": " + Rcode.string(rcode), canonical, records);
        }
        if (ad && !plain) {
            return new Answer(DnssecStatus.SECURE, null, canonical, records);
        }
        // The validating resolver of the check (a trust anchor of its own) proves an unsigned zone; a resolver that is
        // trusted for the AD bit only says it did not set it.
        String why = plain ? ": not validated (a plain look-up)" : trustAd ? ": not signed (no AD bit from the resolver)"
                : ": not signed (an insecure delegation, validated from the check's trust anchor)";
        return new Answer(DnssecStatus.INSECURE, what + why, canonical, records);
    }

    private static Answer failed(String detail, Name name) {
        return new Answer(DnssecStatus.INDETERMINATE, detail, name, List.of());
    }

    /** The end of the CNAME chain that starts at {@code name} in the answer section. */
    private static Name canonical(Message response, Name name) {
        Name current = name;
        Set<Name> seen = new HashSet<>();
        boolean moved = true;
        while (moved && seen.add(current)) {
            moved = false;
            for (Record r : response.getSection(Section.ANSWER)) {
                if (r instanceof CNAMERecord && r.getName().equals(current)) {
                    current = ((CNAMERecord) r).getTarget();
                    moved = true;
                    break;
                }
            }
        }
        return current;
    }

    /**
     * One line for a trust anchor file that does not load: missing, unreadable, or not zone-file syntax (dnsjava's
     * "&lt;none&gt;:2: expected a string" becomes "line 2 is not a DS or DNSKEY record").
     */
    static String trustAnchorProblem(Path file, Exception e) {
        String example = " (expected zone-file lines such as \". IN DS 20326 8 2 E06D...\")";
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "trust anchor file " + file + " does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "trust anchor file " + file + " cannot be read: permission denied";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile(":(\\d+):").matcher(message);
        if (e instanceof IOException && !(e instanceof TextParseException) && !line.find()) {
            return "trust anchor file " + file + " cannot be read: "
                    + (message.isEmpty() ? e.getClass().getSimpleName() : message);
        }
        line.reset();
        return "trust anchor file " + file + " is not a list of DS or DNSKEY records"
                + (line.find() ? ": line " + line.group(1) + " does not parse" : "") + example;
    }

    /** The reason dnsjava's validator gives for a bogus answer (a TXT record in the additional section). */
    private static String validationReason(Message response) {
        for (Record r : response.getSection(Section.ADDITIONAL)) {
            if (r instanceof TXTRecord && r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                return String.join(" ", ((TXTRecord) r).getStrings());
            }
        }
        return null;
    }

    private static String text(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    /** For messages: which mode this is. */
    @Override
    public String toString() {
        return trustAd ? "DNSSEC: AD bit of the resolver" : "DNSSEC: validating";
    }
}
