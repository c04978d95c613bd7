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
 * @param delivery the delivery table: first the domain as a whole, then one row per MX address; empty for a report
 *     without the delivery matrix
 */
public record BuildSummary(String domain, String state, String summary, List<Row> rows,
        List<ReportJson.Finding> findings, List<DeliveryRow> delivery) {

    public BuildSummary {
        rows = List.copyOf(rows);
        findings = List.copyOf(findings);
        delivery = List.copyOf(delivery);
    }

    /**
     * One line of the delivery table: whether each class of sender delivers (RFC 3207, RFC 8461 §4, RFC 7672 §3).
     *
     * @param where "all MX" for the domain as a whole, else the address ("mx1.example.com 192.0.2.1:25")
     * @param opportunistic "yes", "no" or "no: " and why
     * @param mtaSts likewise for MTA-STS senders, or "n/a" when the domain has no enforce or testing policy
     *     ("yes (testing)" and "no (testing)" for the domain under a testing policy)
     * @param dane likewise for DANE senders, or "n/a" where no DNSSEC-secure TLSA records invite them
     */
    public record DeliveryRow(String where, String opportunistic, String mtaSts, String dane) {}

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

    /**
     * The domain's line of the delivery table in words, for the build's main page: "opportunistic: yes · MTA-STS: no
     * (certificate expired or not yet valid) · DANE: n/a". A class that can deliver to no MX gets the reason of the
     * first address in preference order that refuses it (RFC 5321 §5.1: senders fall back to the next MX), a class
     * under an MTA-STS testing policy "(testing)" as in the table.
     *
     * @return the line, or "" for a report without the delivery matrix
     */
    public String deliveryLine() {
        if (delivery.isEmpty()) {
            return "";
        }
        DeliveryRow domain = delivery.get(0);
        List<DeliveryRow> addresses = delivery.subList(1, delivery.size());
        return "opportunistic: " + domainCell(domain.opportunistic(), addresses, DeliveryRow::opportunistic)
                + " · MTA-STS: " + domainCell(domain.mtaSts(), addresses, DeliveryRow::mtaSts)
                + " · DANE: " + domainCell(domain.dane(), addresses, DeliveryRow::dane);
    }

    /** "no" with the first refusing address's reason in brackets ("no (testing; ...)" under a testing policy). */
    private static String domainCell(String cell, List<DeliveryRow> addresses,
            java.util.function.Function<DeliveryRow, String> column) {
        if (!cell.startsWith("no")) {
            return cell;
        }
        String why = addresses.stream().map(column).filter(c -> c.startsWith("no: ")).map(c -> c.substring(4))
                .findFirst().orElse(null);
        boolean testing = cell.endsWith("(testing)");
        if (why == null) {
            return cell;
        }
        return "no (" + (testing ? "testing; " : "") + why + ")";
    }

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
        return new BuildSummary(report.domain(), report.state().name(), report.summary(), rows, report.findings(),
                delivery(report.delivery()));
    }

    private static List<DeliveryRow> delivery(ReportJson.Delivery d) {
        List<DeliveryRow> rows = new ArrayList<>();
        if (d == null) {
            return rows;
        }
        java.util.Map<String, String> domain = new java.util.HashMap<>();
        for (ReportJson.DeliveryClass c : d.classes()) {
            domain.put(c.sender(), !c.applies() ? "n/a" : (c.canDeliver() ? "yes" : "no")
                    + (c.enforced() ? "" : " (testing)"));
        }
        rows.add(new DeliveryRow("all MX", domain.getOrDefault("OPPORTUNISTIC", DASH),
                domain.getOrDefault("MTA_STS", DASH), domain.getOrDefault("DANE", DASH)));
        for (ReportJson.DeliveryAddress a : d.addresses()) {
            java.util.Map<String, String> cells = new java.util.HashMap<>();
            for (ReportJson.AddressClass c : a.classes()) {
                cells.put(c.sender(), cell(c));
            }
            rows.add(new DeliveryRow(a.host() + " " + a.address() + ":" + a.port(),
                    cells.getOrDefault("OPPORTUNISTIC", DASH), cells.getOrDefault("MTA_STS", DASH),
                    cells.getOrDefault("DANE", DASH)));
        }
        return rows;
    }

    /** "yes", "n/a", or "no: " and the reason in words. */
    private static String cell(ReportJson.AddressClass c) {
        if ("YES".equals(c.delivers())) {
            return "yes";
        }
        if (!"NO".equals(c.delivers())) {
            return "n/a";
        }
        try {
            return "no: " + dev.smtpmxcheck.core.report.DeliveryReason.valueOf(c.reason()).text();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return c.reason() == null ? "no" : "no: " + c.reason();
        }
    }

    private static final String DASH = "—";
}
