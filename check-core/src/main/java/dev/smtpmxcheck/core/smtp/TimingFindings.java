package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code SLOW_RESPONSE} findings: the connect, greeting and total times of one address against their ranges
 * (Monitoring Plugins range syntax, in seconds). Pure.
 */
public final class TimingFindings {

    /**
     * The warning and critical range of one measured time; either may be null.
     *
     * @param warning WARNING when the value alerts in this range
     * @param critical CRITICAL when the value alerts in this range (checked first)
     */
    public record Thresholds(Range warning, Range critical) {
        /** No thresholds. */
        public static final Thresholds NONE = new Thresholds(null, null);
    }

    private TimingFindings() {}

    /**
     * One SLOW_RESPONSE per measured time that alerts, CRITICAL before WARNING:
     * <ul>
     *   <li>connect: {@link AddressReport#connectMillis()}, from the start of the TCP connect to the connection;</li>
     *   <li>greeting: {@code greeting().millis()}, from the established connection to the end of the 220 reply;</li>
     *   <li>total: {@link AddressReport#totalMillis()}, from the start of the connect to the end of the main dialogue
     *       (QUIT; the STARTTLS injection test's own connection is not counted).</li>
     * </ul>
     * A time that was not measured (connect failed, no greeting) is not judged.
     *
     * @param subject the address subject
     * @param a what the probe saw
     */
    public static List<Finding> of(String subject, AddressReport a, Thresholds connect, Thresholds greeting,
            Thresholds total) {
        List<Finding> out = new ArrayList<>();
        a.connect().seen().ifPresent(millis -> judge(out, subject, "connect", millis, connect));
        a.greeting().seen().ifPresent(g -> judge(out, subject, "greeting", g.millis(), greeting));
        if (a.connect().isDone()) {
            judge(out, subject, "total", a.totalMillis(), total);
        }
        return out;
    }

    private static void judge(List<Finding> out, String subject, String what, long millis, Thresholds t) {
        double seconds = millis / 1000.0;
        String message = String.format(Locale.ROOT, "%s after %.3f s", what, seconds);
        if (t.critical() != null && t.critical().alerts(seconds)) {
            out.add(Finding.of(FindingCode.SLOW_RESPONSE, Severity.CRITICAL, subject,
                    message + " (critical range " + t.critical() + ")"));
        } else if (t.warning() != null && t.warning().alerts(seconds)) {
            out.add(Finding.of(FindingCode.SLOW_RESPONSE, Severity.WARNING, subject,
                    message + " (warning range " + t.warning() + ")"));
        }
    }
}
