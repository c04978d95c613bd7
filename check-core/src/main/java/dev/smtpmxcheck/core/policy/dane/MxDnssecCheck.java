package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Severity;
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
 * The DNSSEC step of the MX lookup (RFC 7672 §2.2.1, RFC 4035 §4.3, §5.5): while the SMTP probes run, asks a
 * validating {@link DnssecResolver} about the domain's MX RRset and each MX host's address records, then judges:
 *
 * <ul>
 *   <li>a BOGUS MX RRset (or proof of none) → MX_DNSSEC_BOGUS, CRITICAL: validating resolvers answer SERVFAIL, so
 *       senders behind them find no mail host at all;</li>
 *   <li>BOGUS address records of an MX host → MX_HOST_DNSSEC_BOGUS on the host: WARNING while another MX host's
 *       addresses are not bogus (senders try the next MX, RFC 5321 §5.1), CRITICAL when none is left;</li>
 *   <li>SECURE, INSECURE and INDETERMINATE are facts, not findings (INDETERMINATE is the checker's side: its resolver
 *       gave nothing to validate, or a trusted validating resolver answered SERVFAIL).</li>
 * </ul>
 *
 * Hosts given as IP literals have no address records and are skipped.
 */
public final class MxDnssecCheck {
    private final DnssecResolver resolver;

    /** @param resolver the validating side */
    public MxDnssecCheck(DnssecResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * What the step found.
     *
     * @param mx the status of the MX lookup, or null when the domain's MX was not asked ({@code -H})
     * @param reports the MX reports, each validated host with its {@link MxReport#addressDnssec()}
     * @param findings MX_DNSSEC_BOGUS and MX_HOST_DNSSEC_BOGUS, possibly none
     */
    public record Outcome(DnssecFacts mx, List<MxReport> reports, List<Finding> findings) {
        public Outcome {
            reports = List.copyOf(reports);
            findings = List.copyOf(findings);
        }
    }

    /** Validations under way. */
    public final class Pending {
        private final String domain;
        private final CompletableFuture<DnssecFacts> mx;
        private final Map<String, CompletableFuture<DnssecFacts>> hosts;
        private final ExecutorService pool;

        private Pending(String domain, CompletableFuture<DnssecFacts> mx,
                Map<String, CompletableFuture<DnssecFacts>> hosts, ExecutorService pool) {
            this.domain = domain;
            this.mx = mx;
            this.hosts = hosts;
            this.pool = pool;
        }

        /**
         * Waits for the validations (at most until {@code deadline}; one still running then is INDETERMINATE) and
         * judges them.
         *
         * @param reports the probed MX hosts
         */
        public Outcome finish(List<MxReport> reports, Deadline deadline) {
            try {
                DnssecFacts mxFacts = mx == null ? null : await(mx, deadline);
                Map<String, DnssecFacts> facts = new LinkedHashMap<>();
                hosts.forEach((host, future) -> facts.put(host, await(future, deadline)));
                List<MxReport> out = new ArrayList<>();
                for (MxReport r : reports) {
                    DnssecFacts f = facts.get(r.host());
                    out.add(f == null ? r : r.withAddressDnssec(f));
                }
                return new Outcome(mxFacts, out, judge(domain, mxFacts, out));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Starts the validations on threads of their own.
     *
     * @param domain the domain whose MX RRset is validated, or null for none ({@code -H})
     * @param hosts MX host names with addresses (lower-case A-labels); IP literals and repeats are skipped
     */
    public Pending start(String domain, List<String> hosts) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, hosts.size() + 1)), r -> {
            Thread t = new Thread(r, "dnssec-lookup");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<DnssecFacts> mx = domain == null ? null
                : CompletableFuture.supplyAsync(() -> resolver.validateMx(domain), pool);
        Map<String, CompletableFuture<DnssecFacts>> futures = new LinkedHashMap<>();
        for (String host : hosts) {
            if (!DomainNames.isIpLiteral(host) && !futures.containsKey(host)) {
                futures.put(host, CompletableFuture.supplyAsync(() -> resolver.validateAddresses(host), pool));
            }
        }
        return new Pending(domain, mx, futures, pool);
    }

    /**
     * The findings of the statuses (pure).
     *
     * @param domain the domain, subject of MX_DNSSEC_BOGUS; may be null when {@code mx} is null
     * @param mx the status of the MX lookup, or null when not asked
     * @param reports the MX reports with their {@link MxReport#addressDnssec()} (null where not validated)
     */
    static List<Finding> judge(String domain, DnssecFacts mx, List<MxReport> reports) {
        List<Finding> findings = new ArrayList<>();
        if (mx != null && mx.status() == DnssecStatus.BOGUS) {
            findings.add(Finding.of(FindingCode.MX_DNSSEC_BOGUS, domain, "the MX records of " + domain
                    + " fail DNSSEC validation (bogus): " + ValidationReasons.summarize(mx.detail())
                    + "; validating resolvers answer SERVFAIL, so senders behind them cannot find the mail hosts"));
        }
        boolean anyUsable = reports.stream().anyMatch(r -> !r.addresses().isEmpty()
                && (r.addressDnssec() == null || r.addressDnssec().status() != DnssecStatus.BOGUS));
        for (MxReport r : reports) {
            if (r.addressDnssec() != null && r.addressDnssec().status() == DnssecStatus.BOGUS) {
                findings.add(Finding.of(FindingCode.MX_HOST_DNSSEC_BOGUS, anyUsable ? Severity.WARNING : Severity.CRITICAL,
                        r.host(), "the address records of " + r.host() + " fail DNSSEC validation (bogus): "
                                + ValidationReasons.summarize(r.addressDnssec().detail()) + "; senders behind validating resolvers cannot reach this MX"
                                + (anyUsable ? " (another MX host still validates)" : " nor any other")));
            }
        }
        return findings;
    }

    private static DnssecFacts await(CompletableFuture<DnssecFacts> future, Deadline deadline) {
        Waited<DnssecFacts> waited = deadline.await(future);
        if (waited instanceof Waited.Completed<DnssecFacts> done) {
            return done.value();
        }
        if (waited instanceof Waited.Failed<DnssecFacts> failed) {
            return new DnssecFacts(DnssecStatus.INDETERMINATE, "internal error: " + failed.cause());
        }
        if (waited instanceof Waited.TimedOut) {
            return new DnssecFacts(DnssecStatus.INDETERMINATE, "no answer within the overall timeout");
        }
        return new DnssecFacts(DnssecStatus.INDETERMINATE, "interrupted");
    }
}
