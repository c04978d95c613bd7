package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.Waited;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The DANE step of a check (RFC 7672): looks up every MX host's TLSA records for the port probed while the SMTP probes
 * run, then
 * judges each host with {@link DaneJudge} once its addresses' chains are known. Hosts given as IP literals have
 * no TLSA name and are skipped.
 */
public final class DaneCheck {
    private final TlsaResolver resolver;
    private final int port;

    /**
     * @param resolver where the TLSA records come from
     * @param port the SMTP port probed: TLSA records are looked up at {@code _<port>._tcp.<host>} (RFC 6698 §3)
     * @throws IllegalArgumentException when the port is not 1 to 65535
     */
    public DaneCheck(TlsaResolver resolver, int port) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1 to 65535");
        }
        this.port = port;
    }

    /** TLSA lookups under way, one per host. */
    public final class Pending {
        private final Map<String, CompletableFuture<TlsaLookup>> lookups;
        private final ExecutorService pool;

        private Pending(Map<String, CompletableFuture<TlsaLookup>> lookups, ExecutorService pool) {
            this.lookups = lookups;
            this.pool = pool;
        }

        /**
         * Waits for the lookups (at most until {@code deadline}) and judges each host.
         *
         * @param reports the probed MX hosts
         * @param deadline when to stop waiting; a lookup still running then is {@link DnssecStatus#INDETERMINATE}
         * @param findings where the DANE findings are appended
         * @return {@code reports}, each host that was looked up with its {@link MxReport#dane()}
         */
        public List<MxReport> finish(List<MxReport> reports, Deadline deadline, List<Finding> findings) {
            try {
                List<MxReport> out = new ArrayList<>();
                for (MxReport mx : reports) {
                    CompletableFuture<TlsaLookup> future = lookups.get(mx.host());
                    if (future == null) {
                        out.add(mx);
                        continue;
                    }
                    DaneJudge.Judged judged = DaneJudge.judge(mx, await(mx.host(), port, future, deadline));
                    findings.addAll(judged.findings());
                    out.add(mx.withDane(judged.report()));
                }
                return out;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Starts the TLSA lookups of {@code hosts} on threads of their own.
     *
     * @param hosts MX host names (lower-case A-labels, no trailing dot); IP literals and repeats are skipped
     */
    public Pending start(List<String> hosts) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, hosts.size())), r -> {
            Thread t = new Thread(r, "dane-lookup");
            t.setDaemon(true);
            return t;
        });
        Map<String, CompletableFuture<TlsaLookup>> lookups = new LinkedHashMap<>();
        for (String host : hosts) {
            if (!DomainNames.isIpLiteral(host) && !lookups.containsKey(host)) {
                lookups.put(host, CompletableFuture.supplyAsync(() -> resolver.lookup(host, port), pool));
            }
        }
        return new Pending(lookups, pool);
    }

    private static TlsaLookup await(String host, int port, CompletableFuture<TlsaLookup> future, Deadline deadline) {
        String tlsaName = "_" + port + "._tcp." + host;
        Waited<TlsaLookup> waited = deadline.await(future);
        if (waited instanceof Waited.Completed<TlsaLookup> done) {
            return done.value();
        }
        String why;
        if (waited instanceof Waited.Failed<TlsaLookup> failed) {
            why = "internal error: " + failed.cause();
        } else if (waited instanceof Waited.TimedOut) {
            why = "no answer within the overall timeout";
        } else {
            why = "interrupted";
        }
        return new TlsaLookup(tlsaName, host, DnssecStatus.INDETERMINATE, why, List.of());
    }
}
