package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.json.AddressJson;
import dev.smtpmxcheck.core.report.json.MxJson;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value the {@code smtpMxCheck} step returns to the Pipeline script: a {@link LinkedHashMap} holding only
 * String, Integer, Boolean, {@link ArrayList} and further such maps, so that it is serializable with the
 * Pipeline's program state and readable in the Groovy sandbox ({@code r.state == 'WARNING'}).
 *
 * <p>Keys (documented in {@code src-docs/src/docs/asciidoc/jenkins.adoc}): {@code domain}, {@code state},
 * {@code summary}, {@code result} (the build result this check asks for), {@code firstBuild},
 * {@code previousState} (null on a first build), {@code regressions} (lines: the findings' changes, then the MTA-STS
 * cache changes) and {@code improvements} (lists of lines),
 * {@code findings} (maps with {@code code}, {@code severity}, {@code subject}, {@code message},
 * {@code remediation}), {@code mx} (maps with {@code host}, {@code preference}, {@code addressProblem},
 * {@code addresses}: maps with {@code address}, {@code port}, {@code reachable}, {@code failure},
 * {@code connectMillis}, {@code tlsVersion}, {@code cipherSuite}, {@code certDaysLeft}, {@code relay}),
 * {@code delivery} (who can deliver, per class of sender and per address; null for a report without it).
 * Absent facts are null.
 */
public final class PipelineMap {
    private PipelineMap() {}

    /** The Map for one domain's report and its gate verdict. */
    public static Map<String, Object> of(ReportJson report, GateVerdict verdict) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", report.domain());
        m.put("state", report.state().name());
        m.put("summary", report.summary());
        m.put("result", verdict.result().name());
        m.put("firstBuild", verdict.firstBuild());
        m.put("previousState", verdict.previousState() == null ? null : verdict.previousState().name());
        List<Object> regressions = lines(verdict.regressions());
        verdict.stsChanges().forEach(c -> regressions.add(ConsoleSummary.describe(c)));
        regressions.addAll(verdict.deliveryLost());
        m.put("regressions", regressions);
        m.put("improvements", lines(verdict.improvements()));
        List<Object> findings = new ArrayList<>();
        for (ReportJson.Finding f : report.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("code", f.code().name());
            fm.put("severity", f.severity().name());
            fm.put("subject", f.subject());
            fm.put("message", f.message());
            fm.put("remediation", f.remediation());
            findings.add(fm);
        }
        m.put("findings", findings);
        List<Object> mx = new ArrayList<>();
        for (MxJson host : report.mx()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("host", host.host());
            hm.put("preference", host.preference());
            hm.put("addressProblem", host.addressProblem());
            List<Object> addresses = new ArrayList<>();
            for (AddressJson a : host.addresses()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("address", a.address());
                am.put("port", a.port());
                am.put("reachable", AddressFacts.acceptsSessions(a));
                am.put("failure", a.failure());
                am.put("connectMillis", a.connectMillis() == null ? null : AddressFacts.clamp(a.connectMillis()));
                am.put("tlsVersion", AddressFacts.tlsVersion(a));
                am.put("cipherSuite", a.tls() == null ? null : a.tls().cipherSuite());
                am.put("certDaysLeft", AddressFacts.certDaysLeft(a));
                am.put("relay", AddressFacts.relay(a));
                addresses.add(am);
            }
            hm.put("addresses", addresses);
            mx.add(hm);
        }
        m.put("mx", mx);
        m.put("delivery", delivery(report.delivery()));
        return m;
    }

    /**
     * The delivery matrix: a map with {@code classes} (maps with {@code sender}, {@code applies}, {@code enforced},
     * {@code canDeliver}) and {@code addresses} (maps with {@code host}, {@code address}, {@code port} and one key per
     * class, {@code OPPORTUNISTIC}, {@code MTA_STS}, {@code DANE}, whose value is {@code YES}, {@code NO} with the
     * reason ({@code "NO: CERT_UNTRUSTED"}) or {@code NOT_APPLICABLE}); null for a report without it.
     */
    private static Map<String, Object> delivery(ReportJson.Delivery d) {
        if (d == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requireTls", d.requireTls());
        List<Object> classes = new ArrayList<>();
        for (ReportJson.DeliveryClass c : d.classes()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("sender", c.sender());
            cm.put("applies", c.applies());
            cm.put("enforced", c.enforced());
            cm.put("canDeliver", c.canDeliver());
            classes.add(cm);
        }
        m.put("classes", classes);
        List<Object> addresses = new ArrayList<>();
        for (ReportJson.DeliveryAddress a : d.addresses()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("host", a.host());
            am.put("address", a.address());
            am.put("port", a.port());
            for (ReportJson.AddressClass c : a.classes()) {
                am.put(c.sender(), c.reason() == null ? c.delivers() : c.delivers() + ": " + c.reason());
            }
            addresses.add(am);
        }
        m.put("addresses", addresses);
        return m;
    }

    private static List<Object> lines(List<FindingChange> changes) {
        List<Object> out = new ArrayList<>();
        for (FindingChange c : changes) {
            out.add(ConsoleSummary.describe(c));
        }
        return out;
    }
}
