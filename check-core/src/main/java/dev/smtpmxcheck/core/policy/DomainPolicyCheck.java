package dev.smtpmxcheck.core.policy;

import dev.smtpmxcheck.core.dns.DnsFailure;
import dev.smtpmxcheck.core.dns.TxtLookup;
import dev.smtpmxcheck.core.dns.TxtResolver;
import dev.smtpmxcheck.core.policy.mtasts.MtaStsCheck;
import dev.smtpmxcheck.core.policy.mtasts.StsDiscovery;
import dev.smtpmxcheck.core.policy.mtasts.StsJudge;
import dev.smtpmxcheck.core.policy.tlsrpt.TlsRptJudge;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.TlsRptFacts;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.time.Waited;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The per-domain transport-security policies, MTA-STS (RFC 8461) and TLS-RPT (RFC 8460), as one step of the check:
 * {@link #start} runs the DNS lookups and the policy fetch in the background while the SMTP probes run;
 * {@link Pending#finish} judges them against the probed MX hosts.
 */
public final class DomainPolicyCheck {
    private final TxtResolver txt;
    private final MtaStsCheck mtaSts;
    private final boolean checkMtaSts;
    private final boolean checkTlsRpt;

    /**
     * @param txt the TXT resolver
     * @param mtaSts the MTA-STS discovery (TXT and HTTPS)
     * @param checkMtaSts whether MTA-STS is checked
     * @param checkTlsRpt whether TLS-RPT is checked
     */
    public DomainPolicyCheck(TxtResolver txt, MtaStsCheck mtaSts, boolean checkMtaSts, boolean checkTlsRpt) {
        this.txt = txt;
        this.mtaSts = mtaSts;
        this.checkMtaSts = checkMtaSts;
        this.checkTlsRpt = checkTlsRpt;
    }

    /**
     * The judged policies.
     *
     * @param mtaSts the MTA-STS facts, or null when not checked
     * @param tlsRpt the TLS-RPT facts, or null when not checked
     * @param findings the findings of both
     */
    public record Outcome(MtaStsFacts mtaSts, TlsRptFacts tlsRpt, List<Finding> findings) {
        public Outcome {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Starts the lookups (and the fetch) for {@code domain} in the background.
     *
     * @param domain A-labels without trailing dot
     * @param deadline the lookups and the fetch end by then
     */
    public Pending start(String domain, Deadline deadline) {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "policy-lookup");
            t.setDaemon(true);
            return t;
        });
        Future<StsDiscovery> sts = checkMtaSts ? pool.submit(() -> mtaSts.discover(domain, deadline)) : null;
        Future<TxtLookup> rpt = checkTlsRpt ? pool.submit(() -> txt.lookupTxt("_smtp._tls." + domain)) : null;
        pool.shutdown();
        return new Pending(domain, deadline, sts, rpt, pool);
    }

    /** Lookups under way for one domain. */
    public static final class Pending {
        private final String domain;
        private final Deadline deadline;
        private final Future<StsDiscovery> sts;
        private final Future<TxtLookup> rpt;
        private final ExecutorService pool;

        Pending(String domain, Deadline deadline, Future<StsDiscovery> sts, Future<TxtLookup> rpt,
                ExecutorService pool) {
            this.domain = domain;
            this.deadline = deadline;
            this.sts = sts;
            this.rpt = rpt;
            this.pool = pool;
        }

        /**
         * Waits for the lookups (at most until the deadline) and judges them.
         *
         * @param mx the probed MX hosts
         * @param now the time certificates are judged at
         */
        public Outcome finish(List<MxReport> mx, Instant now) {
            try {
                List<Finding> findings = new ArrayList<>();
                MtaStsFacts stsFacts = null;
                TlsRptFacts rptFacts = null;
                if (sts != null) {
                    String stsName = "_mta-sts." + domain;
                    StsDiscovery discovery = await(sts, () -> new StsDiscovery(timedOut(stsName), null),
                            why -> new StsDiscovery(failed(stsName, why), null));
                    StsJudge.Judgement j = StsJudge.judge(domain, discovery, mx, now);
                    stsFacts = j.facts();
                    findings.addAll(j.findings());
                }
                if (rpt != null) {
                    String rptName = "_smtp._tls." + domain;
                    TlsRptJudge.Judgement j = TlsRptJudge.judge(domain,
                            await(rpt, () -> timedOut(rptName), why -> failed(rptName, why)));
                    rptFacts = j.facts();
                    findings.addAll(j.findings());
                }
                return new Outcome(stsFacts, rptFacts, findings);
            } finally {
                pool.shutdownNow();
            }
        }

        /**
         * The lookup's result, waited for until {@link TimeBudget#POLICY_WAIT_GRACE_MILLIS} past the deadline;
         * {@code onTimeout} when it is still running then (or the wait was interrupted), {@code onError} with a
         * reason if it threw.
         */
        private <T> T await(Future<T> future, Supplier<T> onTimeout, java.util.function.Function<String, T> onError) {
            Waited<T> waited = deadline.plus(Duration.ofMillis(TimeBudget.POLICY_WAIT_GRACE_MILLIS)).await(future);
            if (waited instanceof Waited.Completed<T> done) {
                return done.value();
            }
            if (waited instanceof Waited.Failed<T> failed) {
                // e.g. a name over 255 octets (a long domain plus "_mta-sts."): a failed lookup, not a failed check.
                Throwable cause = failed.cause();
                return onError.apply(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            }
            return onTimeout.get();
        }

        private static TxtLookup failed(String name, String why) {
            return new TxtLookup.Failed(DnsFailure.OTHER, name + ": " + why);
        }

        private static TxtLookup timedOut(String name) {
            return new TxtLookup.Failed(DnsFailure.TIMEOUT, name + ": not finished within the overall timeout");
        }
    }
}
