package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.dns.DnsjavaResolver;
import dev.smtpmxcheck.core.dnsbl.DnsblLookup;
import dev.smtpmxcheck.core.policy.DomainPolicyCheck;
import dev.smtpmxcheck.core.policy.dane.DnssecResolver;
import dev.smtpmxcheck.core.policy.dane.DnssecTlsaResolver;
import dev.smtpmxcheck.core.policy.dane.TlsaResolver;
import dev.smtpmxcheck.core.policy.mtasts.MtaStsCheck;
import dev.smtpmxcheck.core.policy.mtasts.PolicyFetcher;
import dev.smtpmxcheck.core.smtp.ProbeSettings;
import dev.smtpmxcheck.core.smtp.SmtpProbe;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.tls.TlsInspector;
import java.time.Clock;
import java.time.Duration;

/**
 * The production wiring of a {@link MailCheck}: dnsjava for DNS, real sockets for SMTP, the JDK's trust store (or
 * the CA file of the options) for TLS, dnsjava's validator for DANE, {@code java.net.http} for MTA-STS policies.
 * {@link MailCheck} itself only orchestrates.
 */
final class MailCheckFactory {
    private MailCheckFactory() {}

    /**
     * The production check.
     *
     * @param domain the checked domain (or host), for the relay variants
     * @param isDomain true for a domain, false for a host checked with -H: then there is no domain whose postmaster
     *     to ask, and the postmaster probe does not run
     */
    static MailCheck standard(CheckOptions options, String domain, boolean isDomain) {
        Clock clock = Clock.systemUTC();
        Duration dnsTimeout = min(options.stageTimeout(), options.timeout().dividedBy(TimeBudget.DNS_QUERY_SHARE));
        DnsjavaResolver resolver = new DnsjavaResolver(options.dnsServers(), dnsTimeout,
                options.timeout().dividedBy(TimeBudget.DNS_LOOKUP_SHARE));
        TlsInspector inspector = new TlsInspector(options.caFile(), clock);
        SmtpDiagnosticOptions diag = options.smtpDiagnostics();
        SmtpProbe probe = new SmtpProbe(new ProbeSettings(options.port(), options.stageTimeout(), options.ehloName(),
                options.relayProbe(), options.relayFrom(), options.relayTo(), options.relayProbe() && diag.relayVariants(),
                domain, diag.starttlsInjection(), options.postmasterTest(), isDomain ? domain : null), inspector::inspect);
        DomainPolicyCheck policies = null;
        if (options.stsRpt().mtaSts() || options.stsRpt().tlsRpt()) {
            // The trust store is read only when a domain publishes a policy to fetch.
            PolicyFetcher fetcher = new PolicyFetcher(() -> PolicyFetcher.sslContext(inspector.anchors()),
                    host -> resolver.resolveHost(host).addresses(), 443, options.stageTimeout());
            policies = new DomainPolicyCheck(resolver, new MtaStsCheck(resolver, fetcher::fetch), options.stsRpt().mtaSts(),
                    options.stsRpt().tlsRpt());
        }
        DnsblLookup.Starter dnsbl = options.dnsbl().enabled()
                ? new DnsblLookup(DnsjavaResolver.newResolver(options.dnsServers(), dnsTimeout), options.dnsbl().zones())::start
                : null;
        TlsaResolver tlsa = tlsaResolver(options, dnsTimeout);
        // A validating TLSA resolver also gives the DNSSEC status of the MX lookup, as MailCheck's 6-argument form does.
        // The extra sessions of --probes N: the dialogue up to TLS and EHLO again, without the relay probe.
        SmtpProbe session = new SmtpProbe(new ProbeSettings(options.port(), options.stageTimeout(), options.ehloName(),
                false, null, null), inspector::inspect);
        return new MailCheck(resolver, probe::probe, tlsa, tlsa instanceof DnssecResolver d ? d : null, options, clock,
                policies, dnsbl, session::probe);
    }

    /**
     * The TLSA resolver the options ask for (null when DANE is off): dnsjava's validator over the check's
     * resolvers, or their AD bit.
     *
     * @throws IllegalArgumentException when the trust anchor file cannot be used (one-line message)
     */
    private static TlsaResolver tlsaResolver(CheckOptions options, Duration queryTimeout) {
        DaneOptions dane = options.dane();
        if (!dane.enabled()) {
            return null;
        }
        org.xbill.DNS.Resolver head = DnsjavaResolver.newResolver(options.dnsServers(), queryTimeout);
        return dane.trustAd() ? DnssecTlsaResolver.trustingAd(head, queryTimeout)
                : DnssecTlsaResolver.validating(head, dane.trustAnchorFile(), queryTimeout);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
