package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.json.AddressJson;
import dev.smtpmxcheck.core.report.json.MxJson;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.ArrayList;
import java.util.List;

/**
 * What the build page shows for one domain: the state, an MX table and the findings with their fixes.
 * The Jenkins views read it through the record accessors; every text is shown escaped.
 *
 * @param domain the domain
 * @param state the state name ("OK", "WARNING", "CRITICAL", "UNKNOWN")
 * @param summary the one-line summary
 * @param rows one row per MX address (one per MX host without usable address), in preference order
 * @param findings every finding, worst first
 */
public record BuildSummary(String domain, String state, String summary, List<Row> rows,
        List<ReportJson.Finding> findings) {

    public BuildSummary {
        rows = List.copyOf(rows);
        findings = List.copyOf(findings);
    }

    /**
     * One line of the MX table. Absent facts are "—".
     *
     * @param preference the MX preference (RFC 5321 §5.1)
     * @param host the MX host
     * @param address the address probed ("—" when the host has none)
     * @param reachable true when the address greeted with 220 and answered EHLO or HELO
     * @param reachability "yes", or "no: " and why (the probe's failure or the host's address problem)
     * @param tlsVersion the negotiated protocol after STARTTLS, e.g. "TLSv1.3"
     * @param certDaysLeft days until the first relied-on certificate expires, as text
     * @param relay the open-relay verdict: "refused", "OPEN", "inconclusive" or "not tested"
     */
    public record Row(int preference, String host, String address, boolean reachable, String reachability,
            String tlsVersion, String certDaysLeft, String relay) {}

    /** The page model of {@code report} (of this build, or read back from an earlier one). */
    public static BuildSummary of(ReportJson report) {
        List<Row> rows = new ArrayList<>();
        for (MxJson host : report.mx()) {
            if (host.addresses().isEmpty()) {
                rows.add(new Row(host.preference(), host.host(), DASH, false,
                        "no: " + (host.addressProblem() == null ? "no address" : host.addressProblem()), DASH, DASH, DASH));
                continue;
            }
            for (AddressJson a : host.addresses()) {
                boolean ok = AddressFacts.acceptsSessions(a);
                String tls = AddressFacts.tlsVersion(a);
                Integer days = AddressFacts.certDaysLeft(a);
                String relay = AddressFacts.relay(a);
                rows.add(new Row(host.preference(), host.host(), a.address() + ":" + a.port(), ok,
                        ok ? "yes" : "no: " + (a.failure() == null ? "no session" : ConsoleSummary.oneLine(a.failure())),
                        tls == null ? DASH : tls, days == null ? DASH : days.toString(),
                        relay == null ? "not tested" : relay.equals("OPEN") ? "OPEN" : relay.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return new BuildSummary(report.domain(), report.state().name(), report.summary(), rows, report.findings());
    }

    private static final String DASH = "—";
}
