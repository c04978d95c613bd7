package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.ProbeStage;
import java.util.List;

/**
 * Suspects the checking host's own egress: when addresses were probed and the connection to every one of them timed
 * out (none refused, none answered), a port-25 block near the checking host is likelier than every MX down at once.
 * Pure.
 */
final class PortBlockedJudge {
    private PortBlockedJudge() {}

    /**
     * @param reports the probed hosts and their addresses
     * @return one {@link FindingCode#OUTBOUND_PORT25_BLOCKED_SUSPECTED} (INFO), or nothing
     */
    static List<Finding> judge(List<MxReport> reports) {
        List<AddressReport> all = reports.stream().flatMap(m -> m.addresses().stream()).toList();
        boolean allConnectTimeouts = !all.isEmpty() && all.stream().allMatch(a -> a.connect().failed()
                .filter(PortBlockedJudge::connectTimedOut).isPresent());
        if (!allConnectTimeouts) {
            return List.of();
        }
        return List.of(Finding.of(FindingCode.OUTBOUND_PORT25_BLOCKED_SUSPECTED, "checking host",
                "all " + all.size() + " connections to port " + all.get(0).port()
                        + " timed out and none was refused"));
    }

    private static boolean connectTimedOut(Failure f) {
        return f.stage() == ProbeStage.CONNECT && f.reason() == FailureReason.TIMEOUT;
    }
}
