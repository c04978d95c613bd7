package dev.smtpmxcheck.gate;

import static dev.smtpmxcheck.gate.GateReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineMapTest {

    @Test
    void holdsStateFindingsAndPerMxFacts() {
        ReportJson was = report();
        ReportJson now = report("example.test", List.of(2));
        GateVerdict v = Gate.judge(new PreviousReport(was, null), now, GateSettings.defaults());

        Map<String, Object> m = PipelineMap.of(now, v);

        assertThat(m).containsEntry("domain", "example.test").containsEntry("state", "WARNING")
                .containsEntry("summary", "1 of 2 MX unreachable (mx2.example.test)").containsEntry("result", "FAILURE")
                .containsEntry("firstBuild", false).containsEntry("previousState", "OK");
        assertThat((List<?>) m.get("regressions")).singleElement().asString()
                .startsWith("new WARNING MX_UNREACHABLE on mx2.example.test [127.0.0.2]:25: connect: connection refused — fix: Open");
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = (Map<String, Object>) ((List<?>) m.get("findings")).get(0);
        assertThat(finding).containsEntry("code", "MX_UNREACHABLE").containsEntry("severity", "WARNING")
                .containsEntry("subject", "mx2.example.test [127.0.0.2]:25").containsKeys("message", "remediation");
        List<?> mx = (List<?>) m.get("mx");
        Map<String, Object> mx1 = map(mx.get(0));
        Map<String, Object> a1 = map(((List<?>) mx1.get("addresses")).get(0));
        Map<String, Object> a2 = map(((List<?>) map(mx.get(1)).get("addresses")).get(0));
        assertThat(mx1).containsEntry("host", "mx1.example.test").containsEntry("preference", 10);
        assertThat(a1).containsEntry("address", "127.0.0.1").containsEntry("port", 25).containsEntry("reachable", true)
                .containsEntry("tlsVersion", "TLSv1.3").containsEntry("certDaysLeft", 80).containsEntry("relay", "REFUSED");
        assertThat(a2).containsEntry("reachable", false).containsEntry("failure", "connection refused")
                .containsEntry("tlsVersion", null).containsEntry("certDaysLeft", null).containsEntry("relay", null);
    }

    @Test
    void containsOnlyJdkTypesTheSandboxAndThePipelineStateCanHold() {
        ReportJson now = report(GateReports.expired(1), GateReports.bannerLeak(2));

        Map<String, Object> m = PipelineMap.of(now, Gate.judge(PreviousReport.none(), now, GateSettings.defaults()));

        assertOnlyJdkTypes(m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static void assertOnlyJdkTypes(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Boolean) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            assertThat(map).isInstanceOf(java.util.LinkedHashMap.class);
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertOnlyJdkTypes(v);
            });
            return;
        }
        if (value instanceof List<?> list) {
            assertThat(list).isInstanceOf(java.util.ArrayList.class);
            list.forEach(PipelineMapTest::assertOnlyJdkTypes);
            return;
        }
        throw new AssertionError("not a JDK value type: " + value.getClass().getName() + " " + value);
    }
}
