package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.delivery.DeliveryGrading;
import dev.smtpmxcheck.core.delivery.DeliveryJudge;
import dev.smtpmxcheck.core.diagnostics.AddressDiagnostics;
import dev.smtpmxcheck.core.dnsbl.DnsblFindings;
import dev.smtpmxcheck.core.dnsbl.DnsblLookup;
import dev.smtpmxcheck.core.family.FamilyParityJudge;
import dev.smtpmxcheck.core.dns.DnsFailure;
import dev.smtpmxcheck.core.dns.DnsFindings;
import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.dns.MxHost;
import dev.smtpmxcheck.core.dns.MxLookup;
import dev.smtpmxcheck.core.dns.MxResolver;
import dev.smtpmxcheck.core.policy.dane.DaneCheck;
import dev.smtpmxcheck.core.policy.dane.DnssecResolver;
import dev.smtpmxcheck.core.policy.dane.DnssecTlsaResolver;
import dev.smtpmxcheck.core.policy.dane.MxDnssecCheck;
import dev.smtpmxcheck.core.policy.dane.TlsaResolver;
import dev.smtpmxcheck.core.policy.DomainPolicyCheck;
import dev.smtpmxcheck.core.policy.requiretls.RequireTlsJudge;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.Verdict;
import dev.smtpmxcheck.core.smtp.DiagnosticFindings;
import dev.smtpmxcheck.core.smtp.ProbeSettings;
import dev.smtpmxcheck.core.smtp.SmtpFindings;
import dev.smtpmxcheck.core.smtp.SmtpProbe;
import dev.smtpmxcheck.core.smtp.TimingFindings;
import dev.smtpmxcheck.core.smtp.TlsVersionScanner;
import dev.smtpmxcheck.core.tls.CertificateFindings;
import dev.smtpmxcheck.core.tls.ExpiryRule;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.Ticker;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.time.Waited;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one entry point of the front ends: checks where a domain's mail goes and whether each mail host
 * takes it safely (MX → per-address SMTP probe → STARTTLS → certificate → relay probe → findings → state).
 *
 * <p>Every address is probed concurrently (at most {@link CheckOptions#maxParallel()} at once). The
 * whole check ends by {@link CheckOptions#timeout()}: a probe that has not returned by then is
 * reported as {@link FindingCode#SMTP_TIMEOUT} and abandoned.
 */
public final class MailCheck {

    /** Probes one address; {@link SmtpProbe#probe} in production, a fake in tests. */
    @FunctionalInterface
    public interface AddressProber {
        /**
         * @param mxName MX host name without trailing dot
         * @param address the address
         * @param deadline return by then
         */
        AddressReport probe(String mxName, InetAddress address, Deadline deadline);
    }

    private final MxResolver resolver;
    private final AddressProber prober;
    private final CheckOptions options;
    private final Clock clock;
    private final Ticker ticker = Ticker.SYSTEM;
    private final DaneCheck dane;
    private final MxDnssecCheck dnssec;
    private final DomainPolicyCheck policies;
    private final AddressDiagnostics diagnostics;

    /**
     * A check with its I/O parts given (for tests and other front ends), without DANE and without the per-domain
     * policy checks (MTA-STS, TLS-RPT).
     *
     * @param resolver the DNS side
     * @param prober the SMTP side
     * @param options deadlines, thresholds, which probes to run
     * @param clock the wall clock for the report's start time and certificate expiry (deadlines are measured on the
     *     monotonic clock)
     */
    public MailCheck(MxResolver resolver, AddressProber prober, CheckOptions options, Clock clock) {
        this(resolver, prober, null, null, options, clock, null, null, null);
    }

    /**
     * A check with all its I/O parts given; every optional part may be null to leave it out.
     *
     * @param resolver the DNS side
     * @param prober the SMTP side
     * @param tlsaResolver the TLSA records of each MX host with their DNSSEC status (RFC 7672), or null to skip DANE
     * @param dnssecResolver the DNSSEC status of the MX RRset and of each MX host's addresses (RFC 7672 §2.2.1), or
     *     null to leave it unchecked (the report's {@code mxDnssec} and each host's {@code addressDnssec} stay null)
     * @param options deadlines, thresholds, which probes to run
     * @param clock the wall clock for the report's start time and certificate expiry (deadlines are measured on the
     *     monotonic clock)
     * @param policies MTA-STS and TLS-RPT (RFC 8461, RFC 8460) for {@link #checkDomain}, or null for none
     * @param dnsbl the blocklist lookups of each address, run beside its probe, or null for none
     * @param sessionProber one more session without the relay probe, for {@code --probes N}; null to use
     *     {@code prober}
     */
    public MailCheck(MxResolver resolver, AddressProber prober, TlsaResolver tlsaResolver,
            DnssecResolver dnssecResolver, CheckOptions options, Clock clock, DomainPolicyCheck policies,
            DnsblLookup.Starter dnsbl, AddressProber sessionProber) {
        this.resolver = resolver;
        this.prober = prober;
        this.options = options;
        this.clock = clock;
        this.dane = tlsaResolver == null ? null : new DaneCheck(tlsaResolver, options.port());
        this.dnssec = dnssecResolver == null ? null : new MxDnssecCheck(dnssecResolver);
        this.policies = policies;
        // The TLS version scan talks to the addresses itself (BouncyCastle TLS, its own connections); the reverse
        // lookups go through the resolver.
        this.diagnostics = new AddressDiagnostics(
                options.diagnostics().tlsScan() ? new TlsVersionScanner(new ProbeSettings(options.port(),
                        options.stageTimeout(), options.ehloName(), false, null, null))::scan : null,
                options.diagnostics().reverseDns() ? resolver::reverse : null, dnsbl,
                (sessionProber != null ? sessionProber : prober)::probe, options.diagnostics().sessions());
    }

    /**
     * Checks a domain through its MX records (or implicit MX), with dnsjava and real sockets.
     *
     * @param domain the domain as the user typed it (Unicode or A-labels)
     * @param options how to check
     * @return the report; never null, never throws for DNS or network trouble
     * @throws IllegalArgumentException when {@code domain} is not a valid domain name, or the EHLO name,
     *     relay addresses (see {@link SmtpProbe}: nothing that could end or add a command line) or CA file are
     *     unusable (one-line message); always before any connection
     */
    public static CheckReport check(String domain, CheckOptions options) {
        String ascii = DomainNames.toAscii(domain);
        return MailCheckFactory.standard(options, ascii, true).checkDomain(ascii);
    }

    /**
     * Checks one mail host directly, without an MX lookup (check_smtp_mx -H).
     *
     * @param host host name or IP literal
     * @param options how to check
     * @throws IllegalArgumentException when {@code host} is not a valid host name or IP literal, or as
     *     {@link #check}
     */
    public static CheckReport checkHost(String host, CheckOptions options) {
        String ascii = DomainNames.hostToAscii(host);
        return MailCheckFactory.standard(options, ascii, false).checkSingleHost(ascii);
    }

    /**
     * Checks {@code domain}: looks up its MX records and probes every address.
     *
     * @param domain A-label domain without trailing dot
     */
    public CheckReport checkDomain(String domain) {
        Instant start = clock.instant();
        long startNanos = ticker.nanos();
        Deadline deadline = deadline();
        MxLookup lookup = lookupWithin(() -> resolver.lookup(domain), deadline, domain + " MX");
        List<Finding> findings = new ArrayList<>(DnsFindings.of(domain, lookup));
        List<MxHost> hosts = new ArrayList<>();
        MxSource source;
        // A domain that takes mail through MX records or its own address: its policies run beside the probes.
        DomainPolicyCheck.Pending pending = policies != null
                && (lookup instanceof MxLookup.Hosts || lookup instanceof MxLookup.Implicit)
                ? policies.start(domain, deadline) : null;
        if (lookup instanceof MxLookup.Hosts found) {
            for (MxHost h : found.hosts()) {
                hosts.add(h.ipLiteral() ? unusableLiteral(h) : h);
            }
            source = MxSource.MX;
        } else if (lookup instanceof MxLookup.Implicit implicit) {
            MxHost self = implicit.domainItself();
            if (!self.addresses().isEmpty()) {
                hosts.add(self);
            }
            source = MxSource.IMPLICIT;
        } else if (lookup instanceof MxLookup.NullMx) {
            source = MxSource.NULL_MX;
        } else {
            source = MxSource.FAILED;
        }
        // A lookup that answered (records, a null MX or none at all) is validated once more (RFC 7672 §2.2.1).
        MxDnssecCheck.Pending validation = dnssec == null || source == MxSource.FAILED ? null
                : dnssec.start(domain, namesWithAddresses(hosts));
        return probeAndJudge(domain, source, hosts, findings, start, startNanos, deadline, pending, validation);
    }

    /**
     * Checks one host directly, as an MX of preference 0.
     *
     * @param host A-label host name or IP literal
     */
    public CheckReport checkSingleHost(String host) {
        Instant start = clock.instant();
        long startNanos = ticker.nanos();
        Deadline deadline = deadline();
        MxLookup lookup = lookupWithin(() -> new MxLookup.Hosts(List.of(resolver.resolveHost(host)), false), deadline,
                host + " A/AAAA");
        List<Finding> findings = new ArrayList<>();
        List<MxHost> hosts = new ArrayList<>();
        if (lookup instanceof MxLookup.Hosts found) {
            MxHost h = found.hosts().get(0);
            hosts.add(h);
            if (h.addresses().isEmpty()) {
                findings.add(Finding.of(FindingCode.MX_HOST_NO_ADDRESS, h.name(),
                        h.name() + " has no address: " + h.addressProblem()));
            }
        } else {
            findings.addAll(DnsFindings.of(host, lookup));
        }
        MxSource source = lookup instanceof MxLookup.Failed ? MxSource.FAILED : MxSource.HOST;
        MxDnssecCheck.Pending validation = dnssec == null ? null : dnssec.start(null, namesWithAddresses(hosts));
        return probeAndJudge(host, source, hosts, findings, start, startNanos, deadline, null, validation);
    }

    /**
     * An MX target written as an IP address, as senders see it: they look the target up as a host name (RFC 5321
     * §5.1), find no address record and cannot deliver there. So it is never probed, whatever address it spells.
     */
    private static MxHost unusableLiteral(MxHost literal) {
        return new MxHost(literal.name(), literal.preference(), List.of(), literal.cnameChain(), true,
                "an IP address written as the MX target: senders look it up as a host name and find no address",
                null);
    }

    /** The end of the work, from now: the overall timeout less {@link TimeBudget#checkReserveMillis the reserve}. */
    private Deadline deadline() {
        long reserve = TimeBudget.checkReserveMillis(options.timeout().toMillis());
        return Deadline.after(options.timeout().minusMillis(reserve), ticker);
    }

    /** The overall timeout for messages: "30 s", "2.5 s". */
    private String timeoutText() {
        return java.math.BigDecimal.valueOf(options.timeout().toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** The names of the hosts that have addresses: those that DANE and DNSSEC look at. */
    private static List<String> namesWithAddresses(List<MxHost> hosts) {
        return hosts.stream().filter(h -> !h.addresses().isEmpty()).map(MxHost::name).toList();
    }

    private CheckReport probeAndJudge(String domain, MxSource source, List<MxHost> hosts, List<Finding> findings,
            Instant start, long startNanos, Deadline deadline, DomainPolicyCheck.Pending pending,
            MxDnssecCheck.Pending validation) {
        DaneCheck.Pending daneLookups = dane == null ? null : dane.start(namesWithAddresses(hosts));
        List<MxReport> reports = FamilyParityJudge.withParity(probeAll(hosts, deadline, findings));
        for (MxReport mx : reports) {
            for (AddressReport a : mx.addresses()) {
                findings.addAll(addressFindings(mx.host(), a));
            }
        }
        if (daneLookups != null) {
            reports = daneLookups.finish(reports, deadline, findings);
        }
        MxDnssecCheck.Outcome validated = validation == null ? null : validation.finish(reports, deadline);
        if (validated != null) {
            reports = validated.reports();
            findings.addAll(validated.findings());
        }
        // NO_IPV6_MX only when IPv6 was probed too, and for a domain (-H names one host, not a domain's mail hosts).
        findings.addAll(FamilyParityJudge.hostFindings(domain, reports, options.family() == AddressFamily.ANY
                && (source == MxSource.MX || source == MxSource.IMPLICIT)));
        findings.addAll(PortBlockedJudge.judge(reports));
        DomainPolicyCheck.Outcome policy = pending == null ? null : pending.finish(reports, clock.instant());
        if (policy != null) {
            findings.addAll(policy.findings());
        }
        RequireTlsJudge.Judged requireTls = source == MxSource.MX || source == MxSource.IMPLICIT
                ? RequireTlsJudge.judge(domain, reports, validated == null ? null : validated.mx(),
                        policy == null ? null : policy.mtaSts())
                : null;
        if (requireTls != null) {
            requireTls.finding().ifPresent(findings::add);
        }
        DomainDelivery delivery = DeliveryJudge.judge(reports, validated == null ? null : validated.mx(),
                policy == null ? null : policy.mtaSts(), options.requireTls(), clock.instant());
        Verdict verdict = Verdict.of(domain, source, reports, DeliveryGrading.grade(findings, delivery), delivery);
        if (options.timeoutSeverity() != Severity.CRITICAL) {
            List<Finding> chosen = new TimeoutJudge(reports, hosts).apply(verdict.findings(), options.timeoutSeverity());
            verdict = Verdict.of(domain, source, reports, chosen, delivery);
        }
        long duration = millisSince(startNanos);
        return new CheckReport(CheckReport.SCHEMA_VERSION, domain, start, duration, verdict.state(), verdict.summary(),
                source, reports, verdict.findings(), policy == null ? null : policy.mtaSts(),
                policy == null ? null : policy.tlsRpt(), validated == null ? null : validated.mx(), delivery,
                requireTls == null ? null : requireTls.facts());
    }

    private List<Finding> addressFindings(String host, AddressReport a) {
        List<Finding> out = new ArrayList<>();
        String subject = Subjects.address(host, a.address(), a.port());
        Optional<Failure> internal = a.failure().filter(f -> f.reason() == FailureReason.INTERNAL);
        if (internal.isPresent()) {
            out.add(Finding.of(FindingCode.INTERNAL_ERROR, subject, internal.get().detail()));
            return out;
        }
        out.addAll(SmtpFindings.of(host, a));
        ExpiryRule expiry = new ExpiryRule(options.certWarningDays(), options.certCriticalDays(),
                options.certPercent().warning(), options.certPercent().critical());
        a.tlsSession().ifPresent(tls -> out.addAll(CertificateFindings.of(subject, tls, expiry, clock.instant())));
        SmtpDiagnosticOptions diag = options.smtpDiagnostics();
        out.addAll(TimingFindings.of(subject, a,
                new TimingFindings.Thresholds(diag.connectTimeWarning(), diag.connectTimeCritical()),
                new TimingFindings.Thresholds(options.greetingTimeWarning(), options.greetingTimeCritical()),
                new TimingFindings.Thresholds(diag.totalTimeWarning(), diag.totalTimeCritical())));
        out.addAll(DiagnosticFindings.of(subject, a));
        out.addAll(AddressDiagnostics.addressFindings(host, a));
        out.addAll(DnsblFindings.of(subject, a.dnsbl().seen().orElse(null), options.dnsbl().listedCritical()));
        return out;
    }

    private List<MxReport> probeAll(List<MxHost> hosts, Deadline deadline, List<Finding> findings) {
        long submitted = ticker.nanos();
        // The probe honours the deadline itself; the grace only covers scheduling.
        Deadline wait = deadline.plus(Duration.ofMillis(TimeBudget.probeWaitGraceMillis(options.timeout().toMillis())));
        List<List<Future<AddressReport>>> futures = new ArrayList<>();
        List<List<InetAddress>> targets = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.maxParallel(), r -> {
            Thread t = new Thread(r, "smtp-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            for (MxHost h : hosts) {
                List<InetAddress> addresses = select(h.addresses());
                targets.add(addresses);
                List<Future<AddressReport>> fs = new ArrayList<>();
                for (InetAddress address : addresses) {
                    fs.add(pool.submit(() -> diagnostics.run(h.name(), address, deadline,
                            () -> prober.probe(h.name(), address, deadline))));
                }
                futures.add(fs);
            }
            List<MxReport> reports = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                MxHost h = hosts.get(i);
                List<Waited<AddressReport>> waited = wait.awaitAll(futures.get(i));
                List<AddressReport> addressReports = new ArrayList<>();
                for (int j = 0; j < targets.get(i).size(); j++) {
                    addressReports.add(report(waited.get(j), targets.get(i).get(j), submitted));
                }
                String problem = h.addressProblem();
                if (problem == null && addressReports.isEmpty() && !h.addresses().isEmpty()) {
                    problem = "no " + (options.family() == AddressFamily.IPV4 ? "IPv4" : "IPv6")
                            + " address (other family excluded by the options)";
                    findings.add(Finding.of(FindingCode.MX_HOST_NO_ADDRESS, h.name(), h.name() + " has " + problem));
                }
                int index = i;
                List<String> notProbed = h.addresses().stream().filter(a -> !targets.get(index).contains(a))
                        .map(Subjects::addressText).toList();
                reports.add(new MxReport(h.name(), h.preference(), h.cnameChain(), problem, addressReports, null, null,
                        null, notProbed));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<InetAddress> select(List<InetAddress> addresses) {
        List<InetAddress> out = new ArrayList<>();
        for (InetAddress a : addresses) {
            boolean v4 = a instanceof Inet4Address;
            boolean v6 = a instanceof Inet6Address;
            if (options.family() == AddressFamily.ANY || (v4 && options.family() == AddressFamily.IPV4)
                    || (v6 && options.family() == AddressFamily.IPV6)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The report of one address's probe, or a report saying why there is none. */
    private AddressReport report(Waited<AddressReport> waited, InetAddress address, long startedNanos) {
        if (waited instanceof Waited.Completed<AddressReport> done) {
            return done.value();
        }
        String text = Subjects.addressText(address);
        if (waited instanceof Waited.TimedOut) {
            return failed(text, FailureReason.DEADLINE,
                    "the probe did not finish within the overall timeout of " + timeoutText(), startedNanos);
        }
        if (waited instanceof Waited.Failed<AddressReport> failed) {
            return failed(text, FailureReason.INTERNAL, "internal error: " + failed.cause(), startedNanos);
        }
        return failed(text, FailureReason.INTERNAL, "interrupted", startedNanos);
    }

    /** A report for a probe that did not return; its total time is the time since it was started. */
    private AddressReport failed(String address, FailureReason reason, String why, long startedNanos) {
        return AddressReport.unfinished(address, options.port(), Failure.of(null, reason, why),
                millisSince(startedNanos));
    }

    /** Milliseconds on the monotonic clock since {@code startNanos}, never negative. */
    private long millisSince(long startNanos) {
        return Math.max(0, (ticker.nanos() - startNanos) / 1_000_000);
    }

    /**
     * Runs a lookup, giving up at {@code deadline}.
     *
     * @param what the query for messages, e.g. "example.com MX"
     */
    private MxLookup lookupWithin(java.util.function.Supplier<MxLookup> lookup, Deadline deadline, String what) {
        ExecutorService dns = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dns-lookup");
            t.setDaemon(true);
            return t;
        });
        try {
            Waited<MxLookup> waited = deadline.await(dns.submit(lookup::get));
            if (waited instanceof Waited.Completed<MxLookup> done) {
                return done.value();
            }
            if (waited instanceof Waited.TimedOut) {
                return new MxLookup.Failed(DnsFailure.TIMEOUT, what + ": no answer within the overall timeout of "
                        + timeoutText());
            }
            if (waited instanceof Waited.Failed<MxLookup> failed) {
                if (failed.cause() instanceof IllegalArgumentException invalid) {
                    throw invalid;
                }
                // A bug, not a DNS answer: let the front end report it as UNKNOWN rather than blame the domain.
                throw new IllegalStateException(what + ": internal error in the DNS lookup: " + failed.cause(),
                        failed.cause());
            }
            return new MxLookup.Failed(DnsFailure.OTHER, what + ": interrupted");
        } finally {
            dns.shutdownNow();
        }
    }
}
