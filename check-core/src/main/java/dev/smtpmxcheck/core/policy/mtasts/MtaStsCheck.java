package dev.smtpmxcheck.core.policy.mtasts;

import dev.smtpmxcheck.core.dns.TxtLookup;
import dev.smtpmxcheck.core.dns.TxtResolver;
import dev.smtpmxcheck.core.time.Deadline;
import java.util.Objects;

/**
 * The network half of the MTA-STS check (RFC 8461 §3): looks up {@code _mta-sts.<domain>} and, when exactly one
 * valid {@code v=STSv1} record is there, fetches the policy. {@link StsJudge} judges the result.
 */
public final class MtaStsCheck {
    private final TxtResolver txt;
    private final PolicySource fetcher;

    /** Fetches the policy of a domain; {@link PolicyFetcher#fetch} in production, a fake in tests. */
    @FunctionalInterface
    public interface PolicySource {
        /**
         * @param domain the policy domain, A-labels without trailing dot
         * @param deadline the fetch ends by then
         * @return the response body or why there is none; never throws for network trouble
         */
        PolicyFetcher.Result fetch(String domain, Deadline deadline);
    }

    /**
     * @param txt the TXT resolver (the check's DNS)
     * @param fetcher the HTTPS side, e.g. {@code policyFetcher::fetch}
     */
    public MtaStsCheck(TxtResolver txt, PolicySource fetcher) {
        this.txt = Objects.requireNonNull(txt, "txt");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /**
     * Discovers the MTA-STS policy of {@code domain}; never throws for DNS, network or server trouble.
     *
     * @param domain A-labels without trailing dot
     * @param deadline everything ends by then
     */
    public StsDiscovery discover(String domain, Deadline deadline) {
        TxtLookup lookup = txt.lookupTxt("_mta-sts." + domain);
        if (lookup instanceof TxtLookup.Records records
                && StsRecord.select(records.texts()) instanceof StsRecord.Selection.Valid) {
            return new StsDiscovery(lookup, fetcher.fetch(domain, deadline));
        }
        return new StsDiscovery(lookup, null);
    }
}
