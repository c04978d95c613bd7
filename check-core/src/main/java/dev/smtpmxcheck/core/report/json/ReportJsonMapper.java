package dev.smtpmxcheck.core.report.json;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureJudge;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DaneAddress;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.RequireTlsFacts;
import dev.smtpmxcheck.core.report.SessionSample;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.EsmtpExtensions;
import dev.smtpmxcheck.core.report.FamilyParity;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.DnsblFacts;
import dev.smtpmxcheck.core.report.DnsblResult;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TlsRptFacts;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import java.util.List;
import java.util.function.Function;

/**
 * The one place that reads the internal report records for JSON: turns a {@link CheckReport} into the
 * {@link ReportJson} of schema {@link ReportJson#SCHEMA_VERSION}. When an internal record changes, only this class
 * changes with it; the JSON golden files tell whether the schema stayed the same.
 */
public final class ReportJsonMapper {
    private ReportJsonMapper() {}

    /** The JSON model of {@code report}; its {@code schemaVersion} is always {@link ReportJson#SCHEMA_VERSION}. */
    public static ReportJson toJson(CheckReport report) {
        return new ReportJson(ReportJson.SCHEMA_VERSION, report.domain(), report.startedAt(), report.durationMillis(),
                report.state(), report.summary(), report.mxSource(), map(report.mx(), ReportJsonMapper::mx),
                map(report.findings(), ReportJsonMapper::finding), mtaSts(report.mtaSts()), tlsRpt(report.tlsRpt()),
                dnssec(report.mxDnssec()), delivery(report.delivery()), requireTls(report.requireTls()));
    }

    private static ReportJson.RequireTls requireTls(RequireTlsFacts r) {
        return r == null ? null : new ReportJson.RequireTls(r.advertisedBy(), r.notAdvertisedBy(), r.authenticatedBy(),
                r.honourable(), r.reason());
    }

    private static ReportJson.Delivery delivery(DomainDelivery d) {
        return d == null ? null : new ReportJson.Delivery(d.requireTls(), map(d.classes(),
                c -> new ReportJson.DeliveryClass(c.sender().name(), c.applies(), c.enforced(), c.canDeliver())),
                map(d.addresses(), a -> new ReportJson.DeliveryAddress(a.host(), a.preference(), a.address(), a.port(),
                        map(a.classes(), c -> new ReportJson.AddressClass(c.sender().name(), c.delivers().name(),
                                name(c.reason()))))));
    }

    private static ReportJson.Finding finding(Finding f) {
        return new ReportJson.Finding(f.code(), f.severity(), f.subject(), f.message(), f.remediation());
    }

    private static ReportJson.MtaSts mtaSts(MtaStsFacts s) {
        return s == null ? null : new ReportJson.MtaSts(s.records(), s.id(), s.policyUrl(), s.httpStatus(),
                s.contentType(), s.mode(), s.mx(), s.maxAgeSeconds(), s.mxNotCovered(), s.mxNotSecure(), s.policySha256());
    }

    private static ReportJson.TlsRpt tlsRpt(TlsRptFacts t) {
        return t == null ? null : new ReportJson.TlsRpt(t.records(), t.rua());
    }

    private static MxJson mx(MxReport m) {
        return new MxJson(m.host(), m.preference(), m.cnameChain(), m.addressProblem(),
                map(m.addresses(), ReportJsonMapper::address), dane(m.dane()), parity(m.parity()),
                dnssec(m.addressDnssec()));
    }

    private static ReportJson.Dnssec dnssec(DnssecFacts d) {
        return d == null ? null : new ReportJson.Dnssec(d.status().name(), d.detail());
    }

    private static MxJson.Dane dane(DaneReport d) {
        return d == null ? null : new MxJson.Dane(d.tlsaName(), name(d.dnssec()), d.detail(), d.records(),
                map(d.addresses(), ReportJsonMapper::daneAddress));
    }

    private static MxJson.DaneAddress daneAddress(DaneAddress a) {
        return new MxJson.DaneAddress(a.address(), a.matched(), a.chainPosition(), a.detail());
    }

    private static MxJson.Parity parity(FamilyParity p) {
        return p == null ? null : new MxJson.Parity(p.ipv4Reachable(), p.ipv6Reachable(), p.ipv4Certificates(),
                p.ipv6Certificates(), p.ipv4GreetingHosts(), p.ipv6GreetingHosts());
    }

    private static AddressJson address(AddressReport a) {
        // Schema 1 has one field per stage with its facts (null when there are none) and the failure that ended
        // the dialogue as stage, finding code and words.
        Failure f = a.failure().orElse(null);
        return new AddressJson(a.address(), a.port(), f == null ? null : name(f.stage()),
                f == null ? null : FailureJudge.code(f), f == null ? null : f.detail(),
                a.connect().seen().orElse(null), greeting(facts(a.greeting())), ehlo(facts(a.ehlo())),
                tls(facts(a.tls())), ehlo(facts(a.ehloAfterTls())), relay(facts(a.relay())), a.totalMillis(),
                a.transcript(), extensions(facts(a.extensions())), injection(facts(a.starttlsInjection())),
                tlsVersions(facts(a.tlsVersions())), reverseDns(facts(a.reverseDns())), dnsbl(facts(a.dnsbl())),
                postmaster(facts(a.postmaster())), sessions(facts(a.sessions())));
    }

    private static AddressJson.Postmaster postmaster(PostmasterFacts p) {
        return p == null ? null : new AddressJson.Postmaster(p.reversePath(), p.forwardPath(), reply(p.mailReply()),
                reply(p.rcptReply()), p.verdict().name());
    }

    /** What a stage saw: its facts when done, what it saw before failing, or null. */
    private static <T> T facts(Outcome<T> outcome) {
        return outcome.seen().orElse(null);
    }

    private static AddressJson.Reply reply(SmtpReply r) {
        return r == null ? null : new AddressJson.Reply(r.code(), r.enhancedCode(), r.lines());
    }

    private static AddressJson.Greeting greeting(Greeting g) {
        return g == null ? null
                : new AddressJson.Greeting(reply(g.reply()), g.millis(), g.announcedHost(), g.software(), g.version());
    }

    private static AddressJson.Ehlo ehlo(Ehlo e) {
        return e == null ? null : new AddressJson.Ehlo(e.command(), reply(e.reply()),
                map(e.keywords(), ReportJsonMapper::keyword));
    }

    private static AddressJson.Keyword keyword(EhloKeyword k) {
        return new AddressJson.Keyword(k.keyword(), k.params());
    }

    private static TlsJson tls(TlsFacts t) {
        return t == null ? null : new TlsJson(t.protocol(), t.cipherSuite(), t.handshakeMillis(), t.sni(),
                map(t.chain(), ReportJsonMapper::certificate), name(t.trust()), t.trustDetail(), t.nameMatches(),
                t.trustedPath());
    }

    private static TlsJson.Certificate certificate(CertificateFacts c) {
        return new TlsJson.Certificate(c.position(), c.subject(), c.issuer(), c.serial(), c.notBefore(), c.notAfter(),
                c.daysLeft(), c.dnsNames(), c.ipAddresses(), c.subjectCommonName(), c.keyAlgorithm(), c.keyBits(),
                c.signatureAlgorithm(), c.selfSigned(), c.sha256Fingerprint(), c.der());
    }

    private static AddressJson.Relay relay(RelayFacts r) {
        return r == null ? null : new AddressJson.Relay(r.reversePath(), r.forwardPath(), reply(r.mailReply()),
                reply(r.rcptReply()), name(r.verdict()), r.reason(),
                r.variants() == null ? null : map(r.variants(), ReportJsonMapper::variant));
    }

    private static AddressJson.RelayVariant variant(RelayVariantFacts v) {
        return new AddressJson.RelayVariant(name(v.variant()), v.reversePath(), v.forwardPath(), reply(v.mailReply()),
                reply(v.rcptReply()), name(v.verdict()), v.reason());
    }

    private static AddressJson.Extensions extensions(EsmtpExtensions e) {
        return e == null ? null : new AddressJson.Extensions(e.afterTls(), e.pipelining(), e.chunking(),
                e.eightBitMime(), e.smtpUtf8(), e.requireTls(), e.size(), e.sizeLimit());
    }

    private static AddressJson.StartTlsInjection injection(StartTlsInjectionFacts s) {
        return s == null ? null : new AddressJson.StartTlsInjection(name(s.verdict()), s.injected(),
                reply(s.firstReplyInTls()), s.reason(), s.millis());
    }

    private static AddressJson.TlsVersions tlsVersions(TlsVersionScan s) {
        return s == null ? null : new AddressJson.TlsVersions(map(s.versions(), v -> new AddressJson.VersionResult(
                v.version(), name(v.outcome()), v.cipherSuite(), v.detail())), s.dhPrimeBits(), s.weakSuite(),
                s.weakSuiteDetail(), s.keyExchangeGroup(), s.postQuantum() == null ? null
                        : new AddressJson.PostQuantum(s.postQuantum().group(), name(s.postQuantum().outcome()),
                                s.postQuantum().detail()));
    }

    private static AddressJson.ReverseDns reverseDns(ReverseDns r) {
        return r == null ? null : new AddressJson.ReverseDns(r.ptrNames(), r.confirmedNames(), r.problem());
    }

    private static List<AddressJson.Session> sessions(List<SessionSample> samples) {
        return samples == null ? null : samples.stream().map(s -> new AddressJson.Session(s.failureCode(), s.failure(),
                s.greetingHost(), s.starttlsOffered(), s.leafSha256(), s.millis())).toList();
    }

    private static AddressJson.Dnsbl dnsbl(DnsblFacts d) {
        return d == null ? null : new AddressJson.Dnsbl(d.listings(), map(d.results(), ReportJsonMapper::dnsblList));
    }

    private static AddressJson.DnsblList dnsblList(DnsblResult r) {
        if (r instanceof DnsblResult.Listed l) {
            return new AddressJson.DnsblList(l.zone(), l.query(), "LISTED", l.codes(), l.meanings(), l.reason(), null,
                    null);
        }
        if (r instanceof DnsblResult.Unchecked u) {
            return new AddressJson.DnsblList(u.zone(), u.query(), "UNCHECKED", u.codes(), List.of(), null,
                    name(u.why()), u.detail());
        }
        return new AddressJson.DnsblList(r.zone(), r.query(), "NOT_LISTED", List.of(), List.of(), null, null, null);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <A, B> List<B> map(List<A> list, Function<A, B> f) {
        return list.stream().map(f).toList();
    }
}
