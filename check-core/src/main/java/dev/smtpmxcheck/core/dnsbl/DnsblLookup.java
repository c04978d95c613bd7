package dev.smtpmxcheck.core.dnsbl;

import dev.smtpmxcheck.core.report.DnsblFacts;
import dev.smtpmxcheck.core.report.DnsblResult;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.Waited;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks up one MX address in DNS blocklists (DNSBL, RFC 5782) through the check's resolvers: one A query per list,
 * all sent at once when the address's probe starts, then one TXT query per listing for the list's reason (RFC 5782
 * §2.1). Nothing here waits on its own: {@link Pending#finish} waits until the deadline it is given, so the queries
 * run while the address is probed.
 */
public final class DnsblLookup {

    /** Starts the blocklist queries of one address; {@link DnsblLookup#start} in production, a fake in tests. */
    @FunctionalInterface
    public interface Starter {
        /**
         * @param address the MX address
         * @return the lookups under way
         */
        Pending start(InetAddress address);
    }

    /** The blocklist queries of one address, under way. */
    @FunctionalInterface
    public interface Pending {
        /**
         * Waits for the answers until {@code end}, asks each list that lists the address for its reason (TXT) within
         * the same deadline, and judges them ({@link DnsblCodes#judge}).
         *
         * @param end the latest time to wait; an A query without answer by then is {@link DnsblResult.Why#TIMEOUT},
         *     a listing whose TXT query has not answered keeps no reason
         * @return one result per list, in the order of the lists; never null
         */
        DnsblFacts finish(Deadline end);
    }

    private final Resolver resolver;
    private final List<String> zones;

    /**
     * @param resolver the check's resolver ({@code -s}), with its query timeout set
     * @param zones the list zones, lower-case A-labels without trailing dot
     */
    public DnsblLookup(Resolver resolver, List<String> zones) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.zones = List.copyOf(zones);
    }

    /**
     * Sends the A query of every list for {@code address}.
     *
     * @param address the MX address
     * @return the lookups under way
     */
    public Pending start(InetAddress address) {
        List<String> names = new ArrayList<>();
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        for (String zone : zones) {
            String name = DnsblQuery.name(address, zone);
            names.add(name);
            answers.add(send(name, Type.A));
        }
        return end -> finish(names, answers, end);
    }

    private DnsblFacts finish(List<String> names, List<CompletableFuture<Message>> answers, Deadline end) {
        List<DnsblResult> results = new ArrayList<>();
        List<CompletableFuture<Message>> reasons = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            DnsblResult result = judge(zones.get(i), names.get(i), end.await(answers.get(i)));
            results.add(result);
            reasons.add(result instanceof DnsblResult.Listed ? send(names.get(i), Type.TXT) : null);
        }
        for (int i = 0; i < results.size(); i++) {
            if (reasons.get(i) != null && results.get(i) instanceof DnsblResult.Listed listed) {
                results.set(i, new DnsblResult.Listed(listed.zone(), listed.query(), listed.codes(), listed.meanings(),
                        reason(end.await(reasons.get(i)))));
            }
        }
        return new DnsblFacts(results);
    }

    private CompletableFuture<Message> send(String name, int type) {
        try {
            Record question = Record.newRecord(Name.fromString(name + "."), type, DClass.IN);
            return resolver.sendAsync(Message.newQuery(question)).toCompletableFuture();
        } catch (TextParseException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The result of one list from what became of its A query. */
    static DnsblResult judge(String zone, String name, Waited<Message> waited) {
        if (waited instanceof Waited.Completed<Message> done) {
            Message response = done.value();
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new DnsblResult.NotListed(zone, name);
            }
            if (rcode != Rcode.NOERROR) {
                return new DnsblResult.Unchecked(zone, name, DnsblResult.Why.DNS_ERROR, List.of(),
                        name + " A: " + Rcode.string(rcode) + " (the resolver or the list refused or could not answer)");
            }
            List<InetAddress> records = new ArrayList<>();
            for (Record record : response.getSection(Section.ANSWER)) {
                if (record instanceof ARecord a) {
                    records.add(a.getAddress());
                }
            }
            return DnsblCodes.judge(zone, name, records, null);
        }
        if (waited instanceof Waited.Failed<Message> failed) {
            Throwable cause = failed.cause();
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || (cause instanceof IOException && String.valueOf(cause.getMessage()).startsWith("Timed out"))) {
                return timeout(zone, name);
            }
            return new DnsblResult.Unchecked(zone, name, DnsblResult.Why.DNS_ERROR, List.of(), name + " A: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        if (waited instanceof Waited.TimedOut) {
            return timeout(zone, name);
        }
        return new DnsblResult.Unchecked(zone, name, DnsblResult.Why.DNS_ERROR, List.of(), name + " A: interrupted");
    }

    private static DnsblResult timeout(String zone, String name) {
        return new DnsblResult.Unchecked(zone, name, DnsblResult.Why.TIMEOUT, List.of(),
                name + " A: no answer before the deadline");
    }

    /** The longest reason quoted, in characters; a list's TXT record is outside data. */
    static final int MAX_REASON_CHARS = 300;

    /**
     * The TXT records of a listing joined with " / ", control characters replaced by spaces and cut at
     * {@value #MAX_REASON_CHARS} characters, or null when there is none or the query failed.
     */
    static String reason(Waited<Message> waited) {
        if (!(waited instanceof Waited.Completed<Message> done) || done.value().getRcode() != Rcode.NOERROR) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (Record record : done.value().getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                texts.add(String.join("", txt.getStrings()));
            }
        }
        if (texts.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        String joined = String.join(" / ", texts);
        for (int i = 0; i < joined.length() && sb.length() < MAX_REASON_CHARS; i++) {
            char ch = joined.charAt(i);
            sb.append(Character.isISOControl(ch) ? ' ' : ch);
        }
        return sb.length() < joined.length() ? sb + "..." : sb.toString();
    }
}
