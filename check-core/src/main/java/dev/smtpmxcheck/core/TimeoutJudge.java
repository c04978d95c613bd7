package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.dns.DnsFailure;
import dev.smtpmxcheck.core.dns.MxHost;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code -t N:STATE} rule of the monitoring plugins: a finding that says something did not answer in time, and
 * that would be CRITICAL or WARNING, gets the state the administrator chose instead. A timeout graded WARNING (at an
 * address while another address of the domain delivers) is a timeout all the same, so it follows the chosen state too;
 * timeouts graded INFO or OK stay as they are. With the default state, CRITICAL, the caller does not apply the rule and
 * every timeout keeps the grading it earned. Pure; decides on the codes and on the
 * typed failures behind the findings, never on their words.
 *
 * <p>A timeout is {@code SMTP_TIMEOUT} or {@code DNS_TIMEOUT}; an {@code MX_UNREACHABLE} or
 * {@code TLS_HANDSHAKE_FAILED} of an address whose failure {@linkplain Failure#timedOut() timed out}; an
 * {@code MX_HOST_NO_ADDRESS} of a host whose address lookup timed out ({@link DnsFailure#TIMEOUT}).
 */
final class TimeoutJudge {
    private final Set<String> timedOut;

    /**
     * @param reports the probed hosts and their addresses
     * @param hosts the MX hosts as resolved, with their address lookup failures
     */
    TimeoutJudge(List<MxReport> reports, List<MxHost> hosts) {
        Set<String> subjects = new HashSet<>();
        for (MxReport mx : reports) {
            for (AddressReport a : mx.addresses()) {
                if (a.failure().filter(Failure::timedOut).isPresent()) {
                    subjects.add(Subjects.address(mx.host(), a.address(), a.port()));
                }
            }
        }
        for (MxHost h : hosts) {
            if (h.addressFailure() == DnsFailure.TIMEOUT) {
                subjects.add(h.name());
            }
        }
        this.timedOut = Set.copyOf(subjects);
    }

    /** True when {@code f} says that something did not answer in time. */
    boolean isTimeout(Finding f) {
        switch (f.code()) {
            case SMTP_TIMEOUT:
            case DNS_TIMEOUT:
                return true;
            case MX_UNREACHABLE:
            case TLS_HANDSHAKE_FAILED:
            case MX_HOST_NO_ADDRESS:
                return timedOut.contains(f.subject());
            default:
                return false;
        }
    }

    /**
     * {@code findings} with every CRITICAL or WARNING timeout at {@code chosen} instead; the others unchanged.
     *
     * @param chosen the state of {@code -t N:STATE}
     */
    List<Finding> apply(List<Finding> findings, Severity chosen) {
        return findings.stream()
                .map(f -> isTimeout(f) && (f.severity() == Severity.CRITICAL || f.severity() == Severity.WARNING)
                        ? f.withSeverity(chosen) : f)
                .toList();
    }
}
