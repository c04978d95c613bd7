package dev.smtpmxcheck.core.diagnostics;

import dev.smtpmxcheck.core.dns.ReverseDnsFindings;
import dev.smtpmxcheck.core.dnsbl.DnsblLookup;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.SessionSample;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The opt-in diagnostics of one address, around the main probe (the "diagnostics" of this package are these and
 * nothing else): the reverse DNS of the address and the blocklist lookups (DNSBL), looked up while the main probe
 * runs, and the TLS version scan, run after it; then the findings of the scan and the reverse DNS (the blocklists have
 * their own, {@code DnsblFindings}). The IPv4/IPv6 parity of a host lives in {@code family}.
 *
 * <p>All end {@value TimeBudget#DIAGNOSTICS_RESERVE_MILLIS} ms before the probe's deadline, so that they never cost
 * the main probe its result. A reverse lookup that has not answered by then is reported as failed ("timeout"); a
 * scan that had no time left is reported with every version not tried.
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
    private final Session session;
    private final int sessions;

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
        this(tlsScan, reverse, dnsbl, null, 1);
    }

    /**
     * @param tlsScan the version scan, or null when it is not to run
     * @param reverse the reverse lookup (never throwing, null meaning "not looked up"), or null when it is not to run
     * @param dnsbl the blocklist lookups, or null when no list is to be asked
     * @param session one more session to the address without the relay probe ({@code --probes N}), or null
     * @param sessions how many sessions in all, the main probe included (1 to
     *     {@value dev.smtpmxcheck.core.CheckOptions.DiagnosticOptions#MAX_SESSIONS}); more than 1 needs {@code session}
     */
    public AddressDiagnostics(TlsScan tlsScan, Function<InetAddress, ReverseDns> reverse, DnsblLookup.Starter dnsbl,
            Session session, int sessions) {
        this.tlsScan = tlsScan;
        this.reverse = reverse;
        this.dnsbl = dnsbl;
        if (sessions > 1 && session == null) {
            throw new IllegalArgumentException(sessions + " sessions per address asked for without a session probe");
        }
        this.session = session;
        this.sessions = sessions;
    }

    /** One more session to an address, without the relay probe; {@code SmtpProbe#probe} in production. */
    @FunctionalInterface
    public interface Session {
        /**
         * @param mxName MX host name without trailing dot
         * @param address the address
         * @param deadline return by then
         */
        AddressReport probe(String mxName, InetAddress address, Deadline deadline);
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
        if (sessions > 1) {
            report = report.withSessions(Outcome.done(samples(mxName, address, end, report)));
        }
        if (tlsScan != null) {
            report = report.withTlsVersions(!offersStartTls(report) ? Outcome.notRun(report.ehlo().isDone()
                            ? NotRunReason.NOT_OFFERED : NotRunReason.SKIPPED_AFTER_FAILURE)
                    : !end.expired() ? Outcome.done(tlsScan.scan(mxName, address, end))
                    : Outcome.done(TlsVersionScan.notTried(TlsVersionScan.NO_TIME_LEFT)));
        }
        if (ptr != null) {
            ReverseDns found = await(ptr, end);
            report = report.withReverseDns(found == null ? Outcome.notRun(NotRunReason.NO_TIME_LEFT)
                    : Outcome.done(found));
        }
        if (lists != null) {
            report = report.withDnsbl(Outcome.done(lists.finish(end)));
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
        List<Finding> out = new ArrayList<>(TlsVersionFindings.of(subject, a.tlsVersions().seen().orElse(null)));
        String greetingHost = a.greeting().seen().map(Greeting::announcedHost).orElse(null);
        out.addAll(ReverseDnsFindings.of(subject, mxName, greetingHost, a.reverseDns().seen().orElse(null)));
        a.sessions().seen().flatMap(samples -> SessionComparison.of(subject, samples)).ifPresent(out::add);
        IncompleteDiagnostics.of(subject, a).ifPresent(out::add);
        return out;
    }

    /**
     * The main probe's sample, then up to {@code sessions - 1} more sessions, each after a pause of
     * min(1 s, time left / (2 × sessions)) so that they spread over the time left; a session is not started when
     * less than {@value TimeBudget#TLS_SCAN_ATTEMPT_MIN_MILLIS} ms are left.
     */
    private List<SessionSample> samples(String mxName, InetAddress address, Deadline end, AddressReport main) {
        List<SessionSample> out = new ArrayList<>();
        out.add(SessionSample.of(main));
        for (int i = 1; i < sessions; i++) {
            long pause = Math.min(1000, end.remainingMillis() / (2L * sessions));
            if (pause > 0) {
                end.await(CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS)));
            }
            if (end.remainingMillis() < TimeBudget.TLS_SCAN_ATTEMPT_MIN_MILLIS) {
                break;
            }
            out.add(SessionSample.of(session.probe(mxName, address, end)));
        }
        return out;
    }

    private static boolean offersStartTls(AddressReport a) {
        return a.ehlo().seen().filter(e -> e.has("STARTTLS")).isPresent();
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
