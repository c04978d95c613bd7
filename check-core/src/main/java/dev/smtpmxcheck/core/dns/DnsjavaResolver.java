package dev.smtpmxcheck.core.dns;

import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.time.Waited;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * {@link MxResolver} over dnsjava: sends MX, A, AAAA queries as {@link Message}s to a recursive resolver
 * and reads the RCODE itself, so that NXDOMAIN, SERVFAIL, a timeout and other failures (REFUSED, network
 * errors) stay apart (RFC 1035 §4.1.1).
 *
 * <p>Rules applied:
 * <ul>
 *   <li>MX hosts are sorted by preference, lowest first; ties keep the DNS order (RFC 5321 §5.1).</li>
 *   <li>An MX set whose only target is the root {@code "."} is a null MX (RFC 7505 §3); a root target beside
 *       other MX records is dropped and flagged ({@link MxLookup.Hosts#alsoNullMx()}).</li>
 *   <li>No MX records (NOERROR, no data) means the domain itself is the mail host, with its A and AAAA
 *       records (implicit MX, RFC 5321 §5.1).</li>
 *   <li>CNAMEs are followed, both for the MX query name and for each target, up to
 *       {@value #MAX_CNAME_LINKS} links (RFC 1034 §3.6.2); a loop or a longer chain is a problem, never a hang.
 *       A CNAME as MX target is reported (RFC 2181 §10.3) but still resolved, as senders do.</li>
 *   <li>An MX target that is an IP address written as a name is taken as that address and flagged
 *       (RFC 5321 §5.1 requires a domain name).</li>
 *   <li>Truncated UDP answers are retried over TCP by dnsjava's {@link SimpleResolver} (RFC 7766 §5).</li>
 * </ul>
 *
 * <p>Timing: each query waits at most the query timeout; one {@link #lookup(String)} or
 * {@link #resolveHost(String)} call as a whole ends within the lookup timeout. The A and AAAA queries of all
 * MX hosts run concurrently. This class never throws for DNS trouble; it is safe for concurrent use.
 */
public final class DnsjavaResolver implements MxResolver, TxtResolver {

    /** The most CNAME links followed for one name before giving up (RFC 1034 §3.6.2 allows chains, not loops). */
    public static final int MAX_CNAME_LINKS = 8;

    /** How many address queries run at once. */
    private static final int MAX_PARALLEL_QUERIES = 16;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final Resolver resolver;
    private final Duration queryTimeout;
    private final Duration lookupTimeout;

    /**
     * A resolver whose lookups end within twice the query timeout (one round for MX, one for the hosts'
     * addresses).
     *
     * @param servers resolvers as {@code host[:port]} (IPv6 as {@code [::1]:53}); empty for the system's
     * @param queryTimeout the longest wait for one query
     * @throws IllegalArgumentException when a server is malformed or the timeout is not positive
     */
    public DnsjavaResolver(List<String> servers, Duration queryTimeout) {
        this(servers, queryTimeout, requirePositive(queryTimeout, "query timeout").multipliedBy(2));
    }

    /**
     * A resolver with an explicit bound on each whole lookup.
     *
     * <p>Several servers are tried in order by dnsjava's {@link ExtendedResolver}, each once, sharing the query
     * timeout; a server that answers (even SERVFAIL or REFUSED) ends the query. Without servers, those of
     * the system ({@link ResolverConfig}: {@code /etc/resolv.conf} or its platform equivalent) are used.
     *
     * @param servers resolvers as {@code host[:port]}: {@code 192.0.2.53}, {@code 127.0.0.1:5353},
     *     {@code [::1]:53}, {@code ::1}, or a host name (resolved once, here, by the system resolver);
     *     the port defaults to 53
     * @param queryTimeout the longest wait for one query (one question to the resolver)
     * @param lookupTimeout the longest a whole {@link #lookup(String)} or {@link #resolveHost(String)} takes
     * @throws IllegalArgumentException when a server is malformed or a timeout is not positive
     */
    public DnsjavaResolver(List<String> servers, Duration queryTimeout, Duration lookupTimeout) {
        Objects.requireNonNull(servers, "servers");
        this.queryTimeout = requirePositive(queryTimeout, "query timeout");
        this.lookupTimeout = requirePositive(lookupTimeout, "lookup timeout");
        this.resolver = buildResolver(servers, queryTimeout);
    }

    /**
     * Resolves where mail for {@code domain} goes: its MX records, sorted, and each target's addresses.
     *
     * @param domain A-label domain name, with or without trailing dot (see {@link DomainNames#toAscii(String)})
     * @return {@link MxLookup.Hosts}, {@link MxLookup.NullMx}, {@link MxLookup.Implicit} or, when the MX query
     *     itself failed, {@link MxLookup.Failed}; never null
     * @throws IllegalArgumentException when {@code domain} is not a syntactically valid DNS name
     */
    @Override
    public MxLookup lookup(String domain) {
        Name name = toName(domain);
        Deadline deadline = Deadline.after(lookupTimeout);
        Resolution mx = resolve(name, Type.MX, deadline);
        if (mx.failure != null) {
            return new MxLookup.Failed(mx.failure, nameText(name) + " MX: " + mx.detail);
        }
        if (mx.records.isEmpty()) {
            return new MxLookup.Implicit(resolveName(name, deadline));
        }
        List<MXRecord> records = new ArrayList<>();
        for (Record record : mx.records) {
            records.add((MXRecord) record);
        }
        records.sort(Comparator.comparingInt(MXRecord::getPriority)); // List.sort is stable: ties keep DNS order
        boolean nullMx = records.stream().anyMatch(r -> r.getTarget().equals(Name.root));
        records.removeIf(r -> r.getTarget().equals(Name.root));
        if (records.isEmpty()) {
            return new MxLookup.NullMx();
        }
        return new MxLookup.Hosts(resolveTargets(records, deadline), nullMx);
    }

    /**
     * Resolves one host given directly (the plugin's {@code -H}), without an MX lookup.
     *
     * @param host A-label host name, or an IP literal (dotted quad, IPv6 with or without brackets)
     * @return an {@link MxHost} of preference 0; for an IP literal its only address, with
     *     {@code ipLiteral} true and the address text as name; never null
     * @throws IllegalArgumentException when {@code host} is neither an IP literal nor a valid DNS name
     */
    @Override
    public MxHost resolveHost(String host) {
        InetAddress literal = DomainNames.parseIpLiteral(host);
        if (literal != null) {
            return new MxHost(Subjects.addressText(literal), 0, List.of(literal), List.of(), true, null, null);
        }
        return resolveName(toName(host), Deadline.after(lookupTimeout));
    }

    /** The most PTR names whose forward records are looked up for one address. */
    static final int MAX_PTR_NAMES = 8;

    /**
     * Looks up the PTR records of {@code address} ({@code d.c.b.a.in-addr.arpa}, or the nibbles under
     * {@code ip6.arpa}; RFC 1035 §3.5, RFC 3596 §2.5), following CNAMEs (RFC 2317 classless delegation), then the
     * A (IPv4) or AAAA (IPv6) records of each PTR name, at most {@value #MAX_PTR_NAMES}, to see which lead back to
     * the address. Ends within the lookup timeout.
     *
     * @param address the MX address
     * @return the facts; NXDOMAIN or no data give no PTR names and no problem; SERVFAIL, a timeout or another error
     *     of the PTR query give {@code problem}; a failed forward query only leaves its name unconfirmed
     */
    @Override
    public ReverseDns reverse(InetAddress address) {
        Objects.requireNonNull(address, "address");
        Deadline deadline = Deadline.after(lookupTimeout);
        Resolution ptr = resolve(ReverseMap.fromAddress(address), Type.PTR, deadline);
        if (ptr.failure != null && ptr.failure != DnsFailure.NXDOMAIN) {
            return new ReverseDns(List.of(), List.of(), ptr.detail);
        }
        List<Name> names = new ArrayList<>();
        for (Record record : ptr.records) {
            Name target = ((PTRRecord) record).getTarget();
            if (!names.contains(target) && names.size() < MAX_PTR_NAMES) {
                names.add(target);
            }
        }
        int type = address instanceof java.net.Inet6Address ? Type.AAAA : Type.A;
        byte[] wanted = address.getAddress();
        List<String> confirmed = new ArrayList<>();
        for (Name name : names) {
            Resolution forward = resolve(name, type, deadline);
            for (Record record : forward.records) {
                byte[] bytes = record.rdataToWireCanonical();
                if (java.util.Arrays.equals(bytes, wanted)) {
                    confirmed.add(nameText(name));
                    break;
                }
            }
        }
        return new ReverseDns(names.stream().map(DnsjavaResolver::nameText).toList(), confirmed, null);
    }

    /**
     * Looks up the TXT records at {@code name} within the lookup timeout (used for MTA-STS, RFC 8461 §3.1, and
     * TLS-RPT, RFC 8460 §3). The character-strings of one record are joined without separator.
     *
     * @param name A-label owner name, with or without trailing dot
     * @return {@link TxtLookup.Records}, {@link TxtLookup.None} for NXDOMAIN or no data, or {@link TxtLookup.Failed};
     *     never null
     * @throws IllegalArgumentException when {@code name} is not a syntactically valid DNS name
     */
    @Override
    public TxtLookup lookupTxt(String name) {
        Name owner = toName(name);
        Resolution txt = resolve(owner, Type.TXT, Deadline.after(lookupTimeout));
        if (txt.failure == DnsFailure.NXDOMAIN) {
            return new TxtLookup.None("NXDOMAIN");
        }
        if (txt.failure != null) {
            return new TxtLookup.Failed(txt.failure, nameText(owner) + " TXT: " + txt.detail);
        }
        if (txt.records.isEmpty()) {
            return new TxtLookup.None("no TXT records");
        }
        List<String> texts = new ArrayList<>();
        for (Record record : txt.records) {
            texts.add(String.join("", ((TXTRecord) record).getStrings()));
        }
        return new TxtLookup.Records(texts);
    }

    /**
     * Parses one resolver address as the constructor takes it.
     *
     * @throws IllegalArgumentException with a one-line reason when it is malformed or a name cannot be resolved
     */
    static InetSocketAddress parseServer(String server) {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("DNS server is empty");
        }
        ResolverAddress parsed;
        try {
            parsed = ResolverAddress.parse(server);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DNS server: " + e.getMessage(), e);
        }
        String host = parsed.host();
        int portNumber = parsed.port();
        InetAddress address = DomainNames.parseIpLiteral(host);
        if (address == null) {
            String name;
            try {
                name = DomainNames.hostToAscii(host);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DNS server: " + e.getMessage(), e);
            }
            try {
                address = InetAddress.getByName(name);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("DNS server " + DomainNames.quote(server) + " cannot be resolved");
            }
        }
        return new InetSocketAddress(address, portNumber);
    }

    /**
     * A dnsjava resolver for {@code servers} as this class builds its own (one {@link SimpleResolver}, or an
     * {@link ExtendedResolver} trying each server in turn), for other DNS users of the check (DANE's TLSA lookup).
     *
     * @param servers as for {@link #DnsjavaResolver(List, Duration, Duration)}; empty for the system's
     * @param queryTimeout the longest wait for one query
     * @throws IllegalArgumentException when a server is malformed or the timeout is not positive
     */
    public static Resolver newResolver(List<String> servers, Duration queryTimeout) {
        return buildResolver(Objects.requireNonNull(servers, "servers"), requirePositive(queryTimeout, "query timeout"));
    }

    private static Resolver buildResolver(List<String> servers, Duration queryTimeout) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String server : servers) {
            addresses.add(parseServer(server));
        }
        if (addresses.isEmpty()) {
            addresses.addAll(ResolverConfig.getCurrentConfig().servers());
        }
        if (addresses.isEmpty()) {
            Resolver fallback = Lookup.getDefaultResolver();
            fallback.setTimeout(queryTimeout);
            return fallback;
        }
        if (addresses.size() == 1) {
            return simpleResolver(addresses.get(0), queryTimeout);
        }
        // Share the query timeout so that every server gets its turn within it.
        Duration perServer = queryTimeout.dividedBy(addresses.size());
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            resolvers.add(simpleResolver(address, perServer));
        }
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setRetries(1);
        extended.setTimeout(queryTimeout);
        return extended;
    }

    private static SimpleResolver simpleResolver(InetSocketAddress address, Duration timeout) {
        SimpleResolver simple = new SimpleResolver(address);
        simple.setTimeout(timeout);
        simple.setIgnoreTruncation(false); // the default, stated: a TC answer is asked again over TCP
        return simple;
    }

    private static Duration requirePositive(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + timeout.toMillis() + " ms");
        }
        return timeout;
    }

    private static Name toName(String domain) {
        if (domain == null || domain.isEmpty()) {
            throw new IllegalArgumentException("domain name is empty");
        }
        try {
            Name name = Name.fromString(domain, Name.root);
            if (name.equals(Name.root)) {
                throw new IllegalArgumentException("domain name is the root");
            }
            return name;
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid DNS name: " + DomainNames.quote(domain) + " (" + e.getMessage() + ")");
        }
    }

    /** Lower case, no trailing dot. */
    static String nameText(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    // --- addresses of the MX targets ---

    private List<MxHost> resolveTargets(List<MXRecord> records, Deadline deadline) {
        List<Name> names = new ArrayList<>();
        for (MXRecord record : records) {
            if (DomainNames.parseIpLiteral(nameText(record.getTarget())) == null) {
                names.add(record.getTarget());
            }
        }
        Map<Name, MxHost> resolved = resolveNames(names, deadline);
        List<MxHost> hosts = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MXRecord record : records) {
            String text = nameText(record.getTarget());
            if (!seen.add(text)) {
                continue; // the same target twice ("10 mx" and "20 mx"): the lowest preference counts (sorted first)
            }
            InetAddress literal = DomainNames.parseIpLiteral(text);
            if (literal != null) {
                hosts.add(new MxHost(text, record.getPriority(), List.of(literal), List.of(), true, null, null));
            } else {
                MxHost host = resolved.get(record.getTarget());
                hosts.add(new MxHost(host.name(), record.getPriority(), host.addresses(), host.cnameChain(), false,
                        host.addressProblem(), host.addressFailure()));
            }
        }
        return hosts;
    }

    private MxHost resolveName(Name name, Deadline deadline) {
        return resolveNames(List.of(name), deadline).get(name);
    }

    /**
     * The A and AAAA records of each name (preference 0), all queried at once. Every query is a task of
     * its own, so no task waits for another and a full pool only delays, never blocks.
     */
    private Map<Name, MxHost> resolveNames(List<Name> names, Deadline deadline) {
        Map<Name, List<Future<Resolution>>> futures = new LinkedHashMap<>();
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.max(1, Math.min(MAX_PARALLEL_QUERIES, 2 * names.size())), daemonThreads());
        try {
            for (Name name : names) {
                if (!futures.containsKey(name)) {
                    futures.put(name, List.of(executor.submit(() -> resolve(name, Type.A, deadline)),
                            executor.submit(() -> resolve(name, Type.AAAA, deadline))));
                }
            }
            Map<Name, MxHost> hosts = new LinkedHashMap<>();
            for (Map.Entry<Name, List<Future<Resolution>>> entry : futures.entrySet()) {
                Resolution a = await(entry.getValue().get(0), deadline);
                Resolution aaaa = await(entry.getValue().get(1), deadline);
                hosts.put(entry.getKey(), toHost(entry.getKey(), a, aaaa));
            }
            return hosts;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Resolution await(Future<Resolution> future, Deadline deadline) {
        // A little grace: the query inside ends at the deadline itself and says why.
        Waited<Resolution> waited = deadline.plus(Duration.ofMillis(TimeBudget.DNS_ADDRESS_WAIT_GRACE_MILLIS))
                .await(future);
        if (waited instanceof Waited.Completed<Resolution> done) {
            return done.value();
        }
        if (waited instanceof Waited.Failed<Resolution> failed) {
            return Resolution.failed(DnsFailure.OTHER, "lookup failed", "lookup failed: " + failed.cause(), List.of());
        }
        if (waited instanceof Waited.TimedOut) {
            return Resolution.failed(DnsFailure.TIMEOUT, "timeout", "timeout", List.of());
        }
        return Resolution.failed(DnsFailure.OTHER, "interrupted", "interrupted", List.of());
    }

    private static MxHost toHost(Name name, Resolution a, Resolution aaaa) {
        List<InetAddress> addresses = new ArrayList<>();
        for (Record record : a.records) {
            addresses.add(plain(((ARecord) record).getAddress()));
        }
        for (Record record : aaaa.records) {
            addresses.add(ipv6(record));
        }
        List<String> chain = a.chain.size() >= aaaa.chain.size() ? a.chain : aaaa.chain;
        Resolution worst = rank(a) >= rank(aaaa) ? a : aaaa;
        String problem = addresses.isEmpty() ? addressProblem(worst) : null;
        DnsFailure failure = addresses.isEmpty() ? worst.failure : null;
        return new MxHost(nameText(name), 0, addresses, chain, false, problem, failure);
    }

    /**
     * The address of an AAAA record as IPv6, always: the JDK turns an IPv4-mapped address ({@code ::ffff:192.0.2.1})
     * into an IPv4 one, which would put it in the wrong family for -4/-6.
     */
    private static InetAddress ipv6(Record aaaa) {
        byte[] bytes = aaaa.rdataToWireCanonical();
        try {
            return java.net.Inet6Address.getByAddress(null, bytes, (java.net.NetworkInterface) null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("AAAA record of " + bytes.length + " octets from dnsjava", e);
        }
    }

    /** The address without the host name dnsjava attaches, so that it prints as the bare address. */
    private static InetAddress plain(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of illegal length from dnsjava", e);
        }
    }

    /** Why neither query gave an address: the more telling failure first, "no A or AAAA records" if none failed. */
    private static String addressProblem(Resolution worst) {
        return worst.failure == null ? "no A or AAAA records" : worst.problem;
    }

    private static int rank(Resolution r) {
        if (r.failure == null) {
            return 0;
        }
        switch (r.failure) {
            case NXDOMAIN:
                return 5;
            case SERVFAIL:
                return 3;
            case TIMEOUT:
                return 2;
            default:
                return r.cnameBroken ? 4 : 1;
        }
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "dns-lookup-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // --- one name and type, CNAMEs followed ---

    /**
     * The records of {@code type} at {@code name}, following CNAMEs within the answer and, when the resolver
     * stopped at an alias, by asking again for the alias's target.
     */
    private Resolution resolve(Name name, int type, Deadline deadline) {
        List<String> chain = new ArrayList<>();
        Set<Name> seen = new HashSet<>();
        seen.add(name);
        Name current = name;
        while (true) {
            Message response;
            try {
                response = send(current, type, deadline);
            } catch (QueryFailure e) {
                return Resolution.failed(e.failure, e.problem, e.getMessage(), chain);
            }
            List<Record> answer = response.getSection(Section.ANSWER);
            boolean followed = false;
            while (true) {
                List<Record> hits = new ArrayList<>();
                CNAMERecord alias = null;
                for (Record record : answer) {
                    if (record.getName().equals(current)) {
                        if (record.getType() == type) {
                            hits.add(record);
                        } else if (record.getType() == Type.CNAME && alias == null) {
                            alias = (CNAMERecord) record;
                        }
                    }
                }
                if (!hits.isEmpty()) {
                    return Resolution.ok(hits, chain);
                }
                if (alias == null) {
                    break;
                }
                Name target = alias.getTarget();
                chain.add(nameText(target));
                if (!seen.add(target)) {
                    return Resolution.cnameBroken("CNAME loop",
                            "CNAME loop: " + nameText(name) + " -> " + String.join(" -> ", chain), chain);
                }
                if (chain.size() > MAX_CNAME_LINKS) {
                    return Resolution.cnameBroken("CNAME chain longer than " + MAX_CNAME_LINKS,
                            "CNAME chain longer than " + MAX_CNAME_LINKS + " from " + nameText(name), chain);
                }
                current = target;
                followed = true;
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return Resolution.failed(DnsFailure.NXDOMAIN, "NXDOMAIN",
                        "NXDOMAIN (" + nameText(current) + " does not exist)", chain);
            }
            if (rcode == Rcode.SERVFAIL) {
                return Resolution.failed(DnsFailure.SERVFAIL, "SERVFAIL", "SERVFAIL (the resolver could not answer)", chain);
            }
            if (rcode != Rcode.NOERROR) {
                String text = Rcode.string(rcode);
                return Resolution.failed(DnsFailure.OTHER, text, text + " (RCODE " + rcode + ")", chain);
            }
            if (!followed) {
                return Resolution.ok(List.of(), chain); // NOERROR, no data
            }
            // The answer ended at an alias without its data: ask for the alias's target.
        }
    }

    private Message send(Name name, int type, Deadline deadline) throws QueryFailure {
        if (deadline.expired()) {
            throw new QueryFailure(DnsFailure.TIMEOUT, "timeout", "lookup took longer than "
                    + lookupTimeout.toMillis() + " ms before " + nameText(name) + " " + Type.string(type) + " was asked");
        }
        Deadline query = deadline.limit(queryTimeout);
        long wait = query.remaining().toNanos();
        CompletableFuture<Message> future =
                resolver.sendAsync(Message.newQuery(Record.newRecord(name, type, DClass.IN))).toCompletableFuture();
        Waited<Message> waited = query.await(future);
        if (waited instanceof Waited.Completed<Message> done) {
            return done.value();
        }
        if (waited instanceof Waited.TimedOut) {
            throw timeout(name, type, wait);
        }
        if (waited instanceof Waited.Failed<Message> failed) {
            Throwable cause = failed.cause();
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || (cause instanceof IOException && String.valueOf(cause.getMessage()).startsWith("Timed out"))) {
                throw timeout(name, type, wait);
            }
            if (cause instanceof java.net.PortUnreachableException || cause instanceof java.net.ConnectException) {
                // Nothing listens on the resolver's port: the checking side's fault, not the domain's.
                throw new QueryFailure(DnsFailure.OTHER, "resolver unreachable",
                        "the resolver does not answer on its port (ICMP port unreachable or connection refused)");
            }
            throw new QueryFailure(DnsFailure.OTHER, "network error", "network error: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        throw new QueryFailure(DnsFailure.OTHER, "interrupted", "interrupted");
    }

    private static QueryFailure timeout(Name name, int type, long waitNanos) {
        return new QueryFailure(DnsFailure.TIMEOUT, "timeout", "timeout (no answer to " + nameText(name) + " "
                + Type.string(type) + " within " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms)");
    }

    /**
     * One resolved name and type.
     *
     * @param records the records of the asked type at the end of the chain; empty for NODATA or a failure
     * @param chain the CNAME targets followed
     * @param failure null when the name resolved (possibly to no data)
     * @param problem the short problem for {@link MxHost#addressProblem()}
     * @param detail the longer text for {@link MxLookup.Failed#detail()}
     */
    private static final class Resolution {
        final List<Record> records;
        final List<String> chain;
        final DnsFailure failure;
        final String problem;
        final String detail;
        /** True when the CNAME chain itself is broken (a loop, or too long): a fault of the name's owner. */
        final boolean cnameBroken;

        private Resolution(List<Record> records, List<String> chain, DnsFailure failure, String problem, String detail,
                boolean cnameBroken) {
            this.records = List.copyOf(records);
            this.chain = List.copyOf(chain);
            this.failure = failure;
            this.problem = problem;
            this.detail = detail;
            this.cnameBroken = cnameBroken;
        }

        static Resolution ok(List<Record> records, List<String> chain) {
            return new Resolution(records, chain, null, null, null, false);
        }

        static Resolution failed(DnsFailure failure, String problem, String detail, List<String> chain) {
            return new Resolution(List.of(), chain, failure, problem, detail, false);
        }

        static Resolution cnameBroken(String problem, String detail, List<String> chain) {
            return new Resolution(List.of(), chain, DnsFailure.OTHER, problem, detail, true);
        }
    }

    /** A query that got no usable answer; internal, never leaves this class. */
    private static final class QueryFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final DnsFailure failure;
        final String problem;

        QueryFailure(DnsFailure failure, String problem, String detail) {
            super(detail, null, false, false);
            this.failure = failure;
            this.problem = problem;
        }
    }
}
