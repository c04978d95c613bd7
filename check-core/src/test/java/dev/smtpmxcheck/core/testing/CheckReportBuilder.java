package dev.smtpmxcheck.core.testing;

import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.RequireTlsFacts;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.TlsRptFacts;
import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link CheckReport} for tests with the parts a test needs named: the schema version is
 * {@link CheckReport#SCHEMA_VERSION}, and MTA-STS, TLS-RPT, the DNSSEC status of the MX lookup, the delivery matrix and
 * the REQUIRETLS judgement are null (not checked) unless set.
 */
public final class CheckReportBuilder {
    private int schemaVersion = CheckReport.SCHEMA_VERSION;
    private String domain;
    private Instant startedAt;
    private long durationMillis;
    private State state;
    private String summary;
    private MxSource mxSource;
    private List<MxReport> mx = List.of();
    private List<Finding> findings = List.of();
    private MtaStsFacts mtaSts;
    private TlsRptFacts tlsRpt;
    private DnssecFacts mxDnssec;
    private DomainDelivery delivery;
    private RequireTlsFacts requireTls;

    private CheckReportBuilder() {}

    /**
     * A report of {@code domain} started at {@code startedAt} that took {@code durationMillis} ms, with its verdict
     * ({@code state}, {@code summary}), its mail hosts and findings; every optional part null.
     */
    public static CheckReportBuilder checkReport(String domain, Instant startedAt, long durationMillis, State state,
            String summary, MxSource mxSource, List<MxReport> mx, List<Finding> findings) {
        CheckReportBuilder b = new CheckReportBuilder();
        b.domain = domain;
        b.startedAt = startedAt;
        b.durationMillis = durationMillis;
        b.state = state;
        b.summary = summary;
        b.mxSource = mxSource;
        b.mx = mx;
        b.findings = findings;
        return b;
    }

    /** A builder that starts from every part of {@code report}, the optional ones included. */
    public static CheckReportBuilder from(CheckReport report) {
        return checkReport(report.domain(), report.startedAt(), report.durationMillis(), report.state(),
                report.summary(), report.mxSource(), report.mx(), report.findings())
                .schemaVersion(report.schemaVersion())
                .mtaSts(report.mtaSts())
                .tlsRpt(report.tlsRpt())
                .mxDnssec(report.mxDnssec())
                .delivery(report.delivery())
                .requireTls(report.requireTls());
    }

    public CheckReportBuilder schemaVersion(int v) {
        schemaVersion = v;
        return this;
    }

    public CheckReportBuilder mx(List<MxReport> v) {
        mx = v;
        return this;
    }

    public CheckReportBuilder findings(List<Finding> v) {
        findings = v;
        return this;
    }

    public CheckReportBuilder mtaSts(MtaStsFacts v) {
        mtaSts = v;
        return this;
    }

    public CheckReportBuilder tlsRpt(TlsRptFacts v) {
        tlsRpt = v;
        return this;
    }

    public CheckReportBuilder mxDnssec(DnssecFacts v) {
        mxDnssec = v;
        return this;
    }

    public CheckReportBuilder delivery(DomainDelivery v) {
        delivery = v;
        return this;
    }

    public CheckReportBuilder requireTls(RequireTlsFacts v) {
        requireTls = v;
        return this;
    }

    public CheckReport build() {
        return new CheckReport(schemaVersion, domain, startedAt, durationMillis, state, summary, mxSource, mx, findings,
                mtaSts, tlsRpt, mxDnssec, delivery, requireTls);
    }
}
