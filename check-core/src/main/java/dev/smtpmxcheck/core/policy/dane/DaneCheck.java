package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.MxReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The DANE step of a check (RFC 7672): looks up every MX host's TLSA records while the SMTP probes run, then
 * judges each host with {@link DaneJudge} once its addresses' chains are known. Hosts given as IP literals have
 * no TLSA name and are skipped.
 */
public final class DaneCheck {
    private final TlsaResolver resolver;
    private final Clock clock;

    /**
     * @param resolver where the TLSA records come from
     * @param clock the time source for the deadline
     */
    public DaneCheck(TlsaResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        public List<MxReport> finish(List<MxReport> reports, Instant deadline, List<Finding> findings) {
            try {
                List<MxReport> out = new ArrayList<>();
                for (MxReport mx : reports) {
                    CompletableFuture<TlsaLookup> future = lookups.get(mx.host());
                    if (future == null) {
                        out.add(mx);
                        continue;
                    }
                    DaneJudge.Judged judged = DaneJudge.judge(mx, await(mx.host(), future, deadline));
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
                lookups.put(host, CompletableFuture.supplyAsync(() -> resolver.lookup(host), pool));
            }
        }
        return new Pending(lookups, pool);
    }

    private TlsaLookup await(String host, CompletableFuture<TlsaLookup> future, Instant deadline) {
        String tlsaName = "_25._tcp." + host;
        long wait = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
        try {
            return future.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new TlsaLookup(tlsaName, host, DnssecStatus.INDETERMINATE,
                    "no answer within the overall timeout", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TlsaLookup(tlsaName, host, DnssecStatus.INDETERMINATE, "interrupted", List.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new TlsaLookup(tlsaName, host, DnssecStatus.INDETERMINATE, "internal error: " + cause, List.of());
        }
    }
}
