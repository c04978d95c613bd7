package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.Verdict;
import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJson;
import dev.smtpmxcheck.core.testing.CheckReportBuilder;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports of a two-MX domain for the gate tests, judged by check-core's {@link Verdict} and read back from their JSON
 * as the step does with the report the agent returns.
 */
final class GateReports {
    private GateReports() {}

    static final String MX1 = "mx1.example.test";
    static final String MX2 = "mx2.example.test";

    /** The subject of MX n's only address (127.0.0.n, port 25). */
    static String address(int n) {
        return Subjects.address(n == 1 ? MX1 : MX2, "127.0.0." + n, 25);
    }

    /** example.test with both MX accepting and the given findings. */
    static ReportJson report(Finding... findings) {
        return report("example.test", List.of(), findings);
    }

    /**
     * A report of {@code domain} whose MX n (1 or 2) in {@code down} refuses connections (with an MX_UNREACHABLE
     * finding), plus {@code findings}.
     */
    static ReportJson report(String domain, List<Integer> down, Finding... findings) {
        List<MxReport> mx = new ArrayList<>();
        List<Finding> all = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String ip = "127.0.0." + n;
            AddressReport a = down.contains(n) ? Reports.unreachable(ip, FailureReason.REFUSED, "connection refused") : Reports.accepting(ip);
            mx.add(MxReports.mx(n == 1 ? MX1 : MX2, n * 10, a));
            if (down.contains(n)) {
                all.add(Finding.of(FindingCode.MX_UNREACHABLE, address(n), "connect: connection refused"));
            }
        }
        all.addAll(List.of(findings));
        Verdict v = Verdict.of(domain, MxSource.MX, mx, all);
        return JsonReport.read(JsonReport.write(CheckReportBuilder.checkReport(domain,
                Instant.parse("2026-11-30T01:00:00Z"), 120, v.state(), v.summary(), MxSource.MX, mx, v.findings())
                .build()));
    }

    static Finding expired(int n) {
        return Finding.of(FindingCode.CERT_EXPIRED, address(n), "expired 5 days ago, on 2026-11-25");
    }

    static Finding bannerLeak(int n) {
        return Finding.of(FindingCode.BANNER_VERSION_LEAK, address(n), "greeting names Postfix 3.7.11");
    }
}
