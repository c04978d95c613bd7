package dev.smtpmxcheck.core.policy.mtasts;

import dev.smtpmxcheck.core.dns.TxtLookup;
import java.util.Objects;

/**
 * What the network said about a domain's MTA-STS, before any judgement: the TXT lookup at {@code _mta-sts.<domain>}
 * and, when there was exactly one valid record, the policy fetch.
 *
 * @param txt the TXT lookup
 * @param fetch the policy fetch, or null when none was tried (no single valid record)
 */
public record StsDiscovery(TxtLookup txt, PolicyFetcher.Result fetch) {
    public StsDiscovery {
        Objects.requireNonNull(txt, "txt");
    }
}
