package dev.smtpmxcheck.core.diagnostics;

import dev.smtpmxcheck.core.dns.ReverseDnsFindings;
import dev.smtpmxcheck.core.dnsbl.DnsblLookup;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.time.Waited;
import dev.smtpmxcheck.core.tls.TlsVersionFindings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The deeper per-address diagnostics around the main probe: the reverse DNS of the address and the opt-in blocklist
 * lookups (DNSBL), both looked up while the main probe runs, and the opt-in TLS version scan, run after it; then the
 * findings of the scan and the reverse DNS, and the IPv4/IPv6 parity of each MX host.
 *
 * <p>The extras end {@value TimeBudget#DIAGNOSTICS_RESERVE_MILLIS} ms before the probe's deadline, so that they
 * never cost the main
 * probe its result. A reverse lookup that has not answered by then is reported as failed ("timeout").
 */
public final class AddressDiagnostics {
    /** The TLS version scan of one address; {@code TlsVersionScanner#scan} in production. */
    @FunctionalInterface
    public interface TlsScan {
        /**
         * @param mxName MX host name without trailing dot
         * @param address the address
         * @param deadline return by then
         */
        TlsVersionScan scan(String mxName, InetAddress address, Deadline deadline);
    }

    private final TlsScan tlsScan;
    private final Function<InetAddress, ReverseDns> reverse;
    private final DnsblLookup.Starter dnsbl;

    /**
     * Diagnostics without blocklist lookups.
     *
     * @param tlsScan the version scan, or null when it is not to run
     * @param reverse the reverse lookup (never throwing, null meaning "not looked up"), or null when it is not to run
     */
    public AddressDiagnostics(TlsScan tlsScan, Function<InetAddress, ReverseDns> reverse) {
        this(tlsScan, reverse, null);
    }

    /**
     * @param tlsScan the version scan, or null when it is not to run
     * @param reverse the reverse lookup (never throwing, null meaning "not looked up"), or null when it is not to run
     * @param dnsbl the blocklist lookups (DNSBL, RFC 5782), started with the probe and joined after it, or null when
     *     no list is to be asked
     */
    public AddressDiagnostics(TlsScan tlsScan, Function<InetAddress, ReverseDns> reverse, DnsblLookup.Starter dnsbl) {
        this.tlsScan = tlsScan;
        this.reverse = reverse;
        this.dnsbl = dnsbl;
    }

    /**
     * Runs the main probe with the extras around it.
     *
     * @param mxName MX host name without trailing dot
     * @param address the address
     * @param deadline the probe's deadline
     * @param probe the main probe of the address
     * @return the probe's report, with the reverse DNS, the blocklist lookups and the TLS version scan when they ran
     */
    public AddressReport run(String mxName, InetAddress address, Deadline deadline, Supplier<AddressReport> probe) {
        Deadline end = deadline.minus(Duration.ofMillis(TimeBudget.DIAGNOSTICS_RESERVE_MILLIS));
        CompletableFuture<ReverseDns> ptr = reverse == null ? null : CompletableFuture.supplyAsync(
                () -> reverse.apply(address), runnable -> daemon(runnable).start());
        DnsblLookup.Pending lists = dnsbl == null ? null : dnsbl.start(address);
        AddressReport report = probe.get();
        if (tlsScan != null && offersStartTls(report)) {
            // Asked for but out of time: say so per version rather than leave tlsVersions out.
            report = report.withTlsVersions(!end.expired() ? tlsScan.scan(mxName, address, end)
                    : notRun("not tried: too little time left before the deadline"));
        }
        if (ptr != null) {
            report = report.withReverseDns(await(ptr, end));
        }
        if (lists != null) {
            report = report.withDnsbl(lists.finish(end));
        }
        return report;
    }

    /**
     * The findings of one address's extras: TLS versions and weak key exchange ({@link TlsVersionFindings}),
     * reverse DNS ({@link ReverseDnsFindings}), then DIAGNOSTIC_INCOMPLETE when an opt-in diagnostic asked for did
     * not run in full ({@link IncompleteDiagnostics}).
     *
     * @param mxName MX host name without trailing dot
     * @param a the address report
     */
    public static List<Finding> addressFindings(String mxName, AddressReport a) {
        String subject = Subjects.address(mxName, a.address(), a.port());
        List<Finding> out = new ArrayList<>(TlsVersionFindings.of(subject, a.tlsVersions()));
        String greetingHost = a.greeting() == null ? null : a.greeting().announcedHost();
        out.addAll(ReverseDnsFindings.of(subject, mxName, greetingHost, a.reverseDns()));
        IncompleteDiagnostics.of(subject, a).ifPresent(out::add);
        return out;
    }

    /** Each host report with its {@link FamilyParityJudge#compare parity facts}. */
    public static List<MxReport> withParity(List<MxReport> reports) {
        return reports.stream().map(m -> m.withParity(FamilyParityJudge.compare(m.addresses()))).toList();
    }

    /**
     * The parity findings of every host, then NO_IPV6_MX when IPv6 was probed too.
     *
     * @param domain the checked domain
     * @param reports the host reports, with parity facts
     * @param bothFamilies true when the options allowed both address families (no -4 or -6)
     */
    public static List<Finding> hostFindings(String domain, List<MxReport> reports, boolean bothFamilies) {
        List<Finding> out = new ArrayList<>();
        for (MxReport m : reports) {
            out.addAll(FamilyParityJudge.findings(m));
        }
        if (bothFamilies) {
            out.addAll(FamilyParityJudge.noIpv6(domain, reports));
        }
        return out;
    }

    /** A scan none of whose handshakes was tried, each version UNKNOWN with {@code reason}. */
    static TlsVersionScan notRun(String reason) {
        List<TlsVersionScan.VersionResult> versions = new ArrayList<>();
        for (String v : List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
            versions.add(new TlsVersionScan.VersionResult(v, TlsVersionScan.Outcome.UNKNOWN, null, reason));
        }
        return new TlsVersionScan(versions, null, null, "unknown: " + reason);
    }

    private static boolean offersStartTls(AddressReport a) {
        return a.ehlo() != null && a.ehlo().keywords().stream().map(EhloKeyword::keyword)
                .anyMatch("STARTTLS"::equalsIgnoreCase);
    }

    private static ReverseDns await(CompletableFuture<ReverseDns> ptr, Deadline end) {
        Waited<ReverseDns> waited = end.await(ptr);
        if (waited instanceof Waited.Completed<ReverseDns> done) {
            return done.value();
        }
        if (waited instanceof Waited.Failed<ReverseDns> failed) {
            return new ReverseDns(List.of(), List.of(), "lookup failed: " + failed.cause());
        }
        if (waited instanceof Waited.TimedOut) {
            return new ReverseDns(List.of(), List.of(), "timeout (no answer before the probe's deadline)");
        }
        return null; // interrupted: the check is being abandoned
    }

    private static Thread daemon(Runnable runnable) {
        Thread t = new Thread(runnable, "ptr-lookup");
        t.setDaemon(true);
        return t;
    }
}
